package io.decisioning.service.event;

import static org.assertj.core.api.Assertions.assertThat;

import io.decisioning.service.ApiClient.Response;
import io.decisioning.service.ApiClient;
import io.decisioning.service.Await;
import io.decisioning.service.customer.CrmFixtures;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Events over HTTP and through the CRM's outbox table, processed by this node's workers on the
 * embedded MariaDB: durability and deduplication, validation, the assessment following the CRM
 * within 2 s, parking, the outbox, and a burst of 10,000 events.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"rules.events.max-attempts=2", "rules.events.workers=2"})
class EventTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    NamedParameterJdbcTemplate named;

    ApiClient api;
    CrmFixtures crm;
    LocalDate today;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        crm = new CrmFixtures(jdbc);
        today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        crm.largeBook();
    }

    @Test
    void anIntegrationUserDisabledAfterTheirSignInWasRememberedCannotPostTheNextEvent() {
        String user = "crm" + CrmFixtures.uniqueNumber().replace("-", "").toLowerCase();
        String password = "a long passphrase for the crm";
        assertThat(api.post("/api/v1/users", """
                {"username": "%s", "password": "%s", "roles": ["INTEGRATION"], "branchCode": "HQ"}
                """.formatted(user, password), "admin").status()).isEqualTo(201);
        ApiClient crmApi = api.withPassword(password);
        String customerNo = crm.customerNo(crm.customer());
        assertThat(crmApi.post("/api/v1/events", body("evt-" + UUID.randomUUID(), "CUSTOMER_UPDATED", customerNo), user)
                .status()).isEqualTo(202);
        jdbc.sql("UPDATE app_user SET enabled = FALSE WHERE username = :user").param("user", user).update();
        String refusedId = "evt-" + UUID.randomUUID();

        Response refused = crmApi.post("/api/v1/events", body(refusedId, "CUSTOMER_UPDATED", customerNo), user);

        assertThat(refused.status()).as(refused.body()).isEqualTo(401);
        assertThat(refused.json().get("type").asString()).endsWith("/sign-in-changed");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM event_inbox WHERE event_id = :id").param("id", refusedId)
                .query(Integer.class).single()).isZero();
        assertThat(crmApi.post("/api/v1/events", body(refusedId, "CUSTOMER_UPDATED", customerNo), user).status())
                .isEqualTo(401);
    }

    @Test
    void anAcceptedEventIsStoredAtOnceAndTheAssessmentFollowsTheCrmWithinTwoSeconds() {
        long id = crm.customer();
        long policy = crm.policy(id, "ACTIVE", today.minusYears(1), today.plusMonths(6), "4000.00");
        String customerNo = crm.customerNo(id);
        assertThat(api.post("/api/v1/customers/" + customerNo + "/evaluate", null, "admin").status()).isEqualTo(200);
        assertThat(grade(id)).isEqualTo("STANDARD");
        for (int i = 1; i <= 3; i++) {
            crm.claim(id, policy, today.minusDays(10L * i), "OPEN", "0");
        }
        String eventId = "evt-" + UUID.randomUUID();

        long started = System.nanoTime();
        Response accepted = post(eventId, "CLAIM_REPORTED", customerNo);

        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        assertThat(accepted.json().get("status").asString()).isEqualTo("ACCEPTED");
        assertThat(accepted.json().get("eventId").asString()).isEqualTo(eventId);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM event_inbox WHERE event_id = :e").param("e", eventId)
                .query(Integer.class).single()).isEqualTo(1);
        Await.until(Duration.ofSeconds(2), () -> "POOR_QUALITY".equals(grade(id)));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
        Await.until(Duration.ofSeconds(5), () -> "DONE".equals(eventStatus(eventId)));
        assertThat(jdbc.sql("SELECT eval_trigger FROM assessment WHERE customer_id = :id").param("id", id)
                .query(String.class).single()).isEqualTo("EVENT");
        assertThat(openWarnings(id)).contains("REPEAT_CLAIMANT");
        assertThat(historyRows(id)).isEqualTo(2);

        Response again = post(eventId, "CLAIM_REPORTED", customerNo);
        assertThat(again.status()).isEqualTo(202);
        assertThat(again.json().get("status").asString()).isEqualTo("DUPLICATE");

        // an event that changes nothing adds no history
        Response unchanged = post("evt-" + UUID.randomUUID(), "CUSTOMER_UPDATED", customerNo);
        Await.until(Duration.ofSeconds(5), () -> "DONE".equals(eventStatus(unchanged.json().get("eventId").asString())));
        assertThat(historyRows(id)).isEqualTo(2);

        Response read = api.get("/api/v1/events/" + eventId, "crm");
        assertThat(read.status()).as(read.body()).isEqualTo(200);
        assertThat(read.json().get("status").asString()).isEqualTo("DONE");
        assertThat(read.json().get("source").asString()).isEqualTo("API");
        assertThat(read.json().get("attempts").asInt()).isEqualTo(1);
    }

    @Test
    void aPaymentReachesTheRetentionWarningsThroughItsEvent() {
        long id = crm.customer();
        String customerNo = crm.customerNo(id);
        LocalDate today = CrmFixtures.today();
        long policy = crm.policy(id, "ACTIVE", today.minusYears(3), today.plusMonths(6), "1200.00");
        long due = crm.installment(id, policy, today.minusDays(10), "100.00", "DUE", null);
        try {
            Response overdue = post("evt-" + UUID.randomUUID(), "PREMIUM_DUE_CHANGED", customerNo);
            assertThat(overdue.status()).as(overdue.body()).isEqualTo(202);
            Await.until(Duration.ofSeconds(5), () -> openWarnings(id).contains("PREMIUM_OVERDUE"));

            jdbc.sql("UPDATE premium_due SET status = 'PAID', paid_at = :at WHERE id = :id")
                    .param("at", today.atTime(9, 0)).param("id", due).update();
            String paid = "evt-" + UUID.randomUUID();
            assertThat(post(paid, "PREMIUM_PAID", customerNo).status()).isEqualTo(202);
            Await.until(Duration.ofSeconds(5), () -> "DONE".equals(eventStatus(paid)));
            assertThat(openWarnings(id)).doesNotContain("PREMIUM_OVERDUE");
        } finally {
            crm.removeInstallments(List.of(id));
        }
    }

    @Test
    void malformedEventsAreRejectedNamingTheFieldAndNothingIsStored() {
        long before = inboxRows();
        String customerNo = crm.customerNo(crm.customer());

        assertBadRequest("{\"eventId\":\"e-1\",\"type\":\"CLAIM_EXPLODED\",\"customerNo\":\"" + customerNo
                + "\",\"occurredAt\":\"2026-11-01T10:00:00+08:00\"}", "type");
        assertBadRequest("{\"type\":\"CLAIM_REPORTED\",\"customerNo\":\"" + customerNo
                + "\",\"occurredAt\":\"2026-11-01T10:00:00+08:00\"}", "eventId");
        assertBadRequest("{\"eventId\":\"" + "x".repeat(65) + "\",\"type\":\"CLAIM_REPORTED\",\"customerNo\":\"" + customerNo
                + "\",\"occurredAt\":\"2026-11-01T10:00:00+08:00\"}", "eventId");
        assertBadRequest("{\"eventId\":\"e-2\",\"type\":\"CLAIM_REPORTED\",\"customerNo\":\"" + customerNo
                + "\",\"occurredAt\":\"yesterday\"}", "occurredAt");
        assertBadRequest("{\"eventId\":\"e-3\",\"type\":\"CLAIM_REPORTED\",\"occurredAt\":\"2026-11-01T10:00:00+08:00\"}",
                "customerNo");
        assertBadRequest("{\"eventId\":\"e-4\",\"type\":\"CLAIM_REPORTED\",\"customerNo\":\"" + customerNo
                + "\",\"occurredAt\":\"2026-11-01T10:00:00+08:00\",\"extra\":1}", null);
        assertBadRequest("{\"eventId\": ", null);
        assertBadRequest("[]", null);

        assertThat(inboxRows()).isEqualTo(before);
        assertThat(api.post("/api/v1/events", body("e-5", "CLAIM_REPORTED", customerNo), "underwriter").status()).isEqualTo(403);
        assertThat(api.post("/api/v1/events", body("e-5", "CLAIM_REPORTED", customerNo), null).status()).isEqualTo(401);
        assertThat(api.get("/api/v1/events/nope-" + UUID.randomUUID(), "admin").status()).isEqualTo(404);
        assertThat(api.get("/api/v1/events?status=LOST", "admin").status()).isEqualTo(400);
        assertThat(inboxRows()).isEqualTo(before);
    }

    @Test
    void anUnknownStatusToListByIsRefusedNamingTheStatusesThereAre() {
        for (String status : List.of("LOST", "", "parked", "PARKED%20")) {
            Response response = api.get("/api/v1/events?status=" + status, "admin");
            assertThat(response.status()).as(status + " -> " + response.body()).isEqualTo(400);
            assertThat(response.contentType()).startsWith("application/problem+json");
            JsonNode error = response.json().get("errors").get(0);
            assertThat(error.get("field").asString()).isEqualTo("status");
            assertThat(error.get("message").asString()).isEqualTo("must be one of [DONE, PARKED, PENDING, PROCESSING]");
        }
        for (String status : List.of("PENDING", "PROCESSING", "DONE", "PARKED")) {
            assertThat(api.get("/api/v1/events?status=" + status, "admin").status()).as(status).isEqualTo(200);
        }
    }

    @Test
    void aBatchOfEventsIsStoredInItsOrderEachAnsweredAsIfPostedAloneAndProcessed() {
        long id = crm.customer();
        long policy = crm.policy(id, "ACTIVE", today.minusYears(1), today.plusMonths(6), "4000.00");
        String customerNo = crm.customerNo(id);
        for (int i = 1; i <= 3; i++) {
            crm.claim(id, policy, today.minusDays(10L * i), "OPEN", "0");
        }
        String known = "evt-" + UUID.randomUUID();
        assertThat(post(known, "CUSTOMER_UPDATED", customerNo).status()).isEqualTo(202);
        String first = "evt-" + UUID.randomUUID();
        String second = "evt-" + UUID.randomUUID();

        Response answer = api.post("/api/v1/events/batch", "{\"events\":[" + String.join(",",
                body(first, "CLAIM_REPORTED", customerNo), body(known, "CUSTOMER_UPDATED", customerNo),
                body(second, "CLAIM_SETTLED", customerNo), body(first, "CLAIM_REPORTED", customerNo)) + "]}", "crm");

        assertThat(answer.status()).as(answer.body()).isEqualTo(202);
        assertThat(answer.json().get("accepted").asInt()).isEqualTo(2);
        assertThat(answer.json().get("duplicates").asInt()).isEqualTo(2);
        List<String> statuses = new ArrayList<>();
        List<String> eventIds = new ArrayList<>();
        answer.json().get("results").forEach(r -> {
            eventIds.add(r.get("eventId").asString());
            statuses.add(r.get("status").asString());
        });
        assertThat(eventIds).containsExactly(first, known, second, first);
        assertThat(statuses).containsExactly("ACCEPTED", "DUPLICATE", "ACCEPTED", "DUPLICATE");
        List<String> stored = jdbc.sql("SELECT event_id FROM event_inbox WHERE event_id IN (:ids) ORDER BY id")
                .param("ids", List.of(first, second, known)).query(String.class).list();
        assertThat(stored).containsExactly(known, first, second);
        Await.until(Duration.ofSeconds(5), () -> "DONE".equals(eventStatus(first)) && "DONE".equals(eventStatus(second)));
        assertThat(grade(id)).isEqualTo("POOR_QUALITY");
        assertThat(api.get("/api/v1/events/" + second, "crm").json().get("source").asString()).isEqualTo("API");
    }

    @Test
    void aBatchWithOneInvalidEventIsRefusedWholeNamingItAndNothingIsStored() {
        long before = inboxRows();
        String customerNo = crm.customerNo(crm.customer());
        String valid = body("evt-" + UUID.randomUUID(), "CLAIM_REPORTED", customerNo);

        assertBatchRefused("{\"events\":[" + valid + "," + body("evt-" + UUID.randomUUID(), "CLAIM_EXPLODED", customerNo) + "]}",
                "events[1].type");
        assertBatchRefused("{\"events\":[" + valid + ",{\"eventId\":\"x y\",\"type\":\"CLAIM_REPORTED\",\"customerNo\":\""
                + customerNo + "\",\"occurredAt\":\"2026-11-20T09:30:00+08:00\"}]}", "events[1].eventId");
        assertBatchRefused("{\"events\":[]}", "events");
        assertBatchRefused("{\"events\":[" + valid + ",null]}", "events[1]");
        assertBatchRefused("{\"events\":[" + (valid + ",").repeat(1000) + valid + "]}", "events");
        assertBatchRefused("{}", "events");
        assertBatchRefused("[" + valid + "]", null);

        assertThat(inboxRows()).isEqualTo(before);
        assertThat(api.post("/api/v1/events/batch", "{\"events\":[" + valid + "]}", "underwriter").status()).isEqualTo(403);
        assertThat(api.post("/api/v1/events/batch", "{\"events\":[" + valid + "]}", null).status()).isEqualTo(401);
        assertThat(inboxRows()).isEqualTo(before);
    }

    @Test
    void anEventForAnUnknownCustomerIsRetriedThenParkedWithItsErrorAndCanBeRetriedLater() {
        String customerNo = "NOPE" + CrmFixtures.uniqueNumber();
        String eventId = "evt-" + UUID.randomUUID();
        assertThat(post(eventId, "POLICY_BOUND", customerNo).status()).isEqualTo(202);

        Await.until(Duration.ofSeconds(10), () -> "PARKED".equals(eventStatus(eventId)));

        JsonNode parked = api.get("/api/v1/events/" + eventId, "admin").json();
        assertThat(parked.get("attempts").asInt()).isEqualTo(2);
        assertThat(parked.get("lastError").asString()).contains("No customer " + customerNo);
        JsonNode list = api.get("/api/v1/events?status=PARKED&customerNo=" + customerNo, "admin").json();
        assertThat(list.get("total").asLong()).isEqualTo(1);
        assertThat(list.get("items").get(0).get("eventId").asString()).isEqualTo(eventId);
        // parked means left alone: no more attempts
        sleep(2500);
        assertThat(api.get("/api/v1/events/" + eventId, "admin").json().get("attempts").asInt()).isEqualTo(2);

        // the CRM catches up; an operator retries it
        jdbc.sql("""
                        INSERT INTO customer (customer_no, customer_type, name, id_type, id_number, branch_code, created_at)
                        VALUES (:no, 'PERSON', 'Late Arrival', 'PASSPORT', :no, 'HQ', CURRENT_TIMESTAMP(3))
                        """).param("no", customerNo).update();
        assertThat(api.post("/api/v1/events/" + eventId + "/retry", null, "crm").status()).isEqualTo(403);
        Response retried = api.post("/api/v1/events/" + eventId + "/retry", null, "admin");
        assertThat(retried.status()).as(retried.body()).isEqualTo(200);
        Await.until(Duration.ofSeconds(5), () -> "DONE".equals(eventStatus(eventId)));
        assertThat(api.post("/api/v1/events/" + eventId + "/retry", null, "admin").status()).isEqualTo(409);
    }

    @Test
    void rowsTheCrmWritesIntoItsOutboxAreConsumedOnceEvenWhenAlsoPosted() {
        long id = crm.customer();
        crm.policy(id, "ACTIVE", today.minusMonths(3), today.plusMonths(9), "2500.00");
        String customerNo = crm.customerNo(id);
        String shared = "crm-" + UUID.randomUUID();
        String outboxOnly = "crm-" + UUID.randomUUID();
        String unknownType = "crm-" + UUID.randomUUID();
        assertThat(post(shared, "POLICY_BOUND", customerNo).status()).isEqualTo(202);
        insertCrmEvent(shared, "POLICY_BOUND", customerNo);
        insertCrmEvent(outboxOnly, "CUSTOMER_UPDATED", customerNo);
        insertCrmEvent(unknownType, "POLICY_EXPLODED", customerNo);

        // the outbox may be read between two of the inserts, so the unknown type can come a round later
        Await.until(Duration.ofSeconds(5), () -> "DONE".equals(eventStatus(outboxOnly)) && "PARKED".equals(eventStatus(unknownType)));

        assertThat(eventStatus(shared)).isEqualTo("DONE");
        assertThat(jdbc.sql("SELECT source FROM event_inbox WHERE event_id = :e").param("e", shared)
                .query(String.class).single()).isEqualTo("API");
        assertThat(jdbc.sql("SELECT source FROM event_inbox WHERE event_id = :e").param("e", outboxOnly)
                .query(String.class).single()).isEqualTo("CRM");
        assertThat(eventStatus(unknownType)).isEqualTo("PARKED");
        assertThat(api.get("/api/v1/events/" + unknownType, "admin").json().get("lastError").asString())
                .contains("Unknown event type 'POLICY_EXPLODED'");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM crm_event WHERE event_id IN (:ids) AND consumed_at IS NULL")
                .param("ids", List.of(shared, outboxOnly, unknownType)).query(Integer.class).single()).isZero();
        assertThat(jdbc.sql("SELECT eval_trigger FROM assessment WHERE customer_id = :id").param("id", id)
                .query(String.class).single()).isEqualTo("EVENT");
    }

    @Test
    void aBurstOfTenThousandEventsLosesNothing() throws Exception {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            long id = crm.customer();
            crm.policy(id, "ACTIVE", today.minusYears(2), today.plusMonths(6), "3000.00");
            ids.add(id);
        }
        List<String> numbers = ids.stream().map(crm::customerNo).toList();
        String prefix = "burst-" + UUID.randomUUID() + "-";
        List<SqlParameterSource> rows = new ArrayList<>();
        for (int i = 0; i < 9_000; i++) {
            rows.add(new MapSqlParameterSource()
                    .addValue("eventId", prefix + "crm-" + i)
                    .addValue("type", i % 2 == 0 ? "CLAIM_REPORTED" : "POLICY_BOUND")
                    .addValue("customerNo", numbers.get(i % numbers.size()))
                    .addValue("occurredAt", LocalDateTime.now()));
        }
        long started = System.nanoTime();
        named.batchUpdate("""
                INSERT INTO crm_event (event_id, type, customer_no, occurred_at)
                VALUES (:eventId, :type, :customerNo, :occurredAt)
                """, rows.toArray(SqlParameterSource[]::new));
        ExecutorService posters = Executors.newFixedThreadPool(4);
        List<Future<Integer>> posted = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            String eventId = prefix + "api-" + i;
            String customerNo = numbers.get(i % numbers.size());
            posted.add(posters.submit(() -> post(eventId, "CLAIM_SETTLED", customerNo).status()));
        }
        for (Future<Integer> status : posted) {
            assertThat(status.get()).isEqualTo(202);
        }
        posters.shutdown();

        Await.until(Duration.ofSeconds(60), () -> jdbc.sql("""
                        SELECT COUNT(*) FROM event_inbox WHERE event_id LIKE :prefix AND status = 'DONE'
                        """).param("prefix", prefix + "%").query(Integer.class).single() == 10_000);
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("10,000 events accepted and processed in %.1f s (%.0f/s)%n", seconds, 10_000 / seconds);

        assertThat(jdbc.sql("SELECT COUNT(*) FROM event_inbox WHERE event_id LIKE :prefix AND status <> 'DONE'")
                .param("prefix", prefix + "%").query(Integer.class).single()).isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM assessment WHERE customer_id IN (:ids) AND eval_trigger = 'EVENT'")
                .param("ids", ids).query(Integer.class).single()).isEqualTo(ids.size());
        // the customers' data did not change: one history row each, however many events they had
        assertThat(jdbc.sql("SELECT COUNT(*) FROM assessment_history WHERE customer_id IN (:ids)")
                .param("ids", ids).query(Integer.class).single()).isEqualTo(ids.size());
    }

    private void insertCrmEvent(String eventId, String type, String customerNo) {
        jdbc.sql("""
                        INSERT INTO crm_event (event_id, type, customer_no, occurred_at)
                        VALUES (:eventId, :type, :customerNo, CURRENT_TIMESTAMP(3))
                        """)
                .param("eventId", eventId)
                .param("type", type)
                .param("customerNo", customerNo)
                .update();
    }

    private Response post(String eventId, String type, String customerNo) {
        return api.post("/api/v1/events", body(eventId, type, customerNo), "crm");
    }

    private static String body(String eventId, String type, String customerNo) {
        return "{\"eventId\":\"" + eventId + "\",\"type\":\"" + type + "\",\"customerNo\":\"" + customerNo
                + "\",\"occurredAt\":\"2026-11-20T09:30:00+08:00\"}";
    }

    private void assertBadRequest(String body, String field) {
        Response response = api.post("/api/v1/events", body, "crm");
        assertThat(response.status()).as(body + " -> " + response.body()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        if (field != null) {
            assertThat(response.body()).as(body).contains("\"field\":\"" + field + "\"");
        }
    }

    private void assertBatchRefused(String body, String field) {
        Response response = api.post("/api/v1/events/batch", body, "crm");
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        if (field != null) {
            assertThat(response.body()).contains("\"field\":\"" + field + "\"");
        }
    }

    private long inboxRows() {
        return jdbc.sql("SELECT COUNT(*) FROM event_inbox").query(Long.class).single();
    }

    private String grade(long customerId) {
        return jdbc.sql("SELECT grade FROM assessment WHERE customer_id = :id").param("id", customerId)
                .query(String.class).optional().orElse(null);
    }

    private String eventStatus(String eventId) {
        return jdbc.sql("SELECT status FROM event_inbox WHERE event_id = :e").param("e", eventId)
                .query(String.class).optional().orElse(null);
    }

    private List<String> openWarnings(long customerId) {
        return jdbc.sql("SELECT type FROM warning WHERE customer_id = :id AND status IN ('OPEN', 'ACKNOWLEDGED')")
                .param("id", customerId).query(String.class).list();
    }

    private int historyRows(long customerId) {
        return jdbc.sql("SELECT COUNT(*) FROM assessment_history WHERE customer_id = :id")
                .param("id", customerId).query(Integer.class).single();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
