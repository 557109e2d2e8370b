package io.decisioning.service.batch;

import static org.assertj.core.api.Assertions.assertThat;

import io.decisioning.service.ApiClient.Response;
import io.decisioning.service.ApiClient;
import io.decisioning.service.customer.CrmFixtures;
import io.decisioning.service.demo.DemoBooks;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The nightly run over HTTP and Quartz on the embedded MariaDB: a book with known expected outcomes,
 * small partitions and chunks so that a run has many of each, and the effects of a second and a
 * third run (nothing changed; a claim withdrawn).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"rules.batch.partition-size=40", "rules.batch.chunk-size=15"})
class BatchRunTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    BatchRunService batchRuns;

    @Autowired
    DataSource dataSource;

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
    void aRunGradesTheWholeBookAndLaterRunsWriteOnlyWhatChanged() {
        // the run recomputes the book-wide figures: one very large account keeps everyone else's share small
        long whale = crm.customer();
        crm.policy(whale, "ACTIVE", today.minusMonths(1), today.plusMonths(11), "100000000.00");
        long veteran = crm.customer();
        crm.policy(veteran, "ACTIVE", today.minusYears(5), today.plusMonths(6), "60000.00");
        long claimant = crm.customer();
        long policy = crm.policy(claimant, "ACTIVE", today.minusYears(2), today.plusMonths(3), "5000.00");
        List<Long> claims = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            claims.add(crm.claim(claimant, policy, today.minusMonths(i), "PAID", "100.00"));
        }
        long keyAccount = crm.customer();
        crm.policy(keyAccount, "ACTIVE", today.minusMonths(2), today.plusMonths(10), "600000.00");
        List<Long> plain = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            long id = crm.customer();
            crm.policy(id, "ACTIVE", today.minusMonths(6), today.plusMonths(6), "3000.00");
            plain.add(id);
        }

        JsonNode first = runToTheEnd();

        long customers = jdbc.sql("SELECT COUNT(*) FROM customer").query(Long.class).single();
        assertThat(first.get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(first.get("total").asLong()).isEqualTo(customers);
        assertThat(first.get("processed").asLong()).isEqualTo(customers);
        assertThat(first.get("failed").asLong()).isZero();
        assertThat(first.get("partitions").asInt()).isGreaterThan(1);
        assertThat(first.get("rulePacks").get("grading").asInt()).isPositive();
        assertThat(first.get("finishedAt").isNull()).isFalse();
        // the run ranked the book: the veteran's premium is above 80 % of the book's (whatever else other
        // tests left in it), so GOLD and VIP
        assertOutcome(veteran, "HIGH_QUALITY", true);
        assertThat(tier(veteran)).isEqualTo("GOLD");
        assertOutcome(claimant, "POOR_QUALITY", false);
        assertThat(tier(claimant)).isEqualTo("RESTRICTED");
        assertOutcome(keyAccount, "KEY_ACCOUNT", true);
        assertOutcome(whale, "KEY_ACCOUNT", true);
        assertThat(tier(keyAccount)).isEqualTo("PLATINUM");
        for (long id : plain) {
            assertOutcome(id, "STANDARD", false);
        }
        assertThat(openWarnings(claimant)).containsExactly("REPEAT_CLAIMANT");
        assertThat(storedWarnings(claimant)).contains("REPEAT_CLAIMANT");
        assertThat(historyRows(claimant)).isEqualTo(1);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM batch_partition WHERE run_id = :id AND status = 'DONE'")
                .param("id", first.get("id").asLong()).query(Integer.class).single())
                .isEqualTo(first.get("partitions").asInt());

        JsonNode second = runToTheEnd();

        assertThat(second.get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(second.get("processed").asLong()).isEqualTo(customers);
        assertThat(second.get("changed").asLong()).isZero();
        assertThat(historyRows(claimant)).isEqualTo(1);
        assertThat(historyRows(veteran)).isEqualTo(1);

        for (long claim : claims) {
            jdbc.sql("UPDATE claim SET status = 'WITHDRAWN' WHERE id = :id").param("id", claim).update();
        }
        JsonNode third = runToTheEnd();

        assertThat(third.get("changed").asLong()).isEqualTo(1);
        assertThat(grade(claimant)).isNotEqualTo("POOR_QUALITY");
        assertThat(historyRows(claimant)).isEqualTo(2);
        assertThat(openWarnings(claimant)).isEmpty();
        assertThat(storedWarnings(claimant)).doesNotContain("REPEAT_CLAIMANT");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM assessment a LEFT JOIN assessment_detail d ON d.customer_id = a.customer_id WHERE d.customer_id IS NULL")
                .query(Long.class).single()).as("assessments without their explanation").isZero();
        assertThat(jdbc.sql("""
                        SELECT resolved_by FROM warning WHERE customer_id = :id AND type = 'REPEAT_CLAIMANT'
                        """).param("id", claimant).query(String.class).single()).isEqualTo("system");

        Response list = api.get("/api/v1/batch-runs", "analyst");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().get(0).get("id").asLong()).isEqualTo(third.get("id").asLong());
    }

    @Test
    void aRunOverAGeneratedBookGivesEachCustomerWhatItsProfileImpliesAndWhatEvaluatingItAloneGives() {
        DemoBooks.Written book = DemoBooks.writeWithProfiles(dataSource, 1_500, 3, today);

        JsonNode run = runToTheEnd();

        assertThat(run.get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(run.get("failed").asLong()).isZero();
        Map<String, Map<String, Object>> stored = new HashMap<>();
        jdbc.sql("""
                        SELECT c.customer_no, a.grade, d.warnings, a.outcome_hash FROM assessment a
                          JOIN assessment_detail d ON d.customer_id = a.customer_id
                          JOIN customer c ON c.id = a.customer_id WHERE c.customer_no LIKE :prefix
                        """).param("prefix", book.prefix() + "%").query().listOfRows()
                .forEach(row -> stored.put((String) row.get("customer_no"), row));
        assertThat(stored).hasSize(book.profiles().size());
        Map<String, Integer> seen = new TreeMap<>();
        book.profiles().forEach((customerNo, profile) -> {
            Map<String, Object> row = stored.get(customerNo);
            String warnings = (String) row.get("warnings");
            seen.merge(profile, 1, Integer::sum);
            switch (profile) {
                case "KEY_ACCOUNT" -> assertThat(row.get("grade")).as(customerNo).isEqualTo("KEY_ACCOUNT");
                case "REPEAT_CLAIMANT" -> assertThat(warnings).as(customerNo).contains("REPEAT_CLAIMANT");
                case "HIGH_LOSS_RATIO" -> assertThat(warnings).as(customerNo).contains("HIGH_LOSS_RATIO");
                case "EARLY_CLAIM" -> assertThat(warnings).as(customerNo).contains("EARLY_CLAIM");
                case "VETERAN" -> assertThat(row.get("grade")).as(customerNo).isIn("HIGH_QUALITY", "KEY_ACCOUNT");
                default -> assertThat(row.get("grade")).as(customerNo).isNotEqualTo("NEW");
            }
        });
        assertThat(seen.keySet()).contains("KEY_ACCOUNT", "VETERAN", "REPEAT_CLAIMANT", "HIGH_LOSS_RATIO", "EARLY_CLAIM");

        // the batch's set-based path and the one-customer path of checks and events agree on every customer
        List<String> numbers = new ArrayList<>(book.profiles().keySet());
        for (String customerNo : numbers.subList(0, 300)) {
            Response evaluated = api.post("/api/v1/customers/" + customerNo + "/evaluate", null, "admin");
            assertThat(evaluated.status()).isEqualTo(200);
        }
        for (String customerNo : numbers.subList(0, 300)) {
            String hash = jdbc.sql("""
                            SELECT a.outcome_hash FROM assessment a JOIN customer c ON c.id = a.customer_id
                             WHERE c.customer_no = :no
                            """).param("no", customerNo).query(String.class).single();
            assertThat(hash).as(customerNo).isEqualTo(stored.get(customerNo).get("outcome_hash"));
        }
    }

    @Test
    void onlyOneRunAtATimeAndOnlyAdminsStartThem() {
        jdbc.sql("""
                        INSERT INTO batch_run (status, phase, run_trigger, requested_by, as_of_date, started_at, running)
                        VALUES ('RUNNING', 'STARTING', 'MANUAL', 'test', CURRENT_DATE, CURRENT_TIMESTAMP(3), 1)
                        """).update();
        long blocking = jdbc.sql("SELECT id FROM batch_run WHERE running = 1").query(Long.class).single();
        try {
            Response refused = api.post("/api/v1/batch-runs", null, "admin");
            assertThat(refused.status()).as(refused.body()).isEqualTo(409);
            assertThat(refused.contentType()).startsWith("application/problem+json");
        } finally {
            jdbc.sql("UPDATE batch_run SET status = 'FAILED', phase = 'FINISHED', running = NULL WHERE id = :id")
                    .param("id", blocking).update();
        }
        assertThat(api.post("/api/v1/batch-runs", null, "underwriter").status()).isEqualTo(403);
        assertThat(api.post("/api/v1/batch-runs", null, "analyst").status()).isEqualTo(403);
        assertThat(api.get("/api/v1/batch-runs/99999999", "admin").status()).isEqualTo(404);
        assertThat(api.get("/api/v1/batch-runs", "auditor").status()).isEqualTo(403);
        assertThat(api.get("/api/v1/batch-runs", null).status()).isEqualTo(401);
    }

    @Test
    void theNightlyRunIsACronTriggerInTheClusteredJobStoreInTheConfiguredZone() {
        var trigger = jdbc.sql("""
                        SELECT t.JOB_NAME, c.CRON_EXPRESSION, c.TIME_ZONE_ID
                          FROM QRTZ_TRIGGERS t JOIN QRTZ_CRON_TRIGGERS c
                            ON c.SCHED_NAME = t.SCHED_NAME AND c.TRIGGER_NAME = t.TRIGGER_NAME AND c.TRIGGER_GROUP = t.TRIGGER_GROUP
                         WHERE t.SCHED_NAME = 'decisioning' AND t.TRIGGER_NAME = 'nightly'
                        """).query().singleRow();
        // the default hour (0 0 2 * * ?, ConfigurationMetadataTests), in 2099 for the tests (test application.properties)
        assertThat(trigger.get("CRON_EXPRESSION")).isEqualTo("0 0 2 * * ? 2099");
        assertThat(trigger.get("TIME_ZONE_ID")).isEqualTo("Asia/Shanghai");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM QRTZ_SCHEDULER_STATE WHERE SCHED_NAME = 'decisioning'")
                .query(Integer.class).single()).as("this node checks in with the cluster").isPositive();
    }

    @Test
    void runsThatLostTheirJobsAreFoundAndFinished() {
        for (int i = 0; i < 20; i++) {
            long id = crm.customer();
            crm.policy(id, "ACTIVE", today.minusYears(1), today.plusMonths(6), "1000.00");
        }
        // a run whose preparation job is gone
        jdbc.sql("""
                        INSERT INTO batch_run (status, phase, run_trigger, requested_by, as_of_date, started_at, rule_packs, running)
                        VALUES ('RUNNING', 'STARTING', 'MANUAL', 'test', :today, CURRENT_TIMESTAMP(3), '{}', 1)
                        """).param("today", today).update();
        long orphan = jdbc.sql("SELECT id FROM batch_run WHERE running = 1").query(Long.class).single();

        batchRuns.recoverOrphans();

        JsonNode finished = awaitFinished(orphan);
        assertThat(finished.get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(finished.get("processed").asLong()).isEqualTo(finished.get("total").asLong()).isPositive();

        // a run partitioned but whose partition jobs are gone, one of them half done
        long maxId = jdbc.sql("SELECT MAX(id) FROM customer").query(Long.class).single();
        long minId = jdbc.sql("SELECT MIN(id) FROM customer").query(Long.class).single();
        long middle = (minId + maxId) / 2;
        long checkpoint = (middle + maxId) / 2;
        jdbc.sql("""
                        INSERT INTO batch_run (status, phase, run_trigger, requested_by, as_of_date, started_at, rule_packs,
                            total, partitions, running)
                        VALUES ('RUNNING', 'PARTITIONED', 'MANUAL', 'test', :today, CURRENT_TIMESTAMP(3), '{}', 0, 2, 1)
                        """).param("today", today).update();
        long partitioned = jdbc.sql("SELECT id FROM batch_run WHERE running = 1").query(Long.class).single();
        jdbc.sql("""
                        INSERT INTO batch_partition (run_id, partition_no, from_id, to_id, status, checkpoint_id)
                        VALUES (:run, 0, :min, :middle, 'PENDING', :beforeMin),
                               (:run, 1, :afterMiddle, :max, 'RUNNING', :checkpoint)
                        """)
                .param("run", partitioned).param("min", minId).param("middle", middle).param("beforeMin", minId - 1)
                .param("afterMiddle", middle + 1).param("max", maxId).param("checkpoint", checkpoint).update();

        batchRuns.recoverOrphans();

        JsonNode resumed = awaitFinished(partitioned);
        assertThat(resumed.get("status").asString()).isEqualTo("SUCCEEDED");
        long expected = jdbc.sql("SELECT COUNT(*) FROM customer WHERE id BETWEEN :a AND :b OR id > :checkpoint")
                .param("a", minId).param("b", middle).param("checkpoint", checkpoint).query(Long.class).single();
        long skipped = jdbc.sql("SELECT COUNT(*) FROM customer WHERE id > :middle AND id <= :checkpoint")
                .param("middle", middle).param("checkpoint", checkpoint).query(Long.class).single();
        assertThat(skipped).isPositive();
        assertThat(resumed.get("processed").asLong()).as("the second partition resumes after its checkpoint").isEqualTo(expected);
    }

    /**
     * How long a run over the whole test database may take before a test gives up on it: on MariaDB 10.11 in CI the
     * database holds every test class's customers (35,000 and more), and on a loaded 2-core machine a run that
     * resolves the whole book and rewrites 20,000 assessments took 61 s. A deadline, not a wait: a run that ends
     * sooner is read as soon as it ends.
     */
    private static final Duration RUN_DEADLINE = Duration.ofSeconds(300);

    private JsonNode awaitFinished(long id) {
        long deadline = System.nanoTime() + RUN_DEADLINE.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode body = api.get("/api/v1/batch-runs/" + id, "admin").json();
            if (!body.get("status").asString().equals("RUNNING")) {
                return body;
            }
            sleep(100);
        }
        throw new AssertionError("run " + id + " did not finish in " + RUN_DEADLINE.toSeconds() + " s");
    }

    private JsonNode runToTheEnd() {
        Response started = api.post("/api/v1/batch-runs", null, "admin");
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        long id = started.json().get("id").asLong();
        long deadline = System.nanoTime() + RUN_DEADLINE.toNanos();
        while (System.nanoTime() < deadline) {
            Response run = api.get("/api/v1/batch-runs/" + id, "admin");
            assertThat(run.status()).as(run.body()).isEqualTo(200);
            JsonNode body = run.json();
            assertThat(body.get("processed").asLong()).isLessThanOrEqualTo(Math.max(body.get("total").asLong(), 0));
            if (!body.get("status").asString().equals("RUNNING")) {
                return body;
            }
            sleep(100);
        }
        throw new AssertionError("run " + id + " did not finish in " + RUN_DEADLINE.toSeconds() + " s");
    }

    /** The warnings of the customer's current assessment as stored with its explanation (JSON). */
    private String storedWarnings(long customerId) {
        return jdbc.sql("SELECT warnings FROM assessment_detail WHERE customer_id = :id").param("id", customerId)
                .query(String.class).single();
    }

    private void assertOutcome(long customerId, String grade, boolean vip) {
        var row = jdbc.sql("SELECT grade, vip, eval_trigger FROM assessment WHERE customer_id = :id")
                .param("id", customerId).query().singleRow();
        assertThat(row.get("grade")).as("grade of customer %d", customerId).isEqualTo(grade);
        Object stored = row.get("vip");
        boolean storedVip = stored instanceof Boolean flag ? flag : ((Number) stored).intValue() == 1;
        assertThat(storedVip).as("vip of customer %d", customerId).isEqualTo(vip);
        assertThat(row.get("eval_trigger")).isEqualTo("BATCH");
    }

    private String grade(long customerId) {
        return jdbc.sql("SELECT grade FROM assessment WHERE customer_id = :id").param("id", customerId).query(String.class).single();
    }

    private String tier(long customerId) {
        return jdbc.sql("SELECT tier FROM assessment WHERE customer_id = :id").param("id", customerId).query(String.class).single();
    }

    private List<String> openWarnings(long customerId) {
        return jdbc.sql("SELECT type FROM warning WHERE customer_id = :id AND status IN ('OPEN', 'ACKNOWLEDGED') ORDER BY type")
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
