package io.decisioning.service.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.decisioning.service.ApiClient;
import io.decisioning.service.ApiClient.Response;
import io.decisioning.service.customer.CrmFixtures;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Every kind of change, made through the API as the people who may make it, is then found by an
 * auditor in {@code GET /api/v1/audit} with who did it and on what (issue 5): rule pack draft, test,
 * simulation, publish and rollback; blacklist add and lift; warning acknowledge and resolve; user
 * create, update and password; a manual batch run; an event retried; a pre-bind check.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AuditCoverageTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

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
    void everyKindOfChangeIsInTheTrailWithWhoAndWhat() throws Exception {
        Map<String, String[]> expected = new LinkedHashMap<>(); // action -> {actor, target id}

        // rule packs: draft, test, simulate, publish, rollback
        int published = jdbc.sql("SELECT version FROM rule_pack_version WHERE pack = 'tiering' AND status = 'PUBLISHED'")
                .query(Integer.class).single();
        Response draft = ok(api.post("/api/v1/rule-packs/tiering/versions", """
                {"baseVersion": %d, "comment": "audit coverage", "files": {"audit-notes.md": "no rule changes"}}
                """.formatted(published), "analyst"), 201);
        String version = "tiering:" + draft.json().get("version").asInt();
        String versionPath = "/api/v1/rule-packs/tiering/versions/" + draft.json().get("version").asInt();
        expected.put("RULE_PACK_DRAFT", new String[] {"analyst", version});
        ok(api.post(versionPath + "/test", null, "analyst"), 200);
        expected.put("RULE_PACK_TEST", new String[] {"analyst", version});
        ok(api.post(versionPath + "/simulate", null, "analyst"), 202);
        expected.put("RULE_PACK_SIMULATE", new String[] {"analyst", version});
        waitFor(() -> !api.get(versionPath + "/simulation", "approver").json().get("status").asString().equals("RUNNING"));
        ok(api.post(versionPath + "/publish", null, "approver"), 200);
        expected.put("RULE_PACK_PUBLISH", new String[] {"approver", version});
        ok(api.post("/api/v1/rule-packs/tiering/rollback", "{\"reason\": \"audit coverage\"}", "approver"), 200);
        expected.put("RULE_PACK_ROLLBACK", new String[] {"approver", null});

        // blacklist: add and lift
        String phone = "139" + "%08d".formatted(ThreadLocalRandom.current().nextInt(100_000_000));
        Response entry = ok(api.post("/api/v1/blacklist", """
                {"phone": "+86 %s", "reasonCode": "OTHER", "note": "audit coverage"}""".formatted(phone), "approver"), 201);
        String entryId = Long.toString(entry.json().get("id").asLong());
        expected.put("BLACKLIST_ADD", new String[] {"approver", entryId});
        ok(api.post("/api/v1/blacklist/" + entryId + "/lift", "{\"reason\": \"audit coverage\"}", "admin"), 200);
        expected.put("BLACKLIST_LIFT", new String[] {"admin", entryId});

        // warnings: a repeat claimant's warning acknowledged, then resolved
        long customer = crm.customer();
        long policy = crm.policy(customer, "ACTIVE", today.minusMonths(11), "3000.00");
        for (int month = 1; month <= 3; month++) {
            crm.claim(customer, policy, today.minusMonths(month), "OPEN");
        }
        String customerNo = crm.customerNo(customer);
        ok(api.post("/api/v1/customers/" + customerNo + "/evaluate", null, "underwriter"), 200);
        String warningId = Long.toString(api.get("/api/v1/warnings?customerNo=" + customerNo, "approver").json()
                .get("items").get(0).get("id").asLong());
        ok(api.post("/api/v1/warnings/" + warningId + "/acknowledge", "{\"note\": \"looking\"}", "approver"), 200);
        expected.put("WARNING_ACKNOWLEDGE", new String[] {"approver", warningId});
        ok(api.post("/api/v1/warnings/" + warningId + "/resolve", "{\"note\": \"checked\"}", "approver"), 200);
        expected.put("WARNING_RESOLVE", new String[] {"approver", warningId});

        // users: create, update, password
        String username = "audit." + ThreadLocalRandom.current().nextInt(1_000_000);
        ok(api.post("/api/v1/users", """
                {"username": "%s", "password": "a long enough password", "roles": ["UNDERWRITER"], "branchCode": "HQ"}
                """.formatted(username), "admin"), 201);
        expected.put("USER_CREATE", new String[] {"admin", username});
        ok(api.put("/api/v1/users/" + username, """
                {"roles": ["UNDERWRITER", "ANALYST"], "branchCode": "HQ", "enabled": true}""", "admin"), 200);
        expected.put("USER_UPDATE", new String[] {"admin", username});
        ok(api.post("/api/v1/users/" + username + "/password", "{\"password\": \"another long password\"}", "admin"), 204);
        expected.put("USER_PASSWORD", new String[] {"admin", username});

        // a pre-bind check
        Response check = ok(api.post("/api/v1/checks/pre-bind", "{\"customerNo\": \"" + customerNo + "\"}", "underwriter"), 200);
        expected.put("PRE_BIND_CHECK", new String[] {"underwriter", customerNo});
        assertThat(check.json().get("checkId").asString()).isNotBlank();

        // an event the CRM wrote with a type the service does not know: parked at once, then retried
        String eventId = "audit-" + ThreadLocalRandom.current().nextInt(1_000_000);
        jdbc.sql("""
                INSERT INTO crm_event (event_id, type, customer_no, occurred_at)
                VALUES (:eventId, 'POLICY_RENEWED', :customerNo, CURRENT_TIMESTAMP(3))""")
                .param("eventId", eventId).param("customerNo", customerNo).update();
        waitFor(() -> api.get("/api/v1/events/" + eventId, "admin").status() == 200
                && api.get("/api/v1/events/" + eventId, "admin").json().get("status").asString().equals("PARKED"));
        ok(api.post("/api/v1/events/" + eventId + "/retry", null, "admin"), 200);
        expected.put("EVENT_RETRY", new String[] {"admin", eventId});

        // a manual batch run, followed to its end so that it does not run on into other tests
        Response run = ok(api.post("/api/v1/batch-runs", null, "admin"), 202);
        String runId = Long.toString(run.json().get("id").asLong());
        expected.put("BATCH_RUN_STARTED", new String[] {"admin", runId});
        waitFor(() -> !api.get("/api/v1/batch-runs/" + runId, "admin").json().get("status").asString().equals("RUNNING"));

        for (Map.Entry<String, String[]> change : expected.entrySet()) {
            String action = change.getKey();
            String actor = change.getValue()[0];
            String target = change.getValue()[1];
            Response found = api.get("/api/v1/audit?action=" + action + "&actor=" + actor
                    + (target == null ? "" : "&targetId=" + target) + "&size=5", "auditor");
            assertThat(found.status()).as(action + ": " + found.body()).isEqualTo(200);
            JsonNode items = found.json().get("items");
            assertThat(items.size()).as(action + " by " + actor + " on " + target + " is in the trail").isPositive();
            JsonNode item = items.get(0);
            assertThat(item.get("actor").asString()).isEqualTo(actor);
            assertThat(item.get("occurredAt").asString()).isNotBlank();
            assertThat(item.get("detail").isObject()).as(action + " says what changed").isTrue();
        }
        assertThat(api.get("/api/v1/audit?action=USER_PASSWORD&targetId=" + username, "auditor").body())
                .doesNotContain("another long password");
        JsonNode checked = api.get("/api/v1/audit?action=PRE_BIND_CHECK&targetId=" + customerNo + "&size=1", "auditor")
                .json().get("items").get(0).get("detail");
        assertThat(checked.propertyNames()).as("the check's outcome, as the answer gave it")
                .containsExactlyInAnyOrder("decision", "grade", "tier", "rulePacks");
        for (String field : List.of("decision", "grade", "tier", "rulePacks")) {
            assertThat(checked.get(field)).as(field).isEqualTo(check.json().get(field));
        }
    }

    private static Response ok(Response response, int status) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        return response;
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited 120 s").isLessThan(deadline);
            Thread.sleep(200);
        }
    }
}
