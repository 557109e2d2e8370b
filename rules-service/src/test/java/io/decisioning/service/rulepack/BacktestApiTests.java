package io.decisioning.service.rulepack;

import static org.assertj.core.api.Assertions.assertThat;

import io.decisioning.service.ApiClient;
import io.decisioning.service.ApiClient.Response;
import io.decisioning.service.customer.CrmFixtures;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Back-testing a churn scorecard over HTTP (DESIGN.md section 11) on a crafted book, as of a date fifteen years
 * ago that no other test's policies reach, so that its customers are the only ones at risk then: customers with
 * missed payments and overdue instalments before the date who then left, others who paid and renewed, and a few
 * of each the other way. The shipped scorecard separates them; a scorecard that scores everyone 0 does not. Bad
 * input, a failing version, a back-test already running and the roles are refused as the simulation's are.
 *
 * <p>The application's context (and its database) is shared with the other full-application tests: while
 * {@code premium_due} holds a row the retention pack runs for every customer, so each test removes the
 * instalments it wrote, and the class removes its customers at the end.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class BacktestApiTests {

    private static final int HORIZON = 90;

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    ApiClient api;
    RulePackFixtures rulePacks;
    CrmFixtures crm;
    LocalDate today;
    LocalDate asOf;
    int published;
    /** The crafted book's customers, in id order: 8 who missed payments and left, 2 who paid and left, 2 who missed and stayed, 18 who paid and stayed. */
    final List<Long> book = new ArrayList<>();
    /** Each customer's policy in force on asOf, in the same order. */
    final List<Long> policies = new ArrayList<>();

    @BeforeAll
    void craftTheBook() {
        api = new ApiClient(port);
        rulePacks = new RulePackFixtures(api, jdbc);
        crm = new CrmFixtures(jdbc);
        today = CrmFixtures.today();
        asOf = today.minusYears(15);
        published = rulePacks.publishedVersion("retention");
        customers(8, true);
        customers(2, true);
        customers(2, false);
        customers(18, false);
    }

    /** Customers with an AUTO policy from 300 days before asOf to 60 days after: renewed then, or not. */
    private void customers(int count, boolean leave) {
        for (int i = 0; i < count; i++) {
            long customer = crm.customer();
            LocalDate end = asOf.plusDays(60);
            policies.add(crm.policy(customer, "AUTO", "EXPIRED", asOf.minusDays(300), end, "1200.00"));
            if (!leave) {
                crm.policy(customer, "AUTO", "EXPIRED", end, end.plusYears(1), "1200.00");
            }
            book.add(customer);
        }
    }

    /**
     * The book's premium schedule: two instalments before asOf, left unpaid by the 1st to 8th and 11th and 12th
     * customers (two missed payments, overdue on asOf), paid on their day by the others; one more due after asOf.
     */
    private void schedule() {
        for (int i = 0; i < book.size(); i++) {
            boolean missed = i < 8 || i == 10 || i == 11;
            for (LocalDate due : List.of(asOf.minusDays(250), asOf.minusDays(200))) {
                crm.installment(book.get(i), policies.get(i), due, "100.00", missed ? "DUE" : "PAID",
                        missed ? null : due.atTime(10, 0));
            }
            crm.installment(book.get(i), policies.get(i), asOf.plusDays(10), "100.00", "PAID", asOf.plusDays(10).atTime(10, 0));
        }
    }

    @AfterEach
    void removeTheSchedule() {
        crm.removeInstallments(book);
        jdbc.sql("DELETE FROM rule_pack_backtest WHERE requested_by = 'backtest-api-test'").update();
    }

    @AfterAll
    void removeTheBook() {
        crm.removeInstallments(book);
        jdbc.sql("DELETE FROM policy WHERE customer_id IN (:ids)").param("ids", book).update();
        jdbc.sql("DELETE FROM customer WHERE id IN (:ids)").param("ids", book).update();
    }

    @Test
    void theShippedScorecardRanksThoseWhoLeftAboveThoseWhoStayed() {
        schedule();

        Response started = start(published, asOf, HORIZON);

        assertThat(started.status()).as(started.body()).isEqualTo(202);
        assertThat(started.json().get("status").asString()).isIn("RUNNING", "DONE");
        assertThat(started.json().get("asOf").asString()).isEqualTo(asOf.toString());
        assertThat(started.json().get("horizonDays").asInt()).isEqualTo(HORIZON);
        assertThat(started.json().get("requestedBy").asString()).isEqualTo("analyst");
        JsonNode done = awaitEnd("retention", published);
        assertThat(done.get("status").asString()).as(done.toString()).isEqualTo("DONE");
        assertThat(done.get("finishedAt").isNull()).isFalse();
        assertThat(done.get("evaluated").asLong()).as("only the crafted book was at risk then").isEqualTo(30);
        assertThat(done.get("left").asLong()).isEqualTo(10);
        assertThat(done.get("lapseRate").asDouble()).isEqualTo(0.3333);
        // 8 who left and 2 who stayed score 70, the others 20: 8 * (18 + 2/2) + 2 * (18/2) = 170 of 10 * 20 pairs
        assertThat(done.get("auc").asDouble()).isGreaterThan(0.5).isEqualTo(0.85);
        // the top decile: the three lowest ids of those scoring 70, all of whom left
        assertThat(done.get("topDecileLift").asDouble()).isGreaterThan(1).isEqualTo(3.0);
        JsonNode top = done.get("deciles").get(0);
        assertThat(top.get("decile").asInt()).isEqualTo(1);
        assertThat(top.get("customers").asLong()).isEqualTo(3);
        assertThat(top.get("left").asLong()).isEqualTo(3);
        assertThat(top.get("lapseRate").asDouble()).isEqualTo(1.0);
        assertThat(top.get("minScore").asInt()).isEqualTo(70);
        assertThat(top.get("maxScore").asInt()).isEqualTo(70);
        assertThat(sum(done.get("deciles"), "customers")).as("the deciles add up to the customers evaluated").isEqualTo(30);
        assertThat(sum(done.get("deciles"), "left")).isEqualTo(10);
        assertThat(sum(done.get("bands"), "customers")).isEqualTo(30);
        assertThat(done.get("noChurnScore").asLong()).isZero();
        assertThat(done.get("processed").asLong()).as("every record read is counted once").isEqualTo(
                done.get("evaluated").asLong() + done.get("noChurnScore").asLong() + done.get("notAtRisk").asLong()
                        + done.get("otherPartyRecords").asLong());
        assertThat(done.get("againstVersions").has("retention")).isFalse();
        assertThat(done.get("againstVersions").get("grading").asInt()).isPositive();

        JsonNode view = api.getJson("/api/v1/rule-packs/retention/versions/" + published, "approver");
        assertThat(view.get("backtest").get("id").asLong()).isEqualTo(done.get("id").asLong());
        assertThat(view.get("backtest").get("auc").asDouble()).isEqualTo(0.85);
        assertThat(api.get("/api/v1/rule-packs/retention/versions/" + published + "/backtest", "approver").status())
                .isEqualTo(200);
        assertThat(jdbc.sql("""
                        SELECT COUNT(*) FROM audit_event WHERE action = 'RULE_PACK_BACKTEST' AND actor = 'analyst'
                           AND target_type = 'RULE_PACK_VERSION' AND target_id = :target
                        """).param("target", "retention:" + published).query(Long.class).single()).isPositive();
    }

    @Test
    void aScorecardThatScoresEveryoneZeroIsNoBetterThanChance() {
        int zero = draft(Map.of("churn-scorecard.drl.csv", everyPointZero(file(published, "churn-scorecard.drl.csv"))));
        schedule();

        assertThat(start(zero, asOf, HORIZON).status()).isEqualTo(202);
        JsonNode done = awaitEnd("retention", zero);

        assertThat(done.get("status").asString()).as(done.toString()).isEqualTo("DONE");
        assertThat(done.get("auc").asDouble()).isEqualTo(0.5);
        assertThat(done.get("evaluated").asLong()).isEqualTo(30);
        assertThat(sum(done.get("deciles"), "customers")).isEqualTo(30);
        JsonNode lowest = done.get("bands").get(9);
        assertThat(lowest.get("band").asString()).isEqualTo("0-9");
        assertThat(lowest.get("customers").asLong()).isEqualTo(30);
    }

    @Test
    void aVersionThatCannotEvaluateTheCustomersFailsWithItsErrorAndNoFigures() {
        int looping = draft(Map.of("loop.drl", """
                package packs.retention;
                import io.decisioning.rules.*;
                rule "CHN-998 starts counting"
                when
                    $p : CustomerProfile()
                then
                    insert(Long.valueOf(0));
                end
                rule "CHN-999 counts forever"
                when
                    $n : Long()
                then
                    insert(Long.valueOf($n + 1));
                end
                """));
        schedule();

        assertThat(start(looping, asOf, HORIZON).status()).isEqualTo(202);
        JsonNode failed = awaitEnd("retention", looping);

        assertThat(failed.get("status").asString()).isEqualTo("FAILED");
        assertThat(failed.get("error").asString()).contains("could not be evaluated with this version");
        assertThat(failed.get("failed").asLong()).isEqualTo(30);
        assertThat(failed.has("auc")).as("no figures of part of the book").isFalse();
        assertThat(failed.has("deciles")).isFalse();
    }

    @Test
    void badInputIsRefusedNamingTheFieldAndNothingIsStored() {
        schedule();
        long before = backtests();
        LocalDate oldest = asOf.minusDays(250);

        assertInvalid(post(published, Map.of("horizonDays", HORIZON)), "asOf", "");
        assertInvalid(post(published, Map.of("asOf", "2026-02-30", "horizonDays", HORIZON)), "asOf", "");
        assertInvalid(post(published, Map.of("asOf", "next month", "horizonDays", HORIZON)), "asOf", "");
        assertInvalid(start(published, today.plusDays(1), HORIZON), "asOf", "future");
        assertInvalid(start(published, oldest.minusDays(1), HORIZON), "asOf", "begins on " + oldest);
        assertInvalid(post(published, Map.of("asOf", asOf.toString())), "horizonDays", "");
        assertInvalid(start(published, asOf, 0), "horizonDays", "");
        assertInvalid(start(published, asOf, 731), "horizonDays", "");
        assertInvalid(start(published, today.minusDays(10), 11), "horizonDays", "cannot be known yet");
        assertInvalid(start(published, today.minusDays(100), 71), "horizonDays", "a renewal may come 30 days");
        assertInvalid(api.post("/api/v1/rule-packs/retention/versions/" + published + "/backtest", null, "analyst"), "body", "");
        Response grading = rulePacks.post("/api/v1/rule-packs/grading/versions/1/backtest",
                Map.of("asOf", asOf.toString(), "horizonDays", HORIZON), "analyst");
        assertInvalid(grading, "name", "gives no churn score");
        assertThat(grading.json().get("detail").asString()).contains("grading");
        assertThat(start(published, today.minusDays(40), 10).status())
                .as("a horizon that ended with its 30 days of renewals today has passed").isNotEqualTo(400);
        awaitEnd("retention", published);

        assertThat(backtests()).as("only the last one was started").isEqualTo(before + 1);
    }

    @Test
    void withoutAPremiumScheduleEveryDateIsBeforeTheOldestData() {
        // the demo book of the shared application keeps schedules: they are set aside for this test, and put back
        jdbc.sql("CREATE TABLE premium_due_aside AS SELECT * FROM premium_due").update();
        try {
            jdbc.sql("DELETE FROM premium_due").update();

            assertInvalid(start(published, asOf, HORIZON), "asOf", "keeps no premium schedule");
        } finally {
            jdbc.sql("INSERT INTO premium_due SELECT * FROM premium_due_aside").update();
            jdbc.sql("DROP TABLE premium_due_aside").update();
        }
    }

    @Test
    void anUnknownPackOrVersionIs404AndAVersionThatDoesNotCompileIs409() {
        schedule();
        Response broken = rulePacks.post("/api/v1/rule-packs/retention/versions", Map.of(
                "baseVersion", published,
                "files", Map.of("broken.drl", "package packs.retention;\nrule \"CHN-997 broken\"\nwhen\n  $p : NoSuchFact(x > )\nthen\nend\n")),
                "analyst");
        assertThat(broken.json().get("valid").asBoolean()).isFalse();
        String body = RulePackFixtures.JSON.writeValueAsString(Map.of("asOf", asOf.toString(), "horizonDays", HORIZON));

        assertThat(api.post("/api/v1/rule-packs/nosuch/versions/1/backtest", body, "analyst").status()).isEqualTo(404);
        assertThat(api.post("/api/v1/rule-packs/retention/versions/9999/backtest", body, "analyst").status()).isEqualTo(404);
        assertThat(api.get("/api/v1/rule-packs/retention/versions/9999/backtest", "analyst").status()).isEqualTo(404);
        Response notCompiled = api.post("/api/v1/rule-packs/retention/versions/" + broken.json().get("version").asInt()
                + "/backtest", body, "analyst");
        assertThat(notCompiled.status()).as(notCompiled.body()).isEqualTo(409);
        assertThat(notCompiled.json().get("detail").asString()).contains("does not compile");
    }

    @Test
    void aSecondBackTestOfAVersionWhileOneRunsIsRefused() {
        int copy = draft(Map.of("notes.md", "A copy to back-test twice."));
        schedule();
        // as another node's back-test would be: RUNNING, started a moment ago
        jdbc.sql("""
                        INSERT INTO rule_pack_backtest (pack, version, status, as_of, horizon_days, against_versions,
                                                        requested_by, started_at)
                        VALUES ('retention', :version, 'RUNNING', :asOf, 90, '{}', 'backtest-api-test', UTC_TIMESTAMP(3))
                        """).param("version", copy).param("asOf", asOf).update();

        Response second = start(copy, asOf, HORIZON);

        assertThat(second.status()).as(second.body()).isEqualTo(409);
        assertThat(second.json().get("detail").asString()).contains("is running");
        assertThat(api.getJson("/api/v1/rule-packs/retention/versions/" + copy + "/backtest", "analyst")
                .get("status").asString()).isEqualTo("RUNNING");
    }

    @Test
    void analystsAndAdminsStartBackTestsApproversReadThemAndUnderwritersNeither() {
        String path = "/api/v1/rule-packs/retention/versions/" + published + "/backtest";
        String body = RulePackFixtures.JSON.writeValueAsString(Map.of("asOf", asOf.toString(), "horizonDays", HORIZON));

        assertThat(api.post(path, body, "underwriter").status()).isEqualTo(403);
        assertThat(api.get(path, "underwriter").status()).isEqualTo(403);
        assertThat(api.post(path, body, "approver").status()).isEqualTo(403);
        assertThat(api.post(path, body, "auditor").status()).isEqualTo(403);
        assertThat(api.get(path, "auditor").status()).isEqualTo(403);
        assertThat(api.get(path, null).status()).isEqualTo(401);
        assertThat(api.get(path, "approver").status()).as("read, or 404 before any back-test").isIn(200, 404);
    }

    private Response start(int version, LocalDate asOf, int horizonDays) {
        return post(version, Map.of("asOf", asOf.toString(), "horizonDays", horizonDays));
    }

    private Response post(int version, Map<String, ?> body) {
        return rulePacks.post("/api/v1/rule-packs/retention/versions/" + version + "/backtest", body, "analyst");
    }

    private JsonNode awaitEnd(String pack, int version) {
        return rulePacks.awaitEnd("/api/v1/rule-packs/" + pack + "/versions/" + version + "/backtest", "analyst");
    }

    private static void assertInvalid(Response response, String field, String message) {
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        JsonNode error = response.json().get("errors").get(0);
        assertThat(error.get("field").asString()).as(response.body()).isEqualTo(field);
        assertThat(error.get("message").asString()).contains(message);
    }

    private long backtests() {
        return jdbc.sql("SELECT COUNT(*) FROM rule_pack_backtest").query(Long.class).single();
    }

    /** A new draft of the retention pack: the published version with these files. */
    private int draft(Map<String, String> files) {
        return rulePacks.draft("retention", published, "back-test", files, "analyst");
    }

    private String file(int version, String name) {
        return api.getJson("/api/v1/rule-packs/retention/versions/" + version, "analyst").get("files").get(name).asString();
    }

    /** The scorecard table with every rule's points 0: the points are the cell before the reason, the last one. */
    /** The churn table with every row's points (the column before its two reasons, English and Chinese) set to 0. */
    private static String everyPointZero(String table) {
        StringBuilder zero = new StringBuilder();
        for (String line : table.split("\n", -1)) {
            if (line.startsWith("CHN-")) {
                List<String> cells = cells(line.stripTrailing());
                cells.set(cells.size() - 3, "0");
                line = String.join(",", cells);
            }
            zero.append(line).append('\n');
        }
        String changed = zero.substring(0, zero.length() - 1);
        assertThat(changed).isNotEqualTo(table).contains("CHN-012 Two or more missed payments in 12 months,,2,,,,,,,,,,,,,,0,");
        return changed;
    }

    /** A CSV line's cells as written (quotes kept), split at the commas outside quotes. */
    private static List<String> cells(String line) {
        List<String> cells = new java.util.ArrayList<>();
        boolean quoted = false;
        int from = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                cells.add(line.substring(from, i));
                from = i + 1;
            }
        }
        cells.add(line.substring(from));
        return cells;
    }

    private static long sum(JsonNode rows, String field) {
        long sum = 0;
        for (JsonNode row : rows) {
            sum += row.get(field).asLong();
        }
        return sum;
    }
}
