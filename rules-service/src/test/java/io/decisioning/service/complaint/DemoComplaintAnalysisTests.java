package io.decisioning.service.complaint;

import static org.assertj.core.api.Assertions.assertThat;

import io.decisioning.service.ApiClient;
import io.decisioning.service.ApiClient.Response;
import io.decisioning.service.Await;
import io.decisioning.service.assessment.EvaluationDate;
import io.decisioning.service.demo.DemoData;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The monthly complaint analysis of the demo book equals DESIGN.md section 13 computed apart, in this test's own SQL
 * from the CRM's complaint table alone (not the service's clocks): for each of the last twelve months and each
 * grouping, every group's complaints received and decided, decided within section 13's default time limit (15, 30,
 * 60 calendar days from the day received by complexity; a complaint of a complexity or channel the service does not
 * know has none), the median days to a decision, the repeat complainants and the top root causes. The service starts
 * as a newcomer's does, on an empty embedded database of its own that it fills with the demo book, and a nightly run
 * assesses it.
 *
 * <p>Not for a shared database: the demo book is generated only into an empty CRM (so .ci/run leaves this class out of
 * its run against MariaDB 10.11, as it does the other demo-book tests, with which it shares its Spring context).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"rules.demo.data=10000", "rules.demo.duplicates=0.03"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DemoComplaintAnalysisTests {

    private static final String KNOWN = "k.complexity IN ('SIMPLE', 'COMPLEX', 'EXTENDED')"
            + " AND k.channel IN ('PHONE', 'ONLINE', 'LETTER', 'VISIT', 'REGULATOR')";
    private static final String LIMIT = "CASE k.complexity WHEN 'SIMPLE' THEN 15 WHEN 'COMPLEX' THEN 30 ELSE 60 END";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DemoData demoData;

    @Autowired
    EvaluationDate evaluationDate;

    ApiClient api;
    /** The service's zone's offset from UTC, in seconds (Asia/Shanghai keeps no summer time). */
    long offset;

    @BeforeAll
    void assessTheDemoBook() {
        assertThat(demoData.generatedAtStartup()).as("the demo book is generated into an empty CRM at start-up").isTrue();
        api = new ApiClient(port);
        offset = evaluationDate.zone().getRules().getOffset(Instant.now()).getTotalSeconds();
        Response started = api.post("/api/v1/batch-runs", null, "admin");
        assertThat(started.status()).as(started.body()).isIn(202, 409);
        if (started.status() == 202) {
            String run = "/api/v1/batch-runs/" + started.json().get("id").asLong();
            Await.until(Duration.ofMinutes(5), () -> !api.getJson(run, "admin").get("status").asString().equals("RUNNING"));
        }
    }

    @Test
    void everyFigureOfTheLastTwelveMonthsByEveryGroupingIsSection13ComputedApart() {
        YearMonth current = YearMonth.from(evaluationDate.today());
        long received = 0;
        long decided = 0;
        List<String> disagreements = new ArrayList<>();
        for (int back = 11; back >= 0; back--) {
            YearMonth month = current.minusMonths(back);
            for (String groupBy : List.of("branch", "category", "channel")) {
                JsonNode report = api.getJson("/api/v1/reports/complaints?month=" + month + "&groupBy=" + groupBy, "admin");
                Map<String, List<Object>> actual = new TreeMap<>();
                report.get("groups").valueStream().forEach(g -> actual.put(g.get("group").asString(), figures(g)));
                Map<String, List<Object>> expected = expected(month, groupBy);
                if (!actual.equals(expected)) {
                    disagreements.add(month + " by " + groupBy + ": the service " + actual + ", section 13 " + expected);
                }
                List<Object> totals = figures(report.get("totals"));
                if (groupBy.equals("branch")) {
                    received += (Long) totals.get(0);
                    decided += (Long) totals.get(1);
                }
            }
        }
        assertThat(disagreements).isEmpty();
        assertThat(received).as("complaints received in the demo's year").isGreaterThan(100);
        assertThat(decided).as("complaints decided in the demo's year").isGreaterThan(100);
    }

    @Test
    void theTrendIsTheShareDecidedInTimeOfEachMonth() {
        YearMonth current = YearMonth.from(evaluationDate.today());
        JsonNode trend = api.getJson("/api/v1/reports/complaints?month=" + current, "admin").get("trend");
        assertThat(trend.size()).isEqualTo(12);
        for (int i = 0; i < 12; i++) {
            YearMonth month = current.minusMonths(11 - i);
            JsonNode share = trend.get(i);
            Map<String, Object> row = jdbc.sql("""
                            SELECT COUNT(*) AS decided, COALESCE(SUM(%s), 0) AS in_time
                              FROM complaint k
                             WHERE k.decided_at >= :from AND k.decided_at < :to AND k.status IN ('DECIDED', 'CLOSED')
                               AND %s""".formatted(inTime(), KNOWN))
                    .param("from", utc(month)).param("to", utc(month.plusMonths(1))).query().singleRow();
            assertThat(share.get("month").asString()).isEqualTo(month.toString());
            assertThat(share.get("decided").asLong()).as(month.toString()).isEqualTo(((Number) row.get("decided")).longValue());
            assertThat(share.get("decidedInTime").asLong()).as(month.toString()).isEqualTo(((Number) row.get("in_time")).longValue());
        }
    }

    /** Each group's figures of the month, as section 13 defines them, from the CRM's complaint table alone. */
    private Map<String, List<Object>> expected(YearMonth month, String groupBy) {
        String group = switch (groupBy) {
            case "branch" -> "k.branch_code";
            case "category" -> "COALESCE(k.category, 'UNCLASSIFIED')";
            default -> "k.channel";
        };
        LocalDateTime from = utc(month);
        LocalDateTime to = utc(month.plusMonths(1));
        Map<String, long[]> counts = new TreeMap<>();
        jdbc.sql("SELECT %s AS g, COUNT(*) AS n FROM complaint k WHERE k.received_at >= :from AND k.received_at < :to GROUP BY g"
                        .formatted(group))
                .param("from", from).param("to", to).query().listOfRows()
                .forEach(r -> counts.computeIfAbsent((String) r.get("g"), g -> new long[5])[0] = ((Number) r.get("n")).longValue());
        Map<String, Double> medians = new TreeMap<>();
        jdbc.sql("""
                        SELECT %s AS g, COUNT(*) AS n, SUM(CASE WHEN %s THEN %s ELSE 0 END) AS in_time,
                               SUM(CASE WHEN %s THEN 1 - %s ELSE 0 END) AS late
                          FROM complaint k
                         WHERE k.decided_at >= :from AND k.decided_at < :to AND k.status IN ('DECIDED', 'CLOSED')
                         GROUP BY g""".formatted(group, KNOWN, inTime(), KNOWN, inTime()))
                .param("from", from).param("to", to).query().listOfRows()
                .forEach(r -> {
                    long[] c = counts.computeIfAbsent((String) r.get("g"), g -> new long[5]);
                    c[1] = ((Number) r.get("n")).longValue();
                    c[2] = ((Number) r.get("in_time")).longValue();
                    c[3] = ((Number) r.get("late")).longValue();
                });
        jdbc.sql("""
                        SELECT DISTINCT %s AS g, MEDIAN(%s) OVER (PARTITION BY %s) AS m
                          FROM complaint k
                         WHERE k.decided_at >= :from AND k.decided_at < :to AND k.status IN ('DECIDED', 'CLOSED')"""
                        .formatted(group, days(), group))
                .param("from", from).param("to", to).query().listOfRows()
                .forEach(r -> medians.put((String) r.get("g"), ((Number) r.get("m")).doubleValue()));
        // repeat complainants: customers who complained in the month with 3 or more complaints in the 12 months to its end
        jdbc.sql("""
                        SELECT %s AS g, COUNT(DISTINCT k.customer_id) AS n
                          FROM complaint k
                         WHERE k.received_at >= :from AND k.received_at < :to AND k.customer_id IS NOT NULL
                           AND (SELECT COUNT(*) FROM complaint y WHERE y.customer_id = k.customer_id
                                   AND y.received_at >= :yearFrom AND y.received_at < :to) >= 3
                         GROUP BY g""".formatted(group))
                .param("from", from).param("to", to).param("yearFrom", utc(month.plusMonths(1).minusMonths(12)))
                .query().listOfRows()
                .forEach(r -> counts.get((String) r.get("g"))[4] = ((Number) r.get("n")).longValue());
        Map<String, List<String>> causes = new TreeMap<>();
        jdbc.sql("""
                        SELECT %s AS g, k.root_cause AS cause, COUNT(*) AS n
                          FROM complaint k
                         WHERE k.decided_at >= :from AND k.decided_at < :to AND k.status IN ('DECIDED', 'CLOSED')
                           AND k.root_cause IS NOT NULL AND k.root_cause <> ''
                         GROUP BY g, cause
                         ORDER BY g, n DESC, cause""".formatted(group))
                .param("from", from).param("to", to).query().listOfRows()
                .forEach(r -> {
                    List<String> top = causes.computeIfAbsent((String) r.get("g"), g -> new ArrayList<>());
                    if (top.size() < 3) {
                        top.add(r.get("cause") + " " + ((Number) r.get("n")).longValue());
                    }
                });
        Map<String, List<Object>> expected = new LinkedHashMap<>();
        counts.forEach((g, c) -> {
            List<Object> figures = new ArrayList<>(List.of(c[0], c[1], c[2], c[3]));
            figures.add(c[2] + c[3] == 0 ? null : Math.round(1000.0 * c[2] / (c[2] + c[3])) / 10.0);
            figures.add(medians.get(g));
            figures.add(c[4]);
            figures.add(causes.getOrDefault(g, List.of()));
            expected.put(g, figures);
        });
        return new TreeMap<>(expected);
    }

    /** The figures of a row and its top root causes. */
    private static List<Object> figures(JsonNode row) {
        List<Object> figures = new ArrayList<>(AnalysisRows.figures(row));
        figures.add(AnalysisRows.rootCauses(row));
        return figures;
    }

    /** Calendar days from the day received to the day decided, in the service's zone. */
    private String days() {
        return "DATEDIFF(k.decided_at + INTERVAL %1$d SECOND, k.received_at + INTERVAL %1$d SECOND)".formatted(offset);
    }

    /** 1 when decided on or before section 13's default deadline, else 0. */
    private String inTime() {
        return "(CASE WHEN " + days() + " <= " + LIMIT + " THEN 1 ELSE 0 END)";
    }

    private LocalDateTime utc(YearMonth month) {
        return month.atDay(1).atStartOfDay(evaluationDate.zone()).withZoneSameInstant(ZoneOffset.UTC).toLocalDateTime();
    }
}
