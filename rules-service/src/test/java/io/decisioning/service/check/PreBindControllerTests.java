package io.decisioning.service.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.decisioning.rules.engine.PackCompiler;
import io.decisioning.rules.engine.PackSource;
import io.decisioning.rules.engine.RuleSet;
import io.decisioning.service.ApiClient.Response;
import io.decisioning.service.ApiClient;
import io.decisioning.service.customer.CrmFixtures;
import io.decisioning.service.engine.RuleEngine;
import io.decisioning.service.identity.ResidentId;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** The pre-bind check over real HTTP, on the real database, with the shipped rule packs. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PreBindControllerTests {

    private static final String CHECK = "/api/v1/checks/pre-bind";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    RuleEngine engine;

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
    void aCustomerWithAModestBookIsAcceptedWithReasonsAndTheCheckIsRecorded() {
        long id = crm.customer();
        crm.policy(id, "ACTIVE", today.minusMonths(2), "3200.00");
        String customerNo = crm.customerNo(id);

        Response response = api.post(CHECK, "{\"customerNo\":\"" + customerNo + "\"}", "underwriter");

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode body = response.json();
        assertThat(body.get("decision").asString()).isEqualTo("ACCEPT");
        assertThat(body.get("customerNo").asString()).isEqualTo(customerNo);
        assertThat(body.get("grade").asString()).isEqualTo("STANDARD");
        assertThat(body.get("tier").asString()).isEqualTo("STANDARD");
        assertThat(body.get("vip").asBoolean()).isFalse();
        assertThat(body.get("warnings")).isEmpty();
        assertThat(body.get("blacklistHits")).isEmpty();
        assertThat(body.get("reasons")).isNotEmpty();
        assertThat(body.get("reasons").get(0).has("pack")).isTrue();
        assertThat(body.get("reasons").get(0).has("rule")).isTrue();
        assertThat(body.get("reasons").get(0).has("message")).isTrue();
        assertThat(body.get("rulePacks").propertyNames()).contains("grading", "warnings", "scoring", "tiering", "service");
        // the services a STANDARD tier comes with (DESIGN.md section 12)
        assertThat(body.get("entitlements").valueStream().map(JsonNode::asString)).containsExactly("RENEWAL_REMINDER");
        assertThat(body.get("evaluatedAt").asString()).isNotBlank();
        String checkId = body.get("checkId").asString();
        assertThat(jdbc.sql("SELECT decision FROM pre_bind_check WHERE check_id = :id").param("id", checkId)
                .query(String.class).single()).isEqualTo("ACCEPT");
        assertThat(jdbc.sql("SELECT eval_trigger FROM assessment WHERE customer_id = :id").param("id", id)
                .query(String.class).single()).isEqualTo("CHECK");
    }

    @Test
    void fiveClaimsInTwelveMonthsReferWithAHighRepeatClaimantWarningThatNamesTheFacts() {
        long id = crm.customer();
        long policy = crm.policy(id, "ACTIVE", today.minusMonths(11), "5000.00");
        for (int i = 1; i <= 5; i++) {
            crm.claim(id, policy, today.minusMonths(i), "PAID", "100.00");
        }

        JsonNode body = api.post(CHECK, "{\"customerNo\":\"" + crm.customerNo(id) + "\"}", "underwriter").json();

        assertThat(body.get("decision").asString()).isEqualTo("REFER");
        assertThat(body.get("grade").asString()).isEqualTo("POOR_QUALITY");
        assertThat(body.get("tier").asString()).isEqualTo("RESTRICTED");
        JsonNode warning = body.get("warnings").get(0);
        assertThat(warning.get("type").asString()).isEqualTo("REPEAT_CLAIMANT");
        assertThat(warning.get("severity").asString()).isEqualTo("HIGH");
        assertThat(warning.get("message").asString()).contains("5").contains(">= 5");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM warning WHERE customer_id = :id AND type = 'REPEAT_CLAIMANT' AND status = 'OPEN'")
                .param("id", id).query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void aStrongBlacklistMatchDeclinesAndTheCustomerIsReevaluatedAsSoonAsTheEntryIsAdded() {
        String idNumber = residentId(LocalDate.of(1975, 3, 14));
        long id = crm.customer("PERSON", "RESIDENT_ID", idNumber);
        crm.policy(id, "ACTIVE", today.minusMonths(2), "3200.00");
        String customerNo = crm.customerNo(id);
        assertThat(api.get("/api/v1/customers/" + customerNo + "/assessment", "underwriter").json()
                .get("blacklisted").asBoolean()).isFalse();

        Response added = api.post("/api/v1/blacklist", """
                {"idType":"RESIDENT_ID","idNumber":"%s","reasonCode":"FRAUD","note":"staged accident"}
                """.formatted(idNumber.toLowerCase()), "approver");
        assertThat(added.status()).as(added.body()).isEqualTo(201);

        JsonNode assessment = api.get("/api/v1/customers/" + customerNo + "/assessment", "underwriter").json();
        assertThat(assessment.get("blacklisted").asBoolean()).isTrue();
        assertThat(assessment.get("tier").asString()).isEqualTo("RESTRICTED");
        assertThat(assessment.get("trigger").asString()).isEqualTo("EVENT");

        JsonNode check = api.post(CHECK, "{\"customerNo\":\"" + customerNo + "\"}", "underwriter").json();
        assertThat(check.get("decision").asString()).isEqualTo("DECLINE");
        JsonNode hit = check.get("blacklistHits").get(0);
        assertThat(hit.get("entryId").asLong()).isEqualTo(added.json().get("id").asLong());
        assertThat(hit.get("strength").asString()).isEqualTo("STRONG");
        assertThat(hit.get("matchedOn").get(0).asString()).isEqualTo("ID_NUMBER");
        assertThat(hit.get("reasonCode").asString()).isEqualTo("FRAUD");
        assertThat(check.get("warnings").toString()).contains("BLACKLISTED");
    }

    @Test
    void aWeakMatchOnTheApplicantsPhoneRefers() {
        String phone = uniquePhone();
        Response added = api.post("/api/v1/blacklist",
                "{\"phone\":\"" + phone + "\",\"reasonCode\":\"PREMIUM_DEFAULT\"}", "approver");
        assertThat(added.status()).as(added.body()).isEqualTo(201);

        JsonNode check = api.post(CHECK, """
                {"applicant":{"idType":"PASSPORT","idNumber":"E%08d","name":"Li Lei","phone":"+86 %s"},
                 "productLine":"AUTO","premium":3200}
                """.formatted(ThreadLocalRandom.current().nextInt(100_000_000), phone), "underwriter").json();

        assertThat(check.get("decision").asString()).isEqualTo("REFER");
        assertThat(check.get("blacklistHits").get(0).get("strength").asString()).isEqualTo("WEAK");
        assertThat(check.get("blacklistHits").get(0).get("matchedOn").get(0).asString()).isEqualTo("PHONE");
    }

    @Test
    void aNewApplicantIsGradedNewAndAcceptedWithoutACustomerNumber() {
        Response response = api.post(CHECK, """
                {"applicant":{"idType":"RESIDENT_ID","idNumber":"%s","name":"王小明","birthDate":"1990-06-01"},
                 "productLine":"HEALTH","premium":1800.50}
                """.formatted(residentId(LocalDate.of(1990, 6, 1))), "underwriter");

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode body = response.json();
        assertThat(body.get("customerNo").isNull()).isTrue();
        assertThat(body.get("grade").asString()).isEqualTo("NEW");
        assertThat(body.get("tier").asString()).isEqualTo("STANDARD");
        assertThat(body.get("decision").asString()).isEqualTo("ACCEPT");
    }

    @Test
    void anApplicantIsResolvedToTheCustomerWithTheSameIdentityDocumentWrittenDifferently() {
        String idNumber = residentId(LocalDate.of(1968, 11, 2));
        long id = crm.customer("PERSON", "RESIDENT_ID", idNumber);

        JsonNode body = api.post(CHECK, """
                {"applicant":{"idType":"RESIDENT_ID","idNumber":" %s "},"productLine":"AUTO","premium":2000}
                """.formatted(fullWidth(idNumber.toLowerCase())), "underwriter").json();

        assertThat(body.get("customerNo").asString()).isEqualTo(crm.customerNo(id));
    }

    @Test
    void anApplicantWithTheOldFifteenDigitIdIsTheCustomerWithTheNewOneAndTheOtherWayRound() {
        String eighteen = residentId(LocalDate.of(1962, 4, 9));
        String fifteen = ResidentId.parse(eighteen).fifteenDigits();
        long newCard = crm.customer("PERSON", "RESIDENT_ID", eighteen);
        String other = residentId(LocalDate.of(1958, 7, 30));
        long oldCard = crm.customer("PERSON", "RESIDENT_ID", ResidentId.parse(other).fifteenDigits());

        JsonNode byOld = api.post(CHECK, """
                {"applicant":{"idType":"RESIDENT_ID","idNumber":"%s"},"productLine":"AUTO","premium":2000}
                """.formatted(fifteen), "underwriter").json();
        JsonNode byNew = api.post(CHECK, """
                {"applicant":{"idType":"RESIDENT_ID","idNumber":"%s","birthDate":"1958-07-30"},"productLine":"AUTO","premium":2000}
                """.formatted(other), "underwriter").json();

        assertThat(byOld.get("customerNo").asString()).isEqualTo(crm.customerNo(newCard));
        assertThat(byNew.get("customerNo").asString()).isEqualTo(crm.customerNo(oldCard));
    }

    @Test
    void aBirthDateThatDisagreesWithTheResidentIdIsA400NamingBothFields() {
        int checksBefore = countChecks();

        Response response = api.post(CHECK, """
                {"applicant":{"idType":"RESIDENT_ID","idNumber":"%s","birthDate":"1970-01-02"},"productLine":"AUTO","premium":100}
                """.formatted(residentId(LocalDate.of(1970, 1, 1))), "underwriter");

        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.json().get("errors").valueStream().map(e -> e.get("field").asString()))
                .containsExactly("applicant.birthDate", "applicant.idNumber");
        assertThat(response.json().get("errors").get(0).get("message").asString()).contains("1970-01-02", "1970-01-01");
        assertThat(countChecks()).isEqualTo(checksBefore);
    }

    @Test
    void aFifteenDigitIdWithAnImpossibleBirthDateIsA400NamingTheField() {
        Response response = api.post(CHECK, """
                {"applicant":{"idType":"RESIDENT_ID","idNumber":"110105490230002"},"productLine":"AUTO","premium":100}
                """, "underwriter");

        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.json().get("errors").get(0).get("field").asString()).isEqualTo("applicant.idNumber");
        assertThat(response.json().get("errors").get(0).get("message").asString()).contains("490230");
    }

    @Test
    void anInvalidCheckDigitIsA400NamingTheFieldAndNothingIsStored() {
        String valid = residentId(LocalDate.of(1980, 1, 1));
        char wrong = valid.charAt(17) == '1' ? '2' : '1';
        int checksBefore = countChecks();

        Response response = api.post(CHECK, """
                {"applicant":{"idType":"RESIDENT_ID","idNumber":"%s"},"productLine":"AUTO","premium":100}
                """.formatted(valid.substring(0, 17) + wrong), "underwriter");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("errors").get(0).get("field").asString()).isEqualTo("applicant.idNumber");
        assertThat(response.json().get("type").asString()).isNotBlank();
        assertThat(countChecks()).isEqualTo(checksBefore);
    }

    @Test
    void malformedRequestsAre400sNamingTheField() {
        assertBadRequest("{}", "customerNo");
        assertBadRequest("{\"customerNo\":\"C1\",\"applicant\":{\"idType\":\"PASSPORT\",\"idNumber\":\"E1\"}}", "applicant");
        assertBadRequest("{\"applicant\":{\"idType\":\"PASSPORT\",\"idNumber\":\"E1\"},\"productLine\":\"BOAT\",\"premium\":1}",
                "productLine");
        assertBadRequest("{\"applicant\":{\"idType\":\"PASSPORT\",\"idNumber\":\"E1\"},\"premium\":1}", "productLine");
        assertBadRequest("{\"applicant\":{\"idType\":\"PASSPORT\",\"idNumber\":\"E1\"},\"productLine\":\"AUTO\",\"premium\":-5}",
                "premium");
        assertBadRequest("{\"applicant\":{\"idType\":\"LICENCE\",\"idNumber\":\"E1\"},\"productLine\":\"AUTO\",\"premium\":1}",
                "applicant.idType");
        assertBadRequest("{\"customerNo\":\"C1\",\"discount\":true}", "discount");
        assertBadRequest("{\"customerNo\":", "body");
    }

    @Test
    void anUnknownCustomerIs404() {
        Response response = api.post(CHECK, "{\"customerNo\":\"NOPE-" + System.nanoTime() % 100000 + "\"}", "underwriter");
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.contentType()).startsWith("application/problem+json");
    }

    @Test
    void checksNeedAnUnderwriterOrAdmin() {
        assertThat(api.post(CHECK, "{\"customerNo\":\"C1\"}", null).status()).isEqualTo(401);
        assertThat(api.post(CHECK, "{\"customerNo\":\"C1\"}", "analyst").status()).isEqualTo(403);
        assertThat(api.post(CHECK, "{\"customerNo\":\"C1\"}", "auditor").status()).isEqualTo(403);
        assertThat(api.post(CHECK, "{\"customerNo\":\"C1\"}", "approver").status()).isEqualTo(403);
        Response wrongPassword = new ApiClient(port).post(CHECK, "{\"customerNo\":\"C1\"}", "nobody");
        assertThat(wrongPassword.status()).isEqualTo(401);
        assertThat(wrongPassword.contentType()).startsWith("application/problem+json");
    }

    @Test
    void aRuleThatFailsMakesTheCheckReferWithAnEngineErrorNeverAccept() {
        long id = crm.customer();
        crm.policy(id, "ACTIVE", today.minusMonths(2), "3200.00");
        RuleSet live = engine.current();
        String broken = """
                package tiering;
                import io.decisioning.rules.*;
                rule "TIR-999 Always fails"
                when
                    CustomerProfile()
                then
                    throw new IllegalStateException("broken rule");
                end
                """;
        Map<String, byte[]> files = new HashMap<>(live.packs().stream()
                .filter(p -> p.name().equals("tiering")).findFirst().orElseThrow().source().files());
        files.put("broken.drl", broken.getBytes(StandardCharsets.UTF_8));
        RuleSet brokenSet = live.with(new PackCompiler().compile(new PackSource("tiering", 99, files)).orThrow());
        engine.swap(brokenSet);
        try {
            Response response = api.post(CHECK, "{\"customerNo\":\"" + crm.customerNo(id) + "\"}", "underwriter");
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.json().get("decision").asString()).isEqualTo("REFER");
            assertThat(response.json().get("reasons").get(0).get("rule").asString()).isEqualTo("ENGINE_ERROR");
            assertThat(response.json().get("entitlements")).as("no services on a failed evaluation").isEmpty();
        } finally {
            engine.swap(live);
        }
    }

    private void assertBadRequest(String body, String field) {
        Response response = api.post(CHECK, body, "underwriter");
        assertThat(response.status()).as(body + " -> " + response.body()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("errors").findValuesAsString("field")).as(response.body()).contains(field);
    }

    private int countChecks() {
        return jdbc.sql("SELECT COUNT(*) FROM pre_bind_check").query(Integer.class).single();
    }

    static String residentId(LocalDate birth) {
        String first17 = "110105" + birth.toString().replace("-", "") + "%03d".formatted(ThreadLocalRandom.current().nextInt(1000));
        return first17 + ResidentId.checkCharacter(first17);
    }

    static String uniquePhone() {
        return "139" + "%08d".formatted(ThreadLocalRandom.current().nextInt(100_000_000));
    }

    static String fullWidth(String text) {
        StringBuilder out = new StringBuilder();
        text.chars().forEach(c -> out.append(c > 0x20 && c < 0x7F ? (char) (c + 0xFEE0) : (char) c));
        return out.toString();
    }
}
