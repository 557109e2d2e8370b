package io.decisioning.service.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.decisioning.service.ApiClient.Response;
import io.decisioning.service.ApiClient;
import io.decisioning.service.customer.CrmFixtures;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every sentence the rules write answers in the reader's language (DESIGN.md section 14): Chinese for an
 * {@code Accept-Language} of zh, English for any other and when the header is absent; both are stored, so one
 * evaluation reads in either. Over real HTTP, against the real database, with the shipped packs.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class LanguageTests {

    private static final String CHINESE = "zh-CN,zh;q=0.9,en;q=0.8";
    private static final java.util.regex.Pattern HAN = java.util.regex.Pattern.compile("\\p{IsHan}");

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    JsonMapper json;

    ApiClient api;
    CrmFixtures crm;
    String customerNo;
    long customerId;

    /** A customer with 4 claims in 12 months: POOR_QUALITY, a MEDIUM repeat claimant, referred; evaluated once. */
    @BeforeEach
    void aRepeatClaimantEvaluatedOnce() {
        api = new ApiClient(port);
        crm = CrmFixtures.inALargeBook(jdbc);
        LocalDate today = CrmFixtures.today();
        customerId = crm.customer();
        long policy = crm.policy(customerId, "ACTIVE", today.minusMonths(11), "3000.00");
        for (int month = 1; month <= 4; month++) {
            crm.claim(customerId, policy, today.minusMonths(month), "OPEN");
        }
        customerNo = crm.customerNo(customerId);
        Response evaluated = api.post("/api/v1/customers/" + customerNo + "/evaluate", null, "admin");
        assertThat(evaluated.status()).as(evaluated.body()).isEqualTo(200);
    }

    @Test
    void anAssessmentsReasonsWarningsAndNearMissesAnswerInChineseWhenAskedAndInEnglishOtherwise() {
        String path = "/api/v1/customers/" + customerNo + "/assessment";
        JsonNode english = api.getJson(path, "underwriter");
        JsonNode american = api.inLanguage("en-US,en;q=0.9").getJson(path, "underwriter");
        JsonNode german = api.inLanguage("de-DE").getJson(path, "underwriter");
        JsonNode chinese = api.inLanguage(CHINESE).getJson(path, "underwriter");

        assertThat(reason(english, "GRD-050")).isEqualTo("4 claims in the last 12 months >= 3");
        assertThat(reason(chinese, "GRD-050")).isEqualTo("近12个月出险次数 4 >= 3");
        assertThat(reason(chinese, "TIR-020")).isEqualTo("等级 劣质客户");
        assertThat(reason(chinese, "RSK-022")).isEqualTo("近12个月出险次数 4 >= 3 且 < 5：风险分 +20");
        assertThat(warning(english, "REPEAT_CLAIMANT")).isEqualTo("4 claims in the last 12 months >= 3");
        assertThat(warning(chinese, "REPEAT_CLAIMANT")).isEqualTo("近12个月出险次数 4 >= 3");
        assertThat(chinese.get("nearMisses").valueStream().map(miss -> miss.get("message").asString()))
                .contains("若近12个月出险次数 >= 5（现为 4），将触发频繁出险（高）预警");
        assertThat(american).as("English for any language but Chinese").isEqualTo(english);
        assertThat(german).isEqualTo(english);
        assertThat(chinese.get("evaluatedAt")).as("one evaluation, read twice").isEqualTo(english.get("evaluatedAt"));
        assertThat(chinese.get("reasons").valueStream().map(reason -> reason.propertyNames()))
                .as("a reason keeps the contract's fields").allSatisfy(names -> assertThat(names)
                        .containsExactly("pack", "version", "rule", "message"));
    }

    @Test
    void bothLanguagesAreStoredSoThatTheHistoryAndTheWarningListReadInEither() {
        String stored = jdbc.sql("SELECT reasons FROM assessment_detail WHERE customer_id = :id").param("id", customerId)
                .query(String.class).single();
        JsonNode grade = json.readTree(stored).valueStream().filter(r -> r.get("rule").asString().startsWith("GRD-050"))
                .findFirst().orElseThrow();
        assertThat(grade.get("message").get("en").asString()).isEqualTo("4 claims in the last 12 months >= 3");
        assertThat(grade.get("message").get("zh").asString()).isEqualTo("近12个月出险次数 4 >= 3");
        assertThat(jdbc.sql("SELECT message_zh FROM warning WHERE customer_id = :id AND type = 'REPEAT_CLAIMANT'")
                .param("id", customerId).query(String.class).single()).isEqualTo("近12个月出险次数 4 >= 3");

        JsonNode history = api.inLanguage(CHINESE).getJson("/api/v1/customers/" + customerNo + "/assessments",
                "underwriter");
        assertThat(history.toString()).contains("近12个月出险次数 4 >= 3").doesNotContain("claims in the last 12 months");
        JsonNode warnings = api.inLanguage(CHINESE).getJson("/api/v1/warnings?customerNo=" + customerNo, "underwriter");
        assertThat(warnings.get("items").get(0).get("message").asString()).isEqualTo("近12个月出险次数 4 >= 3");
        assertThat(api.getJson("/api/v1/warnings?customerNo=" + customerNo, "underwriter").get("items").get(0)
                .get("message").asString()).isEqualTo("4 claims in the last 12 months >= 3");
    }

    @Test
    void aWarningRaisedBeforeMessagesHadChineseReadsInEnglishInBoth() {
        jdbc.sql("UPDATE warning SET message_zh = NULL WHERE customer_id = :id").param("id", customerId).update();

        JsonNode warnings = api.inLanguage(CHINESE).getJson("/api/v1/warnings?customerNo=" + customerNo, "underwriter");

        assertThat(warnings.get("items").get(0).get("message").asString()).isEqualTo("4 claims in the last 12 months >= 3");
    }

    @Test
    void aPreBindCheckAndAnExportedListAnswerInTheReadersLanguage() {
        Response check = api.inLanguage(CHINESE).post("/api/v1/checks/pre-bind", "{\"customerNo\": \"" + customerNo + "\"}",
                "underwriter");
        assertThat(check.status()).as(check.body()).isEqualTo(200);
        assertThat(check.json().get("reasons").valueStream().map(reason -> reason.get("message").asString()))
                .as("every reason in Chinese").isNotEmpty().allMatch(message -> HAN.matcher(message).find());
        assertThat(warning(check.json(), "REPEAT_CLAIMANT")).isEqualTo("近12个月出险次数 4 >= 3");

        ApiClient.Download csv = api.inLanguage(CHINESE).download("/api/v1/warnings?customerNo=" + customerNo, "text/csv",
                "underwriter");
        assertThat(csv.status()).as(csv.toString()).isEqualTo(200);
        assertThat(csv.text()).contains("近12个月出险次数 4 >= 3");
        assertThat(api.download("/api/v1/warnings?customerNo=" + customerNo, "text/csv", "underwriter").text())
                .contains("4 claims in the last 12 months >= 3").doesNotContain("近12个月");
    }

    @Test
    void problemsAnswerInTheReadersLanguageFromTheControllersAndFromTheFilters() {
        ApiClient chinese = api.inLanguage(CHINESE);

        JsonNode missing = chinese.get("/api/v1/customers/NO-SUCH-CUSTOMER/assessment", "underwriter").json();
        assertThat(missing.get("status").asInt()).isEqualTo(404);
        assertThat(missing.get("title").asString()).isEqualTo("未找到");
        assertThat(missing.get("detail").asString()).matches(".*\\p{IsHan}.*").contains("NO-SUCH-CUSTOMER");
        assertThat(api.get("/api/v1/customers/NO-SUCH-CUSTOMER/assessment", "underwriter").json().get("title").asString())
                .isEqualTo("Not found");

        JsonNode branch = chinese.get("/api/v1/warnings?branch=G%20D", "underwriter").json();
        assertThat(branch.get("title").asString()).isEqualTo("输入无效");
        assertThat(branch.get("errors").get(0).get("field").asString()).isEqualTo("branch");
        assertThat(branch.get("errors").get(0).get("message").asString()).isEqualTo("必须是机构代码，例如 GD 或 GD-SZ");
        assertThat(api.get("/api/v1/warnings?branch=G%20D", "underwriter").json().get("errors").get(0).get("message")
                .asString()).isEqualTo("must be a branch code such as GD or GD-SZ");

        JsonNode checkDigit = chinese.post("/api/v1/blacklist", """
                {"idType": "RESIDENT_ID", "idNumber": "110105194912310021", "name": "张三", "reasonCode": "FRAUD"}""",
                "approver").json();
        assertThat(checkDigit.get("status").asInt()).as(checkDigit.toString()).isEqualTo(400);
        assertThat(checkDigit.get("errors").get(0).get("field").asString()).isEqualTo("idNumber");
        assertThat(checkDigit.get("errors").get(0).get("message").asString()).matches(".*\\p{IsHan}.*");

        JsonNode signIn = chinese.withPassword("wrong-password-" + CrmFixtures.uniqueNumber())
                .get("/api/v1/warnings", "no-such-user-" + CrmFixtures.uniqueNumber()).json();
        assertThat(signIn.get("status").asInt()).isEqualTo(401);
        assertThat(signIn.get("title").asString()).isEqualTo("需要登录");
        assertThat(api.get("/api/v1/warnings", null).json().get("title").asString()).isEqualTo("Authentication required");
    }

    @Test
    void aDraftsCompileErrorsAnswerInTheReadersLanguage() {
        Response draft = api.inLanguage(CHINESE).post("/api/v1/rule-packs/data/versions", """
                {"files": {"pack.properties": "order=70", "data.drl": "package packs.data;\\nrule \\"no id\\" when then end"},
                 "comment": "a rule without its stable ID"}""", "analyst");

        assertThat(draft.status()).as(draft.body()).isEqualTo(201);
        assertThat(draft.json().get("valid").asBoolean()).isFalse();
        assertThat(draft.json().get("errors").valueStream().map(error -> error.get("message").asString()))
                .anySatisfy(message -> assertThat(message).startsWith("规则 \"no id\"：规则名以稳定的编号开头"));
        int version = draft.json().get("version").asInt();
        assertThat(api.getJson("/api/v1/rule-packs/data/versions/" + version, "analyst").get("version").get("errors").valueStream()
                .map(error -> error.get("message").asString()))
                .as("stored in both languages, read in English").anySatisfy(message -> assertThat(message)
                        .startsWith("rule \"no id\": a rule name starts with its stable ID"));
    }

    private static String reason(JsonNode answer, String ruleId) {
        List<String> messages = answer.get("reasons").valueStream()
                .filter(reason -> reason.get("rule").asString().startsWith(ruleId + " "))
                .map(reason -> reason.get("message").asString()).toList();
        assertThat(messages).as(ruleId + " in " + answer.get("reasons")).hasSize(1);
        return messages.get(0);
    }

    private static String warning(JsonNode answer, String type) {
        return answer.get("warnings").valueStream().filter(warning -> warning.get("type").asString().equals(type))
                .map(warning -> warning.get("message").asString()).findFirst().orElseThrow();
    }
}
