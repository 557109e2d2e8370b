package io.decisioning.service.assessment;

import static org.assertj.core.api.Assertions.assertThat;

import io.decisioning.service.ApiClient.Response;
import io.decisioning.service.ApiClient;
import io.decisioning.service.assessment.AssessmentService;
import io.decisioning.service.customer.CrmFixtures;
import io.decisioning.service.system.NotFoundException;
import io.decisioning.service.system.Role;
import io.decisioning.service.system.UserAccount;
import java.time.LocalDate;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Assessments over real HTTP: current, evaluate, history, warnings lifecycle, access. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AssessmentControllerTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    AssessmentService assessments;

    ApiClient api;
    CrmFixtures crm;
    LocalDate today;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        crm = CrmFixtures.inALargeBook(jdbc);
        today = CrmFixtures.today();
    }

    @Test
    void theFirstReadEvaluatesAndStoresTheAssessmentWithEveryFeatureByName() {
        long id = crm.customer();
        crm.policy(id, "ACTIVE", today.minusYears(4), today.plusYears(1), "12000.00");
        String customerNo = crm.customerNo(id);

        Response response = api.get("/api/v1/customers/" + customerNo + "/assessment", "underwriter");

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode body = response.json();
        assertThat(body.get("customerNo").asString()).isEqualTo(customerNo);
        assertThat(body.get("grade").asString()).isEqualTo("HIGH_QUALITY");
        assertThat(body.get("tier").asString()).isIn("GOLD", "SILVER");
        assertThat(body.get("trigger").asString()).isEqualTo("MANUAL");
        assertThat(body.get("valueScore").asInt()).isBetween(0, 100);
        assertThat(body.get("riskScore").asInt()).isBetween(0, 100);
        assertThat(body.get("blacklisted").asBoolean()).isFalse();
        JsonNode profile = body.get("profile");
        assertThat(profile.propertyNames()).contains("annualPremium", "premium3y", "paid3y", "lossRatio3y", "claims12m",
                "earlyClaims12m", "claimFreeYears", "tenureYears", "premiumSharePct", "premiumRankPct");
        assertThat(profile.get("annualPremium").asDouble()).isEqualTo(12000.00);
        assertThat(profile.get("tenureYears").asInt()).isEqualTo(4);
        assertThat(body.get("rulePacks").get("grading").asInt()).isEqualTo(1);
        assertThat(body.get("reasons").toString()).contains("HIGH_QUALITY", "value points");
        for (JsonNode reason : body.get("reasons")) {
            assertThat(reason.propertyNames()).as("a scorecard rule's reason too: its card and points stay out")
                    .containsExactly("pack", "version", "rule", "message");
        }
        assertThat(jdbc.sql("SELECT COUNT(*) FROM assessment WHERE customer_id = :id").param("id", id)
                .query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void aPhoneTheCrmChangedIsMatchedAgainstTheBlacklistAtTheNextEvaluation() {
        long id = crm.customer();
        crm.policy(id, "ACTIVE", today.minusYears(2), today.plusYears(1), "5000.00");
        String customerNo = crm.customerNo(id);
        String evaluate = "/api/v1/customers/" + customerNo + "/evaluate";
        String blacklistedPhone = "13" + String.format("%09d", Math.floorMod(System.nanoTime(), 1_000_000_000L));
        Response added = api.post("/api/v1/blacklist", """
                {"phone": "+86 %s", "reasonCode": "FRAUD", "note": "a phone used in staged accidents"}
                """.formatted(blacklistedPhone), "approver");
        assertThat(added.status()).as(added.body()).isEqualTo(201);
        assertThat(api.post(evaluate, null, "underwriter").json().get("blacklisted").asBoolean()).isFalse();
        String keysBefore = matchKeysHash(id);

        jdbc.sql("UPDATE customer SET phone = :phone WHERE id = :id").param("phone", blacklistedPhone).param("id", id).update();
        JsonNode after = api.post(evaluate, null, "underwriter").json();

        assertThat(after.get("blacklisted").asBoolean()).as(after.toString()).isTrue();
        assertThat(jdbc.sql("SELECT key_value FROM customer_match_key WHERE customer_id = :id AND key_type = 'PHONE'")
                .param("id", id).query(String.class).single()).isEqualTo(blacklistedPhone);
        String keysAfter = matchKeysHash(id);
        assertThat(keysAfter).isNotNull().isNotEqualTo(keysBefore);

        // keys unchanged since: evaluated from the stored keys, the hit stays
        assertThat(api.post(evaluate, null, "underwriter").json().get("blacklisted").asBoolean()).isTrue();
        assertThat(matchKeysHash(id)).isEqualTo(keysAfter);
    }

    private String matchKeysHash(long customerId) {
        return jdbc.sql("SELECT match_keys_hash FROM assessment WHERE customer_id = :id").param("id", customerId)
                .query(String.class).single();
    }

    @Test
    void anAssessmentAndAPreBindCheckSayHowNearTheCustomerCameToAnotherGrade() {
        long id = crm.customer();
        long policy = crm.policy(id, "ACTIVE", today.minusYears(4).minusDays(10), today.plusYears(1), "12000.00");
        crm.claim(id, policy, today.minusYears(2).minusDays(10), "SETTLED", "9000.00");
        String customerNo = crm.customerNo(id);

        JsonNode body = api.post("/api/v1/customers/" + customerNo + "/evaluate", null, "underwriter").json();

        assertThat(body.get("profile").get("claimFreeYears").asInt()).isEqualTo(2);
        assertThat(body.get("grade").asString()).isEqualTo("STANDARD");
        assertThat(body.get("nearMisses").toString())
                .contains("\"rule\":\"GRD-060 High quality by claim-free years\"")
                .contains("would be HIGH_QUALITY if claimFreeYears >= 3 (now 2)");
        JsonNode stored = api.get("/api/v1/customers/" + customerNo + "/assessment", "underwriter").json();
        assertThat(stored.get("nearMisses")).as("kept with the current assessment").isEqualTo(body.get("nearMisses"));
        JsonNode history = api.get("/api/v1/customers/" + customerNo + "/assessments", "underwriter").json();
        assertThat(history.get(0).get("nearMisses").isNull()).as("history rows do not keep them").isTrue();

        JsonNode check = api.post("/api/v1/checks/pre-bind", """
                {"customerNo":"%s","productLine":"AUTO","premium":3200}
                """.formatted(customerNo), "underwriter").json();
        assertThat(check.get("nearMisses").toString()).contains("would be HIGH_QUALITY if claimFreeYears >= 3 (now 2)");
    }

    @Test
    void historyGetsARowOnlyWhenTheOutcomeChangesNewestFirst() {
        long id = crm.customer();
        long policy = crm.policy(id, "ACTIVE", today.minusMonths(6), "3000.00");
        String customerNo = crm.customerNo(id);
        String evaluate = "/api/v1/customers/" + customerNo + "/evaluate";

        assertThat(api.post(evaluate, null, "underwriter").json().get("grade").asString()).isEqualTo("STANDARD");
        api.post(evaluate, null, "underwriter");
        assertThat(api.get("/api/v1/customers/" + customerNo + "/assessments", "underwriter").json()).hasSize(1);

        for (int i = 1; i <= 3; i++) {
            crm.claim(id, policy, today.minusMonths(i), "OPEN");
        }
        JsonNode changed = api.post(evaluate, null, "underwriter").json();
        assertThat(changed.get("grade").asString()).isEqualTo("POOR_QUALITY");

        JsonNode history = api.get("/api/v1/customers/" + customerNo + "/assessments", "underwriter").json();
        assertThat(history).hasSize(2);
        assertThat(history.get(0).get("grade").asString()).isEqualTo("POOR_QUALITY");
        assertThat(history.get(1).get("grade").asString()).isEqualTo("STANDARD");
    }

    @Test
    void aWarningIsRaisedOnceAndResolvedByTheSystemWhenItNoLongerHolds() {
        long id = crm.customer();
        long policy = crm.policy(id, "ACTIVE", today.minusMonths(6), "3000.00");
        String customerNo = crm.customerNo(id);
        String evaluate = "/api/v1/customers/" + customerNo + "/evaluate";
        long early = crm.claim(id, policy, today.minusMonths(6).plusDays(10), "OPEN");

        assertThat(api.post(evaluate, null, "underwriter").json().get("warnings").toString()).contains("EARLY_CLAIM");
        api.post(evaluate, null, "underwriter");
        assertThat(warnings(id, "OPEN")).isEqualTo(1);

        jdbc.sql("UPDATE claim SET status = 'WITHDRAWN' WHERE id = :id").param("id", early).update();
        assertThat(api.post(evaluate, null, "underwriter").json().get("warnings")).isEmpty();
        assertThat(warnings(id, "OPEN")).isZero();
        assertThat(jdbc.sql("SELECT resolved_by FROM warning WHERE customer_id = :id AND status = 'RESOLVED'")
                .param("id", id).query(String.class).single()).isEqualTo("system");
    }

    @Test
    void unknownCustomersAre404AndAccessFollowsTheRoles() {
        long id = crm.customer();
        String customerNo = crm.customerNo(id);
        assertThat(api.get("/api/v1/customers/NO-SUCH-CUSTOMER/assessment", "underwriter").status()).isEqualTo(404);
        assertThat(api.get("/api/v1/customers/NO-SUCH-CUSTOMER/assessments", "analyst").status()).isEqualTo(404);
        assertThat(api.post("/api/v1/customers/NO-SUCH-CUSTOMER/evaluate", null, "admin").status()).isEqualTo(404);
        assertThat(api.get("/api/v1/customers/" + customerNo + "/assessment", null).status()).isEqualTo(401);
        assertThat(api.get("/api/v1/customers/" + customerNo + "/assessment", "auditor").status()).isEqualTo(403);
        assertThat(api.post("/api/v1/customers/" + customerNo + "/evaluate", null, "analyst").status()).isEqualTo(403);
        assertThat(api.get("/api/v1/customers/" + customerNo + "/assessments?limit=0", "analyst").status()).isEqualTo(400);
    }

    @Test
    void aUserSeesOnlyCustomersOfTheirBranchSubtree() {
        long id = crm.customer();
        String customerNo = crm.customerNo(id);
        UserAccount shenzhen = new UserAccount("sz", "x", Set.of(Role.UNDERWRITER), "GD-SZ");
        UserAccount guangdong = new UserAccount("gd", "x", Set.of(Role.UNDERWRITER), "GD");
        UserAccount beijing = new UserAccount("bj", "x", Set.of(Role.UNDERWRITER), "BJ");
        UserAccount guangdongLookalike = new UserAccount("gdx", "x", Set.of(Role.UNDERWRITER), "GD-S");

        assertThat(assessments.history(customerNo, shenzhen, 10)).isNotNull();
        assertThat(assessments.history(customerNo, guangdong, 10)).isNotNull();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> assessments.history(customerNo, beijing, 10))
                .isInstanceOf(NotFoundException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> assessments.evaluate(customerNo, guangdongLookalike))
                .isInstanceOf(NotFoundException.class);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM assessment WHERE customer_id = :id").param("id", id)
                .query(Integer.class).single()).isZero();
    }

    private int warnings(long customerId, String status) {
        return jdbc.sql("SELECT COUNT(*) FROM warning WHERE customer_id = :id AND status = :status")
                .param("id", customerId).param("status", status).query(Integer.class).single();
    }
}
