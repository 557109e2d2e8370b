package io.decisioning.service.warning;

import static io.decisioning.service.Pages.ids;
import static io.decisioning.service.ProblemAssertions.assertConflict;
import static io.decisioning.service.ProblemAssertions.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.decisioning.rules.WarningType;
import io.decisioning.service.ApiClient.Response;
import io.decisioning.service.ApiClient;
import io.decisioning.service.customer.CrmFixtures;
import io.decisioning.service.system.NotFoundException;
import io.decisioning.service.system.Role;
import io.decisioning.service.system.UserAccount;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The warnings API over real HTTP, against the real database: customers made with claims so that
 * the default rules raise warnings, evaluated, then listed, acknowledged and resolved.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class WarningApiTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    WarningService warnings;

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
    void anEvaluationRaisesAWarningThatIsListedWithTheContractFields() {
        Claimant claimant = claimant(3, false);
        evaluate(claimant);

        JsonNode page = list("customerNo=" + claimant.no(), "underwriter");

        assertThat(page.get("total").asLong()).isEqualTo(1);
        assertThat(page.get("items")).hasSize(1);
        JsonNode item = page.get("items").get(0);
        assertThat(item.propertyNames())
                .contains("id", "customerNo", "type", "severity", "message", "status", "raisedAt");
        assertThat(item.get("id").asLong()).isPositive();
        assertThat(item.get("customerNo").asString()).isEqualTo(claimant.no());
        assertThat(item.get("type").asString()).isEqualTo("REPEAT_CLAIMANT");
        assertThat(item.get("severity").asString()).isEqualTo("MEDIUM");
        assertThat(item.get("message").asString()).contains("3");
        assertThat(item.get("status").asString()).isEqualTo("OPEN");
        assertThat(item.get("raisedAt").asString()).isNotBlank();
        assertThat(item.get("acknowledgedBy").isNull()).isTrue();
        assertThat(item.get("resolvedBy").isNull()).isTrue();

        Response one = api.get("/api/v1/warnings/" + item.get("id").asLong(), "analyst");
        assertThat(one.status()).as(one.body()).isEqualTo(200);
        assertThat(one.json()).isEqualTo(item);
    }

    @Test
    void theListFiltersByStatusTypeSeverityAndCustomer() {
        Claimant early = claimant(5, true);
        Claimant repeat = claimant(3, false);
        evaluate(early);
        evaluate(repeat);
        long earlyClaim = warningId(early, WarningType.EARLY_CLAIM);
        long highRepeat = warningId(early, WarningType.REPEAT_CLAIMANT);
        long mediumRepeat = warningId(repeat, WarningType.REPEAT_CLAIMANT);
        assertThat(api.post("/api/v1/warnings/" + earlyClaim + "/acknowledge", "{}", "approver").status()).isEqualTo(200);

        assertThat(ids(list("customerNo=" + early.no(), "underwriter")))
                .containsExactly(Math.max(highRepeat, earlyClaim), Math.min(highRepeat, earlyClaim));
        assertThat(ids(list("customerNo=" + early.no() + "&type=EARLY_CLAIM", "underwriter"))).containsExactly(earlyClaim);
        assertThat(ids(list("customerNo=" + early.no() + "&severity=HIGH", "underwriter"))).containsExactly(highRepeat);
        assertThat(ids(list("customerNo=" + early.no() + "&status=ACKNOWLEDGED", "underwriter")))
                .containsExactly(earlyClaim);
        assertThat(ids(list("customerNo=" + early.no() + "&status=OPEN", "underwriter"))).containsExactly(highRepeat);
        assertThat(list("customerNo=" + early.no() + "&status=RESOLVED", "underwriter").get("total").asLong()).isZero();
        assertThat(ids(list("customerNo=" + repeat.no() + "&type=REPEAT_CLAIMANT&severity=MEDIUM&status=OPEN",
                "underwriter"))).containsExactly(mediumRepeat);
        assertThat(ids(list("customerNo=" + repeat.no() + "&severity=HIGH", "underwriter"))).isEmpty();

        JsonNode acknowledgedEarlyClaims = list("status=ACKNOWLEDGED&type=EARLY_CLAIM&size=500", "analyst");
        assertThat(ids(acknowledgedEarlyClaims)).contains(earlyClaim).doesNotContain(highRepeat, mediumRepeat);
        assertThat(acknowledgedEarlyClaims.get("items").valueStream()
                .map(item -> item.get("type").asString() + "/" + item.get("status").asString()))
                .containsOnly("EARLY_CLAIM/ACKNOWLEDGED");
    }

    @Test
    void eachWarningCarriesItsCategoryAndTheListFiltersByCategoryAndByTheCustomersAccountManager() {
        Claimant managed = claimant(3, false);
        Claimant other = claimant(3, false);
        String manager = "AM-" + CrmFixtures.uniqueNumber();
        jdbc.sql("UPDATE customer SET account_manager = :manager WHERE id = :id")
                .param("manager", manager).param("id", managed.id()).update();
        evaluate(managed);
        evaluate(other);
        long warning = warningId(managed, WarningType.REPEAT_CLAIMANT);

        assertThat(list("customerNo=" + managed.no(), "underwriter").get("items").get(0).get("category").asString())
                .isEqualTo("RISK");
        assertThat(api.get("/api/v1/customers/" + managed.no() + "/assessment", "underwriter").json()
                .get("warnings").get(0).get("category").asString()).isEqualTo("RISK");
        assertThat(ids(list("accountManager=" + manager, "underwriter"))).containsExactly(warning);
        assertThat(ids(list("accountManager=" + manager + "&category=RISK&status=OPEN", "underwriter")))
                .containsExactly(warning);
        assertThat(ids(list("accountManager=" + manager + "&category=SERVICE", "underwriter"))).isEmpty();
        assertThat(ids(list("customerNo=" + other.no() + "&category=RISK", "underwriter"))).hasSize(1);
        Response unknown = api.get("/api/v1/warnings?category=URGENT", "underwriter");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("errors").get(0).get("field").asString()).isEqualTo("category");
    }

    @Test
    void theListIsPagedNewestFirstWithTheTotal() {
        Claimant claimant = claimant(5, true);
        evaluate(claimant);
        List<Long> all = ids(list("customerNo=" + claimant.no(), "underwriter"));

        assertThat(all).hasSize(2).isSortedAccordingTo((a, b) -> Long.compare(b, a));
        JsonNode first = list("customerNo=" + claimant.no() + "&size=1", "underwriter");
        JsonNode second = list("customerNo=" + claimant.no() + "&size=1&page=1", "underwriter");
        JsonNode beyond = list("customerNo=" + claimant.no() + "&size=1&page=2", "underwriter");
        assertThat(ids(first)).containsExactly(all.get(0));
        assertThat(ids(second)).containsExactly(all.get(1));
        assertThat(ids(beyond)).isEmpty();
        assertThat(List.of(first, second, beyond)).allSatisfy(page -> assertThat(page.get("total").asLong()).isEqualTo(2));
    }

    @Test
    void acknowledgingThenResolvingRecordsWhoWhenAndWhyAndIsAudited() {
        Claimant claimant = claimant(3, false);
        evaluate(claimant);
        long id = warningId(claimant, WarningType.REPEAT_CLAIMANT);

        Response acknowledged = api.post("/api/v1/warnings/" + id + "/acknowledge", """
                {"note": "  Calling the customer's agent.  "}""", "approver");

        assertThat(acknowledged.status()).as(acknowledged.body()).isEqualTo(200);
        JsonNode ack = acknowledged.json();
        assertThat(ack.get("id").asLong()).isEqualTo(id);
        assertThat(ack.get("status").asString()).isEqualTo("ACKNOWLEDGED");
        assertThat(ack.get("acknowledgedBy").asString()).isEqualTo("approver");
        assertThat(ack.get("acknowledgedAt").asString()).isNotBlank();
        assertThat(ack.get("acknowledgeNote").asString()).isEqualTo("Calling the customer's agent.");
        assertThat(ack.get("resolvedBy").isNull()).isTrue();

        Response resolved = api.post("/api/v1/warnings/" + id + "/resolve", """
                {"note": "Claims are genuine: three storms in one season."}""", "admin");

        assertThat(resolved.status()).as(resolved.body()).isEqualTo(200);
        JsonNode res = resolved.json();
        assertThat(res.get("status").asString()).isEqualTo("RESOLVED");
        assertThat(res.get("resolvedBy").asString()).isEqualTo("admin");
        assertThat(res.get("resolvedAt").asString()).isNotBlank();
        assertThat(res.get("resolveNote").asString()).isEqualTo("Claims are genuine: three storms in one season.");
        assertThat(res.get("acknowledgedBy").asString()).isEqualTo("approver");
        assertThat(api.get("/api/v1/warnings/" + id, "underwriter").json()).isEqualTo(res);

        List<Map<String, Object>> audit = audit(id);
        assertThat(audit).extracting(row -> row.get("action")).containsExactly("WARNING_ACKNOWLEDGE", "WARNING_RESOLVE");
        assertThat(audit).extracting(row -> row.get("actor")).containsExactly("approver", "admin");
        assertThat((String) audit.get(0).get("detail")).contains("\"customerNo\":\"" + claimant.no() + "\"",
                "\"from\":\"OPEN\"", "\"to\":\"ACKNOWLEDGED\"", "Calling the customer's agent.");
        assertThat((String) audit.get(1).get("detail")).contains("\"customerNo\":\"" + claimant.no() + "\"",
                "\"from\":\"ACKNOWLEDGED\"", "\"to\":\"RESOLVED\"", "three storms");
    }

    @Test
    void anOpenWarningCanBeResolvedWithoutAcknowledgingIt() {
        Claimant claimant = claimant(3, false);
        evaluate(claimant);
        long id = warningId(claimant, WarningType.REPEAT_CLAIMANT);

        Response resolved = api.post("/api/v1/warnings/" + id + "/resolve", "{\"note\": \"Known customer.\"}", "approver");

        assertThat(resolved.status()).as(resolved.body()).isEqualTo(200);
        assertThat(resolved.json().get("status").asString()).isEqualTo("RESOLVED");
        assertThat(resolved.json().get("acknowledgedBy").isNull()).isTrue();
        assertThat((String) audit(id).get(0).get("detail")).contains("\"from\":\"OPEN\"", "\"to\":\"RESOLVED\"");
    }

    @Test
    void acknowledgingNeedsNoNoteButResolvingDoes() {
        Claimant claimant = claimant(3, false);
        evaluate(claimant);
        long id = warningId(claimant, WarningType.REPEAT_CLAIMANT);

        Response acknowledged = api.post("/api/v1/warnings/" + id + "/acknowledge", null, "approver");
        assertThat(acknowledged.status()).as(acknowledged.body()).isEqualTo(200);
        assertThat(acknowledged.json().get("acknowledgeNote").isNull()).isTrue();

        assertInvalid(api.post("/api/v1/warnings/" + id + "/resolve", "{}", "approver"), "note");
        assertInvalid(api.post("/api/v1/warnings/" + id + "/resolve", "{\"note\": \"   \"}", "approver"), "note");
        assertInvalid(api.post("/api/v1/warnings/" + id + "/resolve", null, "approver"), "body");
        assertThat(status(id)).isEqualTo("ACKNOWLEDGED");
        assertThat(audit(id)).extracting(row -> row.get("action")).containsExactly("WARNING_ACKNOWLEDGE");
    }

    @Test
    void invalidTransitionsAre409AndChangeNothing() {
        Claimant claimant = claimant(3, false);
        evaluate(claimant);
        long id = warningId(claimant, WarningType.REPEAT_CLAIMANT);
        api.post("/api/v1/warnings/" + id + "/acknowledge", "{\"note\": \"first\"}", "approver");

        assertConflict(api.post("/api/v1/warnings/" + id + "/acknowledge", "{\"note\": \"second\"}", "admin"));
        api.post("/api/v1/warnings/" + id + "/resolve", "{\"note\": \"done\"}", "approver");
        assertConflict(api.post("/api/v1/warnings/" + id + "/resolve", "{\"note\": \"done again\"}", "admin"));
        assertConflict(api.post("/api/v1/warnings/" + id + "/acknowledge", "{}", "admin"));

        JsonNode warning = api.get("/api/v1/warnings/" + id, "approver").json();
        assertThat(warning.get("acknowledgeNote").asString()).isEqualTo("first");
        assertThat(warning.get("resolveNote").asString()).isEqualTo("done");
        assertThat(warning.get("resolvedBy").asString()).isEqualTo("approver");
        assertThat(audit(id)).extracting(row -> row.get("action")).containsExactly("WARNING_ACKNOWLEDGE", "WARNING_RESOLVE");
    }

    @Test
    void concurrentAcknowledgementsOfOneWarningSucceedOnce() throws Exception {
        Claimant claimant = claimant(3, false);
        evaluate(claimant);
        long id = warningId(claimant, WarningType.REPEAT_CLAIMANT);
        int requests = 8;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> statuses = new ArrayList<>();

        ExecutorService pool = Executors.newFixedThreadPool(requests);
        try {
            for (int i = 0; i < requests; i++) {
                String user = i % 2 == 0 ? "approver" : "admin";
                statuses.add(pool.submit(() -> {
                    start.await();
                    return api.post("/api/v1/warnings/" + id + "/acknowledge", "{\"note\": \"mine\"}", user).status();
                }));
            }
            start.countDown();
            List<Integer> answers = new ArrayList<>();
            for (Future<Integer> status : statuses) {
                answers.add(status.get(60, TimeUnit.SECONDS));
            }
            assertThat(answers).containsOnly(200, 409).containsOnlyOnce(200);
        } finally {
            pool.shutdownNow();
        }
        assertThat(audit(id)).hasSize(1);
    }

    @Test
    void aTooLongNoteIs400AndChangesNothing() {
        Claimant claimant = claimant(3, false);
        evaluate(claimant);
        long id = warningId(claimant, WarningType.REPEAT_CLAIMANT);
        String tooLong = "x".repeat(2001);

        assertInvalid(api.post("/api/v1/warnings/" + id + "/acknowledge", "{\"note\": \"" + tooLong + "\"}", "approver"),
                "note");
        assertInvalid(api.post("/api/v1/warnings/" + id + "/resolve", "{\"note\": \"" + tooLong + "\"}", "approver"), "note");
        assertInvalid(api.post("/api/v1/warnings/" + id + "/acknowledge", "{\"comment\": \"hi\"}", "approver"), "comment");

        Map<String, Object> row = jdbc.sql("""
                        SELECT status, acknowledged_by, acknowledge_note, resolved_by, resolve_note FROM warning WHERE id = :id
                        """)
                .param("id", id).query().singleRow();
        assertThat(row.get("status")).isEqualTo("OPEN");
        assertThat(row.get("acknowledged_by")).isNull();
        assertThat(row.get("acknowledge_note")).isNull();
        assertThat(row.get("resolved_by")).isNull();
        assertThat(row.get("resolve_note")).isNull();
        assertThat(audit(id)).isEmpty();
        assertThat(api.post("/api/v1/warnings/" + id + "/resolve", "{\"note\": \"" + "x".repeat(2000) + "\"}", "approver")
                .status()).isEqualTo(200);
    }

    @Test
    void onlyApproversAndAdminsChangeWarningsAndAuditorsReadNone() {
        Claimant claimant = claimant(3, false);
        evaluate(claimant);
        long id = warningId(claimant, WarningType.REPEAT_CLAIMANT);

        assertThat(api.post("/api/v1/warnings/" + id + "/acknowledge", "{}", "underwriter").status()).isEqualTo(403);
        assertThat(api.post("/api/v1/warnings/" + id + "/resolve", "{\"note\": \"no\"}", "underwriter").status()).isEqualTo(403);
        assertThat(api.post("/api/v1/warnings/" + id + "/acknowledge", "{}", "analyst").status()).isEqualTo(403);
        assertThat(api.post("/api/v1/warnings/" + id + "/acknowledge", "{}", "auditor").status()).isEqualTo(403);
        assertThat(api.get("/api/v1/warnings", "auditor").status()).isEqualTo(403);
        assertThat(api.get("/api/v1/warnings/" + id, "auditor").status()).isEqualTo(403);
        assertThat(api.get("/api/v1/warnings", null).status()).isEqualTo(401);
        assertThat(api.post("/api/v1/warnings/" + id + "/acknowledge", "{}", null).status()).isEqualTo(401);
        for (String reader : List.of("underwriter", "analyst", "approver", "admin")) {
            assertThat(api.get("/api/v1/warnings/" + id, reader).status()).as(reader).isEqualTo(200);
        }
        assertThat(status(id)).isEqualTo("OPEN");
        assertThat(audit(id)).isEmpty();
    }

    @Test
    void anUnknownWarningIs404() {
        String unknown = "/api/v1/warnings/" + Long.MAX_VALUE;

        assertThat(api.get(unknown, "underwriter").status()).isEqualTo(404);
        Response acknowledge = api.post(unknown + "/acknowledge", "{}", "approver");
        assertThat(acknowledge.status()).isEqualTo(404);
        assertThat(acknowledge.contentType()).startsWith("application/problem+json");
        assertThat(acknowledge.json().get("type").asString()).endsWith("/not-found");
        assertThat(api.post(unknown + "/resolve", "{\"note\": \"gone\"}", "approver").status()).isEqualTo(404);
    }

    @Test
    void aUserSeesAndChangesOnlyWarningsOfTheirBranchSubtree() {
        Claimant claimant = claimant(3, false);   // branch GD-SZ
        evaluate(claimant);
        long id = warningId(claimant, WarningType.REPEAT_CLAIMANT);
        WarningFilter ofClaimant = new WarningFilter(null, null, null, claimant.no());

        for (String branch : List.of("HQ", "GD", "GD-SZ")) {
            UserAccount user = user(branch);
            assertThat(warnings.list(ofClaimant, user, 0, 50).items()).as(branch)
                    .extracting(Warning::id).containsExactly(id);
            assertThat(warnings.list(ofClaimant, user, 0, 50).total()).as(branch).isEqualTo(1);
            assertThat(warnings.find(id, user).customerNo()).isEqualTo(claimant.no());
        }
        for (String branch : List.of("BJ", "GD-S", "GD-SZ-NS", "G", "G_", "G%", "GD_SZ")) {
            UserAccount user = user(branch);
            assertThat(warnings.list(ofClaimant, user, 0, 50).total()).as(branch).isZero();
            assertThat(warnings.list(WarningFilter.none(), user, 0, 500).items()).as(branch)
                    .extracting(Warning::id).doesNotContain(id);
            assertThatThrownBy(() -> warnings.find(id, user)).as(branch).isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> warnings.acknowledge(id, "not mine", user)).as(branch)
                    .isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> warnings.resolve(id, "not mine", user)).as(branch)
                    .isInstanceOf(NotFoundException.class);
        }
        assertThat(status(id)).isEqualTo("OPEN");
        assertThat(audit(id)).isEmpty();

        assertThat(warnings.acknowledge(id, "Shenzhen is on it.", user("GD")).status()).isEqualTo(WarningStatus.ACKNOWLEDGED);
        assertThat(warnings.resolve(id, "Settled.", user("GD-SZ")).resolvedBy()).isEqualTo("gd-sz-user");
    }

    @Test
    void theSystemResolvesAWarningWhoseRuleNoLongerHolds() {
        Claimant claimant = claimant(3, false);
        evaluate(claimant);
        long id = warningId(claimant, WarningType.REPEAT_CLAIMANT);
        api.post("/api/v1/warnings/" + id + "/acknowledge", "{\"note\": \"watching\"}", "approver");
        evaluate(claimant);
        assertThat(ids(list("customerNo=" + claimant.no(), "underwriter"))).containsExactly(id);
        assertThat(status(id)).isEqualTo("ACKNOWLEDGED");

        jdbc.sql("UPDATE claim SET status = 'WITHDRAWN' WHERE id = :id").param("id", claimant.claims().get(0)).update();
        evaluate(claimant);

        JsonNode warning = api.get("/api/v1/warnings/" + id, "underwriter").json();
        assertThat(warning.get("status").asString()).isEqualTo("RESOLVED");
        assertThat(warning.get("resolvedBy").asString()).isEqualTo("system");
        assertThat(warning.get("resolvedAt").asString()).isNotBlank();
        assertThat(warning.get("acknowledgedBy").asString()).isEqualTo("approver");
        assertThat(jdbc.sql("""
                        SELECT actor FROM audit_event WHERE action = 'WARNING_AUTO_RESOLVE' AND target_type = 'WARNING'
                           AND target_id = :id
                        """).param("id", Long.toString(id)).query(String.class).list()).containsExactly("system");
        assertThat(ids(list("customerNo=" + claimant.no() + "&status=OPEN", "underwriter"))).isEmpty();
        assertThat(ids(list("customerNo=" + claimant.no() + "&status=ACKNOWLEDGED", "underwriter"))).isEmpty();
        assertConflict(api.post("/api/v1/warnings/" + id + "/resolve", "{\"note\": \"too late\"}", "approver"));
    }

    @Test
    void aWarningAPersonResolvedIsRaisedAgainAsANewOneWhileItsRuleHolds() {
        Claimant claimant = claimant(3, false);
        evaluate(claimant);
        long first = warningId(claimant, WarningType.REPEAT_CLAIMANT);
        api.post("/api/v1/warnings/" + first + "/resolve", "{\"note\": \"Spoke to the customer.\"}", "approver");

        evaluate(claimant);
        evaluate(claimant);

        JsonNode page = list("customerNo=" + claimant.no(), "underwriter");
        assertThat(page.get("total").asLong()).isEqualTo(2);
        JsonNode raisedAgain = page.get("items").get(0);
        JsonNode resolved = page.get("items").get(1);
        assertThat(raisedAgain.get("id").asLong()).isGreaterThan(first);
        assertThat(raisedAgain.get("type").asString()).isEqualTo("REPEAT_CLAIMANT");
        assertThat(raisedAgain.get("status").asString()).isEqualTo("OPEN");
        assertThat(resolved.get("id").asLong()).isEqualTo(first);
        assertThat(resolved.get("status").asString()).isEqualTo("RESOLVED");
        assertThat(resolved.get("resolvedBy").asString()).isEqualTo("approver");
        assertThat(resolved.get("resolveNote").asString()).isEqualTo("Spoke to the customer.");
    }

    /**
     * A customer of branch GD-SZ with a policy started 11 months ago and {@code claims} claims (not
     * withdrawn) in the last months: 3 or 4 raise REPEAT_CLAIMANT MEDIUM, 5 HIGH. With
     * {@code early}, the last claim is on a second policy 10 days after it started (EARLY_CLAIM).
     */
    private Claimant claimant(int claims, boolean early) {
        long id = crm.customer();
        long policy = crm.policy(id, "ACTIVE", today.minusMonths(11), "3000.00");
        List<Long> claimIds = new ArrayList<>();
        for (int month = 1; month <= (early ? claims - 1 : claims); month++) {
            claimIds.add(crm.claim(id, policy, today.minusMonths(month), "OPEN"));
        }
        if (early) {
            long second = crm.policy(id, "PROPERTY", "ACTIVE", today.minusMonths(2), today.plusMonths(10), "2000.00");
            claimIds.add(crm.claim(id, second, today.minusMonths(2).plusDays(10), "OPEN"));
        }
        return new Claimant(id, crm.customerNo(id), claimIds);
    }

    private void evaluate(Claimant claimant) {
        Response response = api.post("/api/v1/customers/" + claimant.no() + "/evaluate", null, "admin");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
    }

    private long warningId(Claimant claimant, WarningType type) {
        List<Long> ids = ids(list("customerNo=" + claimant.no() + "&type=" + type + "&status=OPEN", "underwriter"));
        assertThat(ids).as(claimant.no() + " " + type).hasSize(1);
        return ids.get(0);
    }

    private JsonNode list(String query, String user) {
        return api.getJson("/api/v1/warnings?" + query, user);
    }

    private String status(long id) {
        return jdbc.sql("SELECT status FROM warning WHERE id = :id").param("id", id).query(String.class).single();
    }

    private List<Map<String, Object>> audit(long id) {
        return jdbc.sql("""
                        SELECT actor, action, detail FROM audit_event
                         WHERE target_type = 'WARNING' AND target_id = :id ORDER BY id
                        """)
                .param("id", Long.toString(id))
                .query()
                .listOfRows();
    }

    private static UserAccount user(String branch) {
        return new UserAccount(branch.toLowerCase() + "-user", "x", Set.of(Role.APPROVER), branch);
    }

    /** A customer made for a test, with its claims in the order they were made. */
    private record Claimant(long id, String no, List<Long> claims) {
    }
}
