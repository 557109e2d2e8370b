package io.decisioning.service.manager;

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
import javax.sql.DataSource;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The account-manager system's targets over a generated book on the embedded MariaDB (BENCHMARKS.md, "Account
 * managers"): {@code customers} customers (1,000,000 by default) looked after by managers of 2,000 customers each, in
 * 14 branches, with assessments (1 % PLATINUM, 5 % GOLD, 10 % SILVER) and a year of contacts (PLATINUM visited monthly,
 * GOLD called quarterly, a fifth of the others once). Times through the API the monthly visit report of the last
 * month and of the current one over the whole book ({@code rounds} times each), and {@code rounds} managers of 2,000
 * customers set to LEFT one after another (each request proposes their whole book). The book is generated on the first
 * run into {@code target/bench-db/managers-<customers>} and reused; each run sets the managers it made leave back to
 * ACTIVE and deletes the proposals.
 *
 * <p>Usage (from {@code benchmarks/account-managers.sh}): {@code [customers=1000000] [rounds=5] [buffer pool=2G|default]}.
 */
public final class ManagerBenchmark {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final List<String> BRANCHES = List.of("HQ", "BJ", "SH", "GD", "GD-SZ", "GD-GZ", "ZJ", "ZJ-HZ", "ZJ-NB", "JS",
            "JS-NJ", "JS-SZ", "SC", "SC-CD");
    static final int BOOK = 2_000;

    private ManagerBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int customers = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        String bufferPool = args.length > 2 ? args[2] : "2G";
        Path dataDir = Path.of("target/bench-db/managers-" + customers);
        try (ConfigurableApplicationContext app = SpringApplication.run(DecisioningApplication.class, "--server.port=0",
                "--rules.embedded.data-dir=" + dataDir, "--rules.demo.data=0", "--rules.scheduler.enabled=false",
                "--rules.events.enabled=false", "--logging.level.root=WARN")) {
            JdbcTemplate jdbc = new JdbcTemplate(app.getBean(DataSource.class));
            if (!bufferPool.equals("default")) {
                jdbc.execute("SET GLOBAL innodb_buffer_pool_size = " + (Long.parseLong(bufferPool.replace("G", "")) << 30));
                Thread.sleep(2_000);
            }
            LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
            if (count(jdbc, "SELECT COUNT(*) FROM account_manager WHERE code LIKE 'bm.%'") == 0) {
                generate(jdbc, customers, today);
            }
            jdbc.execute("ANALYZE TABLE customer, assessment, customer_contact, customer_contact_summary, account_manager");
            System.out.printf("book: %,d customers, %,d managers, %,d contacts, %,d VIPs; database buffer pool %d MiB%n",
                    count(jdbc, "SELECT COUNT(*) FROM customer"), count(jdbc, "SELECT COUNT(*) FROM account_manager"),
                    count(jdbc, "SELECT COUNT(*) FROM customer_contact"), count(jdbc, "SELECT COUNT(*) FROM assessment WHERE vip"),
                    count(jdbc, "SELECT @@innodb_buffer_pool_size") >> 20);
            String base = "http://localhost:" + ((WebServerApplicationContext) app).getWebServer().getPort();
            YearMonth current = YearMonth.from(today);
            for (int round = 1; round <= rounds; round++) {
                for (YearMonth month : List.of(current.minusMonths(1), current)) {
                    long started = System.nanoTime();
                    HttpResponse<String> report = HTTP.send(request(base + "/api/v1/reports/visits?month=" + month).GET().build(),
                            HttpResponse.BodyHandlers.ofString());
                    System.out.printf("round %d: visit report %s over the book: %d, %,d bytes in %.2f s%n", round, month,
                            report.statusCode(), report.body().length(), seconds(started));
                }
            }
            jdbc.update("DELETE FROM assignment_proposal");
            for (int round = 1; round <= rounds; round++) {
                String code = "bm." + (round * 7);
                long started = System.nanoTime();
                HttpResponse<String> left = HTTP.send(request(base + "/api/v1/account-managers/" + code)
                        .header("Content-Type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofString("""
                                {"name": "%s", "branchCode": "%s", "level": "SENIOR", "capacity": 2100, "status": "LEFT"}"""
                                .formatted(code, branch(round * 7)))).build(), HttpResponse.BodyHandlers.ofString());
                double took = seconds(started);
                System.out.printf("round %d: %s (%,d customers) set to LEFT: %d in %.2f s, %,d proposals%n", round, code,
                        count(jdbc, "SELECT COUNT(*) FROM customer WHERE account_manager = '" + code + "'"), left.statusCode(), took,
                        count(jdbc, "SELECT COUNT(*) FROM assignment_proposal WHERE from_manager = '" + code + "'"));
            }
            jdbc.update("UPDATE account_manager SET status = 'ACTIVE' WHERE code LIKE 'bm.%'");
            jdbc.update("DELETE FROM assignment_proposal");
            jdbc.update("DELETE FROM event_inbox WHERE source = 'SERVICE'");
        }
    }

    private static String branch(int manager) {
        return BRANCHES.get(manager % BRANCHES.size());
    }

    /** The book, set-based from MariaDB's sequence tables (seconds for a million customers). */
    private static void generate(JdbcTemplate jdbc, int customers, LocalDate today) {
        long started = System.nanoTime();
        int managers = Math.max(1, customers / BOOK);
        String[] levels = {"TRAINEE", "JUNIOR", "REGULAR", "SENIOR", "PRINCIPAL"};
        for (int m = 0; m < managers; m++) {
            jdbc.update("""
                    INSERT INTO account_manager (code, name, branch_code, level, capacity, status, created_at, created_by,
                        updated_at, updated_by) VALUES (?, ?, ?, ?, 2100, 'ACTIVE', NOW(3), 'bench', NOW(3), 'bench')""",
                    "bm." + m, "经理" + m, branch(m), levels[m % levels.length]);
        }
        StringBuilder branchCase = new StringBuilder("CASE MOD(s.seq, ").append(managers).append(") % 14");
        for (int b = 0; b < BRANCHES.size(); b++) {
            branchCase.append(" WHEN ").append(b).append(" THEN '").append(BRANCHES.get(b)).append("'");
        }
        branchCase.append(" END");
        for (int from = 1; from <= customers; from += 100_000) {
            int to = Math.min(customers, from + 99_999);
            jdbc.update("""
                    INSERT INTO customer (customer_no, customer_type, name, id_type, id_number, birth_date, phone, branch_code,
                                          account_manager, created_at)
                    SELECT CONCAT('B', LPAD(s.seq, 9, '0')), 'PERSON', CONCAT('客户', s.seq), 'OTHER', CONCAT('BM', s.seq),
                           DATE_SUB(?, INTERVAL 20 + MOD(s.seq, 50) YEAR) - INTERVAL MOD(s.seq, 365) DAY, NULL, %s,
                           CONCAT('bm.', MOD(s.seq, %d)), NOW(3)
                      FROM seq_%d_to_%d s""".formatted(branchCase, managers, from, to), today);
        }
        jdbc.update("""
                INSERT INTO assessment (customer_id, customer_no, grade, tier, vip, value_score, risk_score, blacklisted,
                                        decision, rule_packs, outcome_hash, content_hash, evaluated_at, eval_trigger)
                SELECT id, customer_no, 'STANDARD',
                       CASE WHEN MOD(id, 100) = 0 THEN 'PLATINUM' WHEN MOD(id, 100) < 6 THEN 'GOLD'
                            WHEN MOD(id, 100) < 16 THEN 'SILVER' ELSE 'STANDARD' END,
                       MOD(id, 100) < 6, 50, 10, FALSE, 'ACCEPT', '{}', REPEAT('0', 64), REPEAT('0', 64), NOW(3), 'BATCH'
                  FROM customer WHERE customer_no LIKE 'B%'""");
        // PLATINUM visited in most months of the year, GOLD called in most quarters, a fifth of the others once
        jdbc.update("""
                INSERT INTO customer_contact (customer_id, customer_no, kind, occurred_at, by_user, manager_code, satisfaction,
                                              note, created_at)
                SELECT c.id, c.customer_no, 'VISIT', DATE_SUB(?, INTERVAL m.seq MONTH) + INTERVAL MOD(c.id, 27) DAY + INTERVAL 3 HOUR,
                       c.account_manager, c.account_manager, NULL, NULL, NOW(3)
                  FROM customer c JOIN assessment a ON a.customer_id = c.id AND a.tier = 'PLATINUM'
                  JOIN seq_1_to_12 m ON MOD(c.id + m.seq, 5) <> 0""", today);
        jdbc.update("""
                INSERT INTO customer_contact (customer_id, customer_no, kind, occurred_at, by_user, manager_code, satisfaction,
                                              note, created_at)
                SELECT c.id, c.customer_no, 'PHONE', DATE_SUB(?, INTERVAL 3 * q.seq MONTH) + INTERVAL MOD(c.id, 60) DAY + INTERVAL 3 HOUR,
                       c.account_manager, c.account_manager, NULL, NULL, NOW(3)
                  FROM customer c JOIN assessment a ON a.customer_id = c.id AND a.tier = 'GOLD'
                  JOIN seq_1_to_4 q ON MOD(c.id + q.seq, 4) <> 0""", today);
        jdbc.update("""
                INSERT INTO customer_contact (customer_id, customer_no, kind, occurred_at, by_user, manager_code, satisfaction,
                                              note, created_at)
                SELECT c.id, c.customer_no, IF(MOD(c.id, 3) = 0, 'SURVEY', 'PHONE'),
                       DATE_SUB(?, INTERVAL MOD(c.id, 360) DAY) + INTERVAL 3 HOUR, c.account_manager, c.account_manager,
                       IF(MOD(c.id, 3) = 0, 1 + MOD(c.id, 5), NULL), NULL, NOW(3)
                  FROM customer c WHERE c.customer_no LIKE 'B%' AND MOD(c.id, 5) = 1""", today);
        jdbc.update("""
                INSERT INTO customer_contact_summary (customer_id, last_visit_at, last_contact_at)
                SELECT customer_id, MAX(IF(kind = 'VISIT', occurred_at, NULL)), MAX(occurred_at) FROM customer_contact
                 GROUP BY customer_id
                ON DUPLICATE KEY UPDATE last_visit_at = VALUES(last_visit_at), last_contact_at = VALUES(last_contact_at)""");
        System.out.printf("generated the book in %.1f s%n", seconds(started));
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
