package io.decisioning.service.system;

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
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Personal data never reaches the logs (DESIGN.md section 6, issue 5): the service's whole output,
 * at its configured levels plus DEBUG for its own packages, is captured while identity numbers,
 * phones and names pass through every path that handles them (applicant checks, blacklist add,
 * search and a refused add, customer search, and a check whose rules fail and is logged as an error
 * with its stack trace), and none of the values appears in it.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class LogPrivacyTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    RuleEngine engine;

    @Autowired
    LoggingSystem logging;

    /** Set here rather than as a property of the test, which would give it a context of its own. */
    @BeforeEach
    void debugForTheServicesOwnPackages() {
        logging.setLogLevel("io.decisioning", LogLevel.DEBUG);
    }

    @AfterEach
    void configuredLevelsAgain() {
        logging.setLogLevel("io.decisioning", null);
    }

    @Test
    void identityNumbersPhonesAndNamesAreNeverLoggedEvenWhenACheckFails(CapturedOutput output) {
        ApiClient api = new ApiClient(port);
        CrmFixtures crm = new CrmFixtures(jdbc);
        String customerId = residentId(LocalDate.of(1975, 3, 14));
        long customer = crm.customer("PERSON", "RESIDENT_ID", customerId);
        String applicantId = residentId(LocalDate.of(1988, 6, 1));
        String applicantPhone = phone();
        String blacklistedId = residentId(LocalDate.of(1969, 11, 30));
        String blacklistedPhone = phone();
        String failingId = residentId(LocalDate.of(1991, 2, 2));
        String failingPhone = phone();
        String name = "司马" + (char) ('甲' + ThreadLocalRandom.current().nextInt(200)) + "隐私测试";

        // an applicant who is a customer, and one who is not
        assertThat(api.post("/api/v1/checks/pre-bind", applicant(customerId, name, phone()), "underwriter").status()).isEqualTo(200);
        assertThat(api.post("/api/v1/checks/pre-bind", applicant(applicantId, name, applicantPhone), "underwriter").status())
                .isEqualTo(200);
        // a blacklist entry (which re-evaluates matching customers), searches, and an add refused for its check digit
        Response added = api.post("/api/v1/blacklist", """
                {"idType": "RESIDENT_ID", "idNumber": "%s", "name": "%s", "phone": "%s", "reasonCode": "FRAUD", "note": "log test"}
                """.formatted(blacklistedId, name, blacklistedPhone), "approver");
        assertThat(added.status()).as(added.body()).isEqualTo(201);
        assertThat(api.get("/api/v1/blacklist?query=" + blacklistedPhone, "underwriter").status()).isEqualTo(200);
        assertThat(api.get("/api/v1/blacklist?query=" + blacklistedId, "approver").status()).isEqualTo(200);
        String wrongDigit = blacklistedId.substring(0, 17) + (blacklistedId.charAt(17) == '0' ? '1' : '0');
        assertThat(api.post("/api/v1/blacklist", """
                {"idType": "RESIDENT_ID", "idNumber": "%s", "reasonCode": "FRAUD"}
                """.formatted(wrongDigit), "approver").status()).isEqualTo(400);
        assertThat(api.get("/api/v1/customers?query=" + customerId, "underwriter").status()).isEqualTo(200);
        assertThat(api.post("/api/v1/customers/" + crm.customerNo(customer) + "/evaluate", null, "underwriter").status())
                .isEqualTo(200);

        // a check whose rules throw: logged as an error with the exception, answered REFER
        RuleSet live = engine.current();
        Map<String, byte[]> files = new HashMap<>(live.packs().stream()
                .filter(p -> p.name().equals("tiering")).findFirst().orElseThrow().source().files());
        files.put("broken.drl", """
                package tiering;
                import io.decisioning.rules.*;
                rule "TIR-998 Fails naming the customer"
                when
                    $p : CustomerProfile()
                then
                    throw new IllegalStateException("broken rule for " + $p.customerNo());
                end
                """.getBytes(StandardCharsets.UTF_8));
        engine.swap(live.with(new PackCompiler().compile(new PackSource("tiering", 98, files)).orThrow()));
        String checkId;
        try {
            Response failed = api.post("/api/v1/checks/pre-bind", applicant(failingId, name, failingPhone), "underwriter");
            assertThat(failed.status()).isEqualTo(200);
            assertThat(failed.json().get("decision").asString()).isEqualTo("REFER");
            checkId = failed.json().get("checkId").asString();
        } finally {
            engine.swap(live);
        }

        String logs = output.getAll();
        // the capture sees the service's logs: the failed check's error line with its stack trace is there
        assertThat(logs).contains("Pre-bind check " + checkId + " failed").contains("TIR-998");
        for (String value : List.of(customerId, applicantId, blacklistedId, wrongDigit, failingId,
                applicantPhone, blacklistedPhone, failingPhone, name)) {
            assertThat(logs).as("the logs hold a personal value").doesNotContain(value);
        }
        // nor the last 11 digits of a phone written with a country code, nor an identity number's body
        assertThat(logs).doesNotContain(failingId.substring(0, 17)).doesNotContain(blacklistedPhone.substring(1));
    }

    private static String applicant(String idNumber, String name, String phone) {
        return """
                {"applicant": {"idType": "RESIDENT_ID", "idNumber": "%s", "name": "%s", "phone": "+86 %s"},
                 "productLine": "AUTO", "premium": 3200}
                """.formatted(idNumber, name, phone);
    }

    private static String residentId(LocalDate birth) {
        String first17 = "320102" + birth.toString().replace("-", "")
                + "%03d".formatted(ThreadLocalRandom.current().nextInt(1000));
        return first17 + ResidentId.checkCharacter(first17);
    }

    private static String phone() {
        return "137" + "%08d".formatted(ThreadLocalRandom.current().nextInt(100_000_000));
    }
}
