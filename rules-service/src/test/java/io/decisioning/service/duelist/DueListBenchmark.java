package io.decisioning.service.duelist;

import io.decisioning.service.DecisioningApplication;
import java.io.IOException;
import java.io.InputStream;
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
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The monthly due list over a generated book on the embedded MariaDB (BENCHMARKS.md, "Monthly due lists"): customers
 * with one policy each, twelve monthly instalments per policy (those before today PAID, the others DUE, so next month
 * holds most of the book), assessments with tiers, churn scores and reasons, and parties. Prints the optimizer's plan
 * of the two statements that write a list, then times through the API a first generation of next month's list, a
 * regeneration with nothing changed, one after a month's worth of changes (1 % of the customers scored again, 1 % of
 * the instalments paid), a first generation of the month after on the warm database, the whole list as CSV and, optionally, as a spreadsheet, with the service's heap
 * after each export. The book is generated on the first run into {@code target/bench-db/duelist-<customers>} and
 * reused afterwards.
 *
 * <p>Usage (from {@code benchmarks/due-list.sh}): {@code [customers=1000000] [xlsx=false] [buffer pool=2G|default]}
 * (the embedded server's default buffer pool of 256 MB suits tests; a database for a million customers has more).
 */
public final class DueListBenchmark {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private DueListBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int customers = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        boolean xlsx = args.length > 1 && Boolean.parseBoolean(args[1]);
        String bufferPool = args.length > 2 ? args[2] : "2G";
        Path dataDir = Path.of("target/bench-db/duelist-" + customers);
        try (ConfigurableApplicationContext app = SpringApplication.run(DecisioningApplication.class, "--server.port=0",
                "--rules.embedded.data-dir=" + dataDir, "--rules.demo.data=0", "--rules.scheduler.enabled=false",
                "--rules.events.enabled=false", "--logging.level.root=WARN",
                "--logging.level.io.decisioning.service.duelist=INFO")) {
            JdbcTemplate jdbc = new JdbcTemplate(app.getBean(DataSource.class));
            if (!bufferPool.equals("default")) {
                // the embedded server's 256 MB suit tests; a server for a million customers has more
                jdbc.execute("SET GLOBAL innodb_buffer_pool_size = " + (Long.parseLong(bufferPool.replace("G", "")) << 30));
                for (int i = 0; i < 240 && !jdbc.query("SHOW GLOBAL STATUS LIKE 'Innodb_buffer_pool_resize_status'",
                        rs -> rs.next() ? rs.getString(2) : "").matches("(?i)(|.*completed.*)"); i++) {
                    Thread.sleep(500);
                }
            }
            String redoLog = System.getProperty("bench.redoLog");
            if (redoLog != null) {
                jdbc.execute("SET GLOBAL innodb_log_file_size = " + (Long.parseLong(redoLog.replace("M", "")) << 20));
            }
            System.out.printf("database: innodb_buffer_pool_size %d MiB, innodb_log_file_size %d MiB%n",
                    jdbc.queryForObject("SELECT @@innodb_buffer_pool_size", Long.class) >> 20,
                    jdbc.queryForObject("SELECT @@innodb_log_file_size", Long.class) >> 20);
            LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
            YearMonth month = YearMonth.from(today).plusMonths(1);
            Long rows = jdbc.queryForObject("SELECT COUNT(*) FROM premium_due", Long.class);
            if (rows == null || rows == 0) {
                generateBook(jdbc, customers, today);
            }
            jdbc.execute("ANALYZE TABLE premium_due, policy, customer, assessment, party_member");
            System.out.printf("book: %,d customers, %,d policies, %,d instalments (%,d DUE in %s)%n",
                    count(jdbc, "SELECT COUNT(*) FROM customer"), count(jdbc, "SELECT COUNT(*) FROM policy"),
                    count(jdbc, "SELECT COUNT(*) FROM premium_due"),
                    count(jdbc, "SELECT COUNT(*) FROM premium_due WHERE status = 'DUE' AND due_date >= '" + month.atDay(1)
                            + "' AND due_date < '" + month.plusMonths(1).atDay(1) + "'"), month);
            // lists left by an earlier run are dropped whole (not deleted row by row, which would leave the purge of
            // a million rows to compete with what is measured), so that a first generation writes every item
            jdbc.execute("TRUNCATE TABLE due_list_item");
            jdbc.execute("TRUNCATE TABLE due_list");
            jdbc.execute("TRUNCATE TABLE due_list_lock");
            explain(jdbc, "instalments", DueListRepository.INSTALLMENTS, month);
            explain(jdbc, "renewals", DueListRepository.RENEWALS, month);

            int port = ((WebServerApplicationContext) app).getWebServer().getPort();
            String base = "http://127.0.0.1:" + port + "/api/v1/due-lists/" + month;
            generate(jdbc, base, "first generation");
            generate(jdbc, base, "regeneration, nothing changed");
            // a month's changes: one customer in a hundred scored again, one instalment in a hundred paid (others each run)
            long some = System.nanoTime() % 100;
            jdbc.update("UPDATE assessment SET churn_score = (churn_score + 7) % 101 WHERE customer_id % 100 = ?", some);
            jdbc.update("UPDATE premium_due SET status = 'PAID' WHERE status = 'DUE' AND due_date >= ? AND due_date < ? AND id % 100 = ?",
                    month.atDay(1), month.plusMonths(1).atDay(1), some);
            generate(jdbc, base, "regeneration, 1 % changed");
            // the month after, never generated, on the warm database: what the monthly trigger does after the night's run
            YearMonth after = month.plusMonths(1);
            System.out.printf("%,d instalments DUE in %s%n", count(jdbc, "SELECT COUNT(*) FROM premium_due WHERE status = 'DUE' "
                    + "AND due_date >= '" + after.atDay(1) + "' AND due_date < '" + after.plusMonths(1).atDay(1) + "'"), after);
            generate(jdbc, "http://127.0.0.1:" + port + "/api/v1/due-lists/" + after, "first generation of " + after + ", warm");
            export(base, "text/csv", "CSV");
            if (xlsx) {
                export(base, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx");
            }
        }
    }

    private static void generate(JdbcTemplate jdbc, String base, String what) throws IOException, InterruptedException {
        Map<String, Long> before = innodbStatus(jdbc);
        long started = System.nanoTime();
        HttpResponse<String> generated = HTTP.send(request(base).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        System.out.printf("%s: %.1f s, %d %s%n", what, seconds(started), generated.statusCode(), generated.body());
        Map<String, Long> after = innodbStatus(jdbc);
        StringBuilder line = new StringBuilder("  database:");
        after.forEach((name, value) -> line.append(' ').append(name.replace("Innodb_", "")).append(' ')
                .append(String.format("%,d", value - before.getOrDefault(name, 0L))));
        System.out.println(line);
    }

    /** The server's counters of what InnoDB read from disk and wrote, to tell a generation's reads from its writes. */
    private static Map<String, Long> innodbStatus(JdbcTemplate jdbc) {
        Map<String, Long> status = new TreeMap<>();
        jdbc.query("""
                SHOW GLOBAL STATUS WHERE Variable_name IN ('Innodb_buffer_pool_reads', 'Innodb_data_read',
                    'Innodb_pages_written', 'Innodb_os_log_written', 'Innodb_buffer_pool_wait_free', 'Innodb_log_waits')
                """, rs -> {
            status.put(rs.getString(1), rs.getLong(2));
        });
        return status;
    }

    private static void generateBook(JdbcTemplate jdbc, int customers, LocalDate today) {
        long started = System.nanoTime();
        int chunk = 100_000;
        for (int from = 1; from <= customers; from += chunk) {
            jdbc.update("""
                    INSERT INTO customer (customer_no, customer_type, name, id_type, id_number, birth_date, phone, branch_code,
                                          account_manager, created_at)
                    SELECT CONCAT('B', LPAD(seq, 9, '0')), 'PERSON', CONCAT('客户', seq), 'OTHER', CONCAT('X', seq), '1980-01-01',
                           CONCAT('139', LPAD(seq, 8, '0')), ELT(1 + seq %% 6, 'HQ', 'GD', 'GD-SZ', 'SH', 'BJ', 'ZJ-HZ'),
                           IF(seq %% 10 < 7, CONCAT('am.b', seq %% 6, '.', LPAD(seq %% 12, 2, '0')), NULL), '2020-01-01'
                      FROM seq_%d_to_%d
                    """.formatted(from, Math.min(customers, from + chunk - 1)));
        }
        System.out.printf("  book: customers written (%.0f s)%n", seconds(started));
        // one policy a customer, started within the last year, ending a year later; one in ten lapsed
        forIdRanges(jdbc, "customer", chunk, (first, last) -> jdbc.update("""
                INSERT INTO policy (policy_no, customer_id, product_line, channel, start_date, end_date, premium, status)
                SELECT CONCAT('BP', LPAD(c.id, 10, '0')), c.id, 'LIFE', 'AGENT', DATE_SUB(?, INTERVAL c.id % 365 DAY),
                       DATE_ADD(DATE_SUB(?, INTERVAL c.id % 365 DAY), INTERVAL 1 YEAR), 1200 + (c.id % 50) * 100,
                       IF(c.id % 10 = 0, 'LAPSED', 'ACTIVE')
                  FROM customer c WHERE c.id BETWEEN ? AND ?
                """, today, today, first, last));
        System.out.printf("  book: policies written (%.0f s)%n", seconds(started));
        // twelve monthly instalments a policy, inserted policy by policy (a month's rows spread over the table)
        forIdRanges(jdbc, "policy", chunk, (first, last) -> jdbc.update("""
                INSERT INTO premium_due (policy_id, customer_id, installment_no, due_date, amount, status, paid_at)
                SELECT p.id, p.customer_id, s.seq, DATE_ADD(p.start_date, INTERVAL s.seq - 1 MONTH), ROUND(p.premium / 12, 2),
                       IF(DATE_ADD(p.start_date, INTERVAL s.seq - 1 MONTH) < ?, 'PAID', 'DUE'), NULL
                  FROM policy p JOIN seq_1_to_12 s
                 WHERE p.id BETWEEN ? AND ?
                 ORDER BY p.id, s.seq
                """, today, first, last));
        System.out.printf("  book: instalments written (%.0f s)%n", seconds(started));
        forIdRanges(jdbc, "customer", chunk, (first, last) -> jdbc.update("""
                INSERT INTO assessment (customer_id, customer_no, grade, tier, vip, value_score, risk_score, blacklisted, decision,
                                        rule_packs, outcome_hash, content_hash, evaluated_at, eval_trigger, churn_score,
                                        retention_reasons)
                SELECT id, customer_no, 'STANDARD', ELT(1 + id % 5, 'PLATINUM', 'GOLD', 'SILVER', 'STANDARD', 'RESTRICTED'), FALSE,
                       50, 10, FALSE, 'ACCEPT', '{}', REPEAT('0', 64), REPEAT('0', 64), CURRENT_TIMESTAMP(3), 'BATCH',
                       IF(id % 4 = 0, NULL, id % 101),
                       IF(id % 3 = 0, NULL, '["2 missed payments in 12 months","premium -35% on last year"]')
                  FROM customer WHERE id BETWEEN ? AND ?
                """, first, last));
        forIdRanges(jdbc, "customer", chunk, (first, last) -> jdbc.update("""
                INSERT INTO party_member (customer_id, party_no, primary_customer_id, records, link, linked_at)
                SELECT id, id, id, 1, 'ALONE', CURRENT_TIMESTAMP(3) FROM customer WHERE id BETWEEN ? AND ?
                """, first, last));
        System.out.printf("book generated in %.0f s%n", seconds(started));
    }

    /** Runs {@code statement} for each range of {@code size} ids of {@code table}, one transaction each. */
    private static void forIdRanges(JdbcTemplate jdbc, String table, int size, java.util.function.BiConsumer<Long, Long> statement) {
        Long min = jdbc.queryForObject("SELECT MIN(id) FROM " + table, Long.class);
        Long max = jdbc.queryForObject("SELECT MAX(id) FROM " + table, Long.class);
        if (min == null) {
            return;
        }
        for (long first = min; first <= max; first += size) {
            statement.accept(first, first + size - 1);
        }
    }

    private static void explain(JdbcTemplate jdbc, String what, String statement, YearMonth month) {
        String sql = statement.replace(":month", "'" + month + "'").replace(":generation", "1")
                .replace(":first", "'" + month.atDay(1) + "'").replace(":end", "'" + month.plusMonths(1).atDay(1) + "'");
        System.out.println("EXPLAIN " + what + ":");
        for (Map<String, Object> row : jdbc.queryForList("EXPLAIN " + sql)) {
            System.out.printf("  %-3s %-10s %-8s key=%-28s rows=%-9s %s%n", row.get("table"), row.get("select_type"),
                    row.get("type"), row.get("key"), row.get("rows"), row.get("Extra"));
        }
    }

    private static void export(String base, String type, String what) throws IOException, InterruptedException {
        long started = System.nanoTime();
        HttpResponse<InputStream> response = HTTP.send(request(base).header("Accept", type).GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        long bytes = 0;
        long lines = 0;
        byte[] buffer = new byte[1 << 16];
        double firstByte = -1;
        try (InputStream in = response.body()) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                if (firstByte < 0) {
                    firstByte = seconds(started);
                }
                bytes += n;
                for (int i = 0; i < n; i++) {
                    lines += buffer[i] == '\n' ? 1 : 0;
                }
            }
        }
        Runtime runtime = Runtime.getRuntime();
        System.out.printf("%s export: %d, %,d bytes%s in %.1f s (first bytes after %.1f s); heap used %,d MB of %,d MB max%n",
                what, response.statusCode(), bytes, type.equals("text/csv") ? ", %,d lines".formatted(lines) : "",
                seconds(started), firstByte, (runtime.totalMemory() - runtime.freeMemory()) >> 20, runtime.maxMemory() >> 20);
    }

    private static HttpRequest.Builder request(String uri) {
        return HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofMinutes(10))
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
