package io.decisioning.service.complaint;

import io.decisioning.service.DecisioningApplication;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The complaint targets over a generated book on the embedded MariaDB (BENCHMARKS.md, "Complaints"): {@code complaints}
 * complaints (100,000 by default) of thirteen months, of customers four times as many (a quarter of them complain,
 * some more than once), 2 % without a customer, of every channel, category, complexity and status, about a tenth of
 * them open. A run over the whole book clocks them (timed: the first run evaluates every customer), then through the
 * API, {@code rounds} times each: the monthly analysis of the last month by branch, category and channel, its CSV
 * export, and the work queue's first page and its AT_RISK page. The book is generated on the first run into
 * {@code target/bench-db/complaints-<complaints>} and reused.
 *
 * <p>Usage (from {@code benchmarks/complaints.sh}): {@code [complaints=100000] [rounds=5] [buffer pool=2G|default]}.
 */
public final class ComplaintBenchmark {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final List<String> BRANCHES = List.of("HQ", "BJ", "SH", "GD", "GD-SZ", "GD-GZ", "ZJ", "ZJ-HZ", "ZJ-NB", "JS",
            "JS-NJ", "JS-SZ", "SC", "SC-CD");
    private static final Pattern RUN_ID = Pattern.compile("\"id\"\\s*:\\s*(\\d+)");
    private static final Pattern STATUS = Pattern.compile("\"status\"\\s*:\\s*\"(\\w+)\"");

    private ComplaintBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int complaints = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        String bufferPool = args.length > 2 ? args[2] : "2G";
        Path dataDir = Path.of("target/bench-db/complaints-" + complaints);
        try (ConfigurableApplicationContext app = SpringApplication.run(DecisioningApplication.class, "--server.port=0",
                "--rules.embedded.data-dir=" + dataDir, "--rules.demo.data=0", "--rules.events.enabled=false",
                "--logging.level.root=WARN")) {
            JdbcTemplate jdbc = new JdbcTemplate(app.getBean(DataSource.class));
            if (!bufferPool.equals("default")) {
                jdbc.execute("SET GLOBAL innodb_buffer_pool_size = " + (Long.parseLong(bufferPool.replace("G", "")) << 30));
                Thread.sleep(2_000);
            }
            LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
            String base = "http://localhost:" + ((WebServerApplicationContext) app).getWebServer().getPort();
            if (count(jdbc, "SELECT COUNT(*) FROM complaint WHERE complaint_no LIKE 'BC%'") == 0) {
                generate(jdbc, complaints, today);
                jdbc.execute("ANALYZE TABLE customer, complaint");
                long started = System.nanoTime();
                String run = run(base);
                System.out.printf("first run over the book (every customer new) %s in %.1f s%n", run, seconds(started));
            }
            long started = System.nanoTime();
            String run = run(base);
            System.out.printf("steady run over the book %s in %.1f s%n", run, seconds(started));
            jdbc.execute("ANALYZE TABLE complaint, complaint_clock");
            System.out.printf("book: %,d customers, %,d complaints (%,d open, %,d without a customer), %,d clocked; buffer pool %d MiB%n",
                    count(jdbc, "SELECT COUNT(*) FROM customer"), count(jdbc, "SELECT COUNT(*) FROM complaint"),
                    count(jdbc, "SELECT COUNT(*) FROM complaint WHERE status = 'OPEN'"),
                    count(jdbc, "SELECT COUNT(*) FROM complaint WHERE customer_id IS NULL"),
                    count(jdbc, "SELECT COUNT(*) FROM complaint_clock"), count(jdbc, "SELECT @@innodb_buffer_pool_size") >> 20);
            System.out.println("clocks by state: " + jdbc.queryForList(
                    "SELECT state, COUNT(*) AS n FROM complaint_clock GROUP BY state ORDER BY state"));
            YearMonth month = YearMonth.from(today).minusMonths(1);
            for (int round = 1; round <= rounds; round++) {
                for (String groupBy : List.of("branch", "category", "channel")) {
                    time(round, "analysis " + month + " by " + groupBy, base + "/api/v1/reports/complaints?month=" + month
                            + "&groupBy=" + groupBy, "application/json");
                }
                time(round, "analysis " + month + " as CSV", base + "/api/v1/reports/complaints?month=" + month, "text/csv");
                time(round, "queue, first page of 50", base + "/api/v1/complaints", "application/json");
                time(round, "queue, AT_RISK", base + "/api/v1/complaints?state=AT_RISK", "application/json");
            }
        }
    }

    /** A run over the whole book, awaited; its final answer. */
    private static String run(String base) throws Exception {
        HttpResponse<String> started = HTTP.send(request(base + "/api/v1/batch-runs", "application/json")
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        Matcher id = RUN_ID.matcher(started.body());
        if (started.statusCode() != 202 || !id.find()) {
            throw new IllegalStateException("the run did not start: " + started.statusCode() + " " + started.body());
        }
        long deadline = System.nanoTime() + Duration.ofHours(1).toNanos();
        while (System.nanoTime() < deadline) {
            Thread.sleep(500);
            String body = HTTP.send(request(base + "/api/v1/batch-runs/" + id.group(1), "application/json").GET().build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            Matcher status = STATUS.matcher(body);
            if (status.find() && !status.group(1).equals("RUNNING")) {
                return body;
            }
        }
        throw new IllegalStateException("the run did not end within an hour");
    }

    private static void time(int round, String what, String uri, String accept) throws Exception {
        long started = System.nanoTime();
        HttpResponse<byte[]> answer = HTTP.send(request(uri, accept).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        System.out.printf("round %d: %s: %d, %,d bytes in %.3f s%n", round, what, answer.statusCode(), answer.body().length,
                seconds(started));
    }

    /** The book, set-based from MariaDB's sequence tables. */
    private static void generate(JdbcTemplate jdbc, int complaints, LocalDate today) {
        long started = System.nanoTime();
        int customers = complaints * 4;
        StringBuilder branch = new StringBuilder("ELT(1 + MOD(s.seq, 14)");
        BRANCHES.forEach(b -> branch.append(", '").append(b).append("'"));
        branch.append(")");
        for (int from = 1; from <= customers; from += 100_000) {
            int to = Math.min(customers, from + 99_999);
            jdbc.update("""
                    INSERT INTO customer (customer_no, customer_type, name, id_type, id_number, birth_date, phone, branch_code,
                                          account_manager, created_at)
                    SELECT CONCAT('B', LPAD(s.seq, 9, '0')), 'PERSON', CONCAT('客户', s.seq), 'OTHER', CONCAT('BC', s.seq),
                           DATE_SUB(?, INTERVAL 20 + MOD(s.seq, 50) YEAR), NULL, %s, NULL, NOW(3)
                      FROM seq_%d_to_%d s""".formatted(branch, from, to), today);
        }
        // received d days ago (0-394); the later ones open more often; decided after 1-45 days, never in the future
        for (int from = 1; from <= complaints; from += 100_000) {
            int to = Math.min(complaints, from + 99_999);
            jdbc.update("""
                    INSERT INTO complaint (complaint_no, customer_id, channel, category, complexity, branch_code, received_at,
                                           status, decided_at, root_cause)
                    SELECT CONCAT('BC', LPAD(x.seq, 9, '0')), c.id,
                           ELT(1 + MOD(x.seq, 10), 'PHONE', 'PHONE', 'PHONE', 'PHONE', 'ONLINE', 'ONLINE', 'ONLINE', 'LETTER',
                               'VISIT', 'REGULATOR'),
                           ELT(1 + MOD(x.seq, 7), 'PRODUCT', 'PRODUCT', 'SERVICE', 'SERVICE', 'SERVICE', 'COMPLIANCE', NULL),
                           ELT(1 + MOD(x.seq * 3, 10), 'SIMPLE', 'SIMPLE', 'SIMPLE', 'SIMPLE', 'SIMPLE', 'SIMPLE', 'COMPLEX',
                               'COMPLEX', 'COMPLEX', 'EXTENDED'),
                           COALESCE(c.branch_code, 'HQ'), x.received_at,
                           CASE WHEN x.decided_at IS NULL THEN IF(MOD(x.seq, 17) = 0, 'WITHDRAWN', 'OPEN')
                                WHEN MOD(x.seq, 3) = 0 THEN 'CLOSED' ELSE 'DECIDED' END,
                           x.decided_at,
                           IF(x.decided_at IS NULL, NULL, ELT(1 + MOD(x.seq, 7), 'CLAIM_DELAY', 'PREMIUM_DISPUTE', 'MISSELLING',
                               'STAFF_ATTITUDE', 'DOCUMENTATION', 'POLICY_TERMS', 'SYSTEM_ERROR'))
                      FROM (SELECT s.seq,
                                   IF(MOD(s.seq, 50) = 0, NULL, CONCAT('B', LPAD(1 + MOD(s.seq * 7919, ?), 9, '0')))
                                       AS customer_no,
                                   TIMESTAMP(DATE_SUB(?, INTERVAL MOD(s.seq * 13, 395) DAY), '03:00:00') AS received_at,
                                   IF(MOD(s.seq, 10) = 0 AND MOD(s.seq * 13, 395) < 90 OR MOD(s.seq * 13, 395) < 1 + MOD(s.seq, 45), NULL,
                                      TIMESTAMP(DATE_SUB(?, INTERVAL MOD(s.seq * 13, 395) - 1 - MOD(s.seq, 45) DAY), '05:00:00'))
                                       AS decided_at
                              FROM seq_%d_to_%d s) x
                      LEFT JOIN customer c ON c.customer_no = x.customer_no""".formatted(from, to), customers, today, today);
        }
        System.out.printf("generated %,d customers and %,d complaints in %.1f s%n", customers, complaints, seconds(started));
    }

    private static HttpRequest.Builder request(String uri, String accept) {
        return HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofMinutes(30)).header("Accept", accept)
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("admin:demo".getBytes(StandardCharsets.UTF_8)));
    }

    private static long count(JdbcTemplate jdbc, String sql) {
        Long count = jdbc.queryForObject(sql, Long.class);
        return count == null ? 0 : count;
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
