package io.decisioning.service.bench;

import io.decisioning.rules.engine.RuleSet;
import io.decisioning.service.DecisioningApplication;
import io.decisioning.service.assessment.AssessmentPipeline;
import io.decisioning.service.assessment.IdRange;
import io.decisioning.service.assessment.Selection;
import io.decisioning.service.assessment.Trigger;
import io.decisioning.service.engine.RuleEngine;
import io.decisioning.service.engine.TestPacks;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The nightly batch over a generated book on the embedded MariaDB, end to end through the service's
 * API ({@code POST /api/v1/batch-runs}, then {@code GET} until it is finished), side by side with its
 * floor: the same run with the live rules swapped for a test pack of constant outcomes
 * ({@code test-packs/floor} in the test resources: a grade, tier, decision and ten reasons for every
 * customer, a warning for one in ten), swapped between runs in the same JVM. Then events: {@code crm_event} rows and {@code POST /api/v1/events}
 * until all are processed.
 *
 * <p>Order: a warm-up of both modes (JIT) on the first customers; then, each from empty assessment,
 * history, warning and match-key tables: floor cold, floor steady (nothing changed), rules cold, rules
 * steady; then the events (against the rules' assessments). Between runs the database is let settle
 * (purge and dirty pages, at most a minute), as a nightly run starts on a quiet database.
 *
 * <p>The book is generated once per size into {@code target/bench-db/nightly-<customers>} and reused
 * by later runs (a marker file says it is complete; delete the directory to generate again); a book with
 * second records or without premium schedules has a directory of its own ({@code -duplicates-0.03},
 * {@code -no-schedules}).
 *
 * <p>Run with {@code benchmarks/nightly-batch.sh [customers=1000000] [key=value ...]}; keys:
 * {@code events} (crm_event rows, default 50000), {@code http-events} (events posted over HTTP,
 * default 20000), {@code warmup} (customers per mode evaluated before measuring, default 30000),
 * {@code rounds} (default 1; 2 repeats the four runs, 0 measures events only), {@code runs} (default
 * {@code floor,rules}; {@code rules} runs only the rules, cold and steady), {@code duplicates} (the share
 * of customers entered twice, default 0), {@code schedules} ({@code false}: a book without premium
 * schedules, {@code rules.demo.premium-schedules}).
 */
public final class NightlyBatchBenchmark {

    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private final ConfigurableApplicationContext app;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final AssessmentPipeline pipeline;
    private final RuleEngine engine;
    private final RuleSet published;
    private final RuleSet floor;
    private final HttpClient http = HttpClient.newBuilder()
            .executor(Executors.newFixedThreadPool(4, task -> {
                Thread thread = new Thread(task, "bench-http");
                thread.setDaemon(true);
                return thread;
            })).build();
    private final JsonMapper json = JsonMapper.builder().build();
    private final String base;
    private final String adminAuth = basic("admin:demo");
    private final String crmAuth = basic("crm:demo");
    private final Sampler sampler = new Sampler();
    private final Optional<ProcessHandle> mysqld;
    private final List<Run> runs = new ArrayList<>();

    private NightlyBatchBenchmark(ConfigurableApplicationContext app) {
        this.app = app;
        DataSource dataSource = app.getBean(DataSource.class);
        this.jdbc = new JdbcTemplate(dataSource);
        this.tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        this.pipeline = app.getBean(AssessmentPipeline.class);
        this.engine = app.getBean(RuleEngine.class);
        this.published = engine.current();
        this.floor = RuleSet.of(List.of(TestPacks.compiled("floor")));
        this.base = "http://127.0.0.1:" + BenchService.port(app);
        this.mysqld = ProcessCpu.embeddedDatabase();
    }

    public static void main(String[] args) throws Exception {
        int customers = args.length > 0 && !args[0].contains("=") ? Integer.parseInt(args[0]) : 1_000_000;
        Map<String, String> options = new LinkedHashMap<>();
        for (String arg : args) {
            if (arg.contains("=")) {
                options.put(arg.substring(0, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
            }
        }
        int events = Integer.parseInt(options.getOrDefault("events", "50000"));
        int httpEvents = Integer.parseInt(options.getOrDefault("http-events", "20000"));
        int warmup = Integer.parseInt(options.getOrDefault("warmup", "30000"));
        int rounds = Integer.parseInt(options.getOrDefault("rounds", "1"));
        // which runs of a round: "floor,rules" (default), or one of them; "rules-steady" for a steady run alone over
        // the assessments an earlier benchmark of the same book left
        List<String> kinds = List.of(options.getOrDefault("runs", "floor,rules").split(","));
        if (kinds.contains("rules-steady") && warmup > 0) {
            // the warm-up empties the assessments after it, which would make the steady run a cold one
            System.out.printf("runs=rules-steady: no warm-up (it would empty the assessments the steady run is to find)%n");
            warmup = 0;
        }
        // the share of customers entered twice (DESIGN.md section 10, rules.demo.duplicates): a book of its own
        String duplicates = options.getOrDefault("duplicates", "0");
        // premium schedules (DESIGN.md section 11, rules.demo.premium-schedules): schedules=false for a book without them
        boolean schedules = Boolean.parseBoolean(options.getOrDefault("schedules", "true"));
        String bufferPool = options.getOrDefault("db-buffer-pool", "1G");
        String redoLog = options.getOrDefault("db-redo-log", "1G");

        Path dataDir = Path.of("target/bench-db/nightly-" + customers
                + (Double.parseDouble(duplicates) > 0 ? "-duplicates-" + duplicates : "")
                + (schedules ? "" : "-no-schedules"));
        Path marker = dataDir.resolve("book.properties");
        boolean reuse = Files.exists(marker);
        if (!reuse) {
            deleteRecursively(dataDir);
        }
        System.out.printf("JVM: max heap %d MiB, %d cores; book of %,d customers in %s (%s)%n",
                Runtime.getRuntime().maxMemory() >> 20, Runtime.getRuntime().availableProcessors(), customers, dataDir,
                reuse ? "reused: generated earlier" : "generating it now");
        long startupStarted = System.nanoTime();
        ConfigurableApplicationContext app = SpringApplication.run(DecisioningApplication.class,
                "--server.port=0", "--rules.embedded.data-dir=" + dataDir, "--rules.demo.data=" + customers,
                "--rules.demo.duplicates=" + duplicates, "--rules.demo.premium-schedules=" + schedules,
                "--rules.scheduler.enabled=true", "--rules.packs.poll-interval=1h", "--logging.level.root=WARN",
                "--logging.level.io.decisioning.service.demo.DemoData=INFO",
                "--logging.level.io.decisioning.service.book.BookStatistics=INFO",
                "--logging.level.io.decisioning.service.identity.PartyResolver=INFO",
                "--logging.level.io.decisioning.service.batch.BatchRunService=INFO");
        double startupSeconds = (System.nanoTime() - startupStarted) / 1e9;
        try {
            NightlyBatchBenchmark bench = new NightlyBatchBenchmark(app);
            bench.sampler.start();
            bench.sizeDatabase(bufferPool, redoLog);
            bench.describeBook(customers, schedules, marker, reuse, startupSeconds);
            if (warmup > 0) {
                bench.warmUp(warmup);
            }
            for (int round = 1; round <= rounds; round++) {
                if (kinds.contains("floor")) {
                    bench.coldAndSteady("floor", true);
                }
                if (kinds.contains("rules")) {
                    bench.coldAndSteady("rules", false);
                }
                if (kinds.contains("rules-steady")) {
                    bench.steadyOnly();
                }
            }
            if (rounds > 0) {
                bench.printTable();
            }
            bench.setConstant(false);
            if (events > 0) {
                bench.crmEvents(events, customers);
            }
            if (httpEvents > 0) {
                for (String perRequest : options.getOrDefault("http-batch", "1").split(",")) {
                    bench.httpEvents(httpEvents, customers, Integer.parseInt(perRequest));
                }
            }
            bench.printMemory();
        } catch (Exception | Error e) {
            e.printStackTrace();
            app.close();
            System.exit(1);
        }
        app.close();
        System.exit(0);
    }

    // ---- the book ----

    private void describeBook(int customers, boolean schedules, Path marker, boolean reuse, double startupSeconds)
            throws IOException {
        long inBook = count("customer");
        long policies = count("policy");
        long claims = count("claim");
        long installments = count("premium_due");
        System.out.printf("book: %,d customers, %,d policies (%.2f per customer), %,d claims (%.2f per customer), "
                        + "%,d premium instalments (%.2f per customer), %d blacklist entries%n", inBook, policies,
                (double) policies / inBook, claims, (double) claims / inBook, installments, (double) installments / inBook,
                count("blacklist_entry"));
        if (inBook < customers) {
            throw new IllegalStateException("The book in " + marker.getParent() + " has " + inBook + " customers, not "
                    + customers + "; delete the directory to generate it again");
        }
        if (schedules != (installments > 0)) {
            throw new IllegalStateException("The book in " + marker.getParent() + " has " + installments
                    + " premium instalments" + (schedules ? " (generated before premium schedules)" : "")
                    + "; delete the directory to generate it again");
        }
        if (!reuse) {
            System.out.printf("generated at start-up: service start with generation and book statistics took %.1f s "
                    + "(%,.0f CRM rows/s)%n", startupSeconds, (inBook + policies + claims + installments) / startupSeconds);
            Properties p = new Properties();
            p.setProperty("customers", Long.toString(inBook));
            p.setProperty("policies", Long.toString(policies));
            p.setProperty("claims", Long.toString(claims));
            p.setProperty("premiumInstalments", Long.toString(installments));
            p.setProperty("generatedOn", LocalDate.now().toString());
            p.setProperty("startupSeconds", "%.1f".formatted(startupSeconds));
            try (var out = Files.newBufferedWriter(marker)) {
                p.store(out, "A complete generated book (NightlyBatchBenchmark); delete this directory to regenerate");
            }
        } else {
            System.out.printf("service start on the reused book: %.1f s%n", startupSeconds);
        }
    }

    /**
     * Sizes the embedded server for the book at run time (its defaults, 256 MB of buffer pool and
     * 96 MB of redo log, suit development and tests; a production server for a million customers
     * has more): {@code db-buffer-pool=default} keeps them.
     */
    private void sizeDatabase(String bufferPool, String redoLog) throws InterruptedException {
        if (!bufferPool.equals("default")) {
            jdbc.execute("SET GLOBAL innodb_buffer_pool_size = " + bytes(bufferPool));
        }
        if (!redoLog.equals("default")) {
            jdbc.execute("SET GLOBAL innodb_log_file_size = " + bytes(redoLog));
        }
        for (int i = 0; i < 120 && !jdbc.query("SHOW GLOBAL STATUS LIKE 'Innodb_buffer_pool_resize_status'",
                rs -> rs.next() ? rs.getString(2) : "").matches("(?i)(|.*completed.*)"); i++) {
            Thread.sleep(500);
        }
        System.out.printf("database: innodb_buffer_pool_size %d MiB, innodb_log_file_size %d MiB, "
                        + "innodb_flush_log_at_trx_commit %s%n",
                jdbc.queryForObject("SELECT @@innodb_buffer_pool_size", Long.class) >> 20,
                jdbc.queryForObject("SELECT @@innodb_log_file_size", Long.class) >> 20,
                jdbc.queryForObject("SELECT @@innodb_flush_log_at_trx_commit", String.class));
    }

    private static long bytes(String size) {
        String s = size.strip().toUpperCase(java.util.Locale.ROOT);
        long unit = s.endsWith("G") ? 1L << 30 : s.endsWith("M") ? 1L << 20 : 1;
        return Long.parseLong(unit == 1 ? s : s.substring(0, s.length() - 1)) * unit;
    }

    /** Both modes over the first customers, so that the JIT has compiled the paths before anything is measured. */
    private void warmUp(int customers) {
        if (customers <= 0) {
            return;
        }
        long firstId = jdbc.queryForObject("SELECT MIN(id) FROM customer", Long.class);
        long started = System.nanoTime();
        for (boolean constant : new boolean[] {false, true, false}) {
            setConstant(constant);
            resetAssessments();
            for (long from = firstId; from < firstId + customers; from += 1000) {
                IdRange range = new IdRange(from, Math.min(firstId + customers - 1, from + 999));
                tx.executeWithoutResult(s -> pipeline.assess(Selection.range(range), Trigger.BATCH, LocalDate.now()));
            }
        }
        resetAssessments();
        System.out.printf("warm-up: %,d customers evaluated and stored with rules, floor, rules (%.1f s)%n",
                customers, (System.nanoTime() - started) / 1e9);
    }

    // ---- the batch ----

    private void coldAndSteady(String mode, boolean constant) throws Exception {
        setConstant(constant);
        resetAssessments();
        runs.add(batchRun(mode + " cold"));
        runs.add(batchRun(mode + " steady"));
    }

    /** A steady run over the assessments a previous benchmark left (runs=rules-steady: no cold run first). */
    private void steadyOnly() throws Exception {
        setConstant(false);
        runs.add(batchRun("rules steady"));
    }

    private Run batchRun(String label) throws Exception {
        double settled = settle();
        long cpu = OS.getProcessCpuTime();
        long dbCpu = ProcessCpu.ticks(mysqld);
        long gc = gcMillis();
        long busy = ProcessCpu.machineBusyTicks();
        sampler.reset();
        long started = System.nanoTime();
        JsonNode accepted = send("POST", "/api/v1/batch-runs", adminAuth, null);
        long id = accepted.get("id").asLong();
        JsonNode run;
        do {
            Thread.sleep(200);
            run = send("GET", "/api/v1/batch-runs/" + id, adminAuth, null);
        } while (run.get("status").asText().equals("RUNNING"));
        double wall = (System.nanoTime() - started) / 1e9;
        double jvmCpu = (OS.getProcessCpuTime() - cpu) / 1e9;
        double mysqlCpu = (ProcessCpu.ticks(mysqld) - dbCpu) / 100.0;
        double gcSeconds = (gcMillis() - gc) / 1000.0;
        double otherCpu = Math.max(0, (ProcessCpu.machineBusyTicks() - busy) / 100.0 - jvmCpu - mysqlCpu);
        if (!run.get("status").asText().equals("SUCCEEDED")) {
            throw new IllegalStateException(label + ": run " + id + " ended " + run);
        }
        double server = Duration.between(java.time.Instant.parse(run.get("startedAt").asText()),
                java.time.Instant.parse(run.get("finishedAt").asText())).toMillis() / 1000.0;
        Double prepare = jdbc.queryForObject("""
                SELECT TIMESTAMPDIFF(MICROSECOND, r.started_at, MIN(p.started_at)) / 1e6
                  FROM batch_run r JOIN batch_partition p ON p.run_id = r.id WHERE r.id = ?
                """, Double.class, id);
        long processed = run.get("processed").asLong();
        long changed = run.get("changed").asLong();
        Long rowBytes = jdbc.queryForObject("""
                SELECT AVG(LENGTH(d.profile) + LENGTH(d.warnings) + LENGTH(d.blacklist_hits) + LENGTH(d.reasons)
                           + LENGTH(a.rule_packs)) FROM assessment a JOIN assessment_detail d ON d.customer_id = a.customer_id""", Long.class);
        Run result = new Run(label, processed, changed, run.get("failed").asLong(), server, wall,
                prepare == null ? 0 : prepare, jvmCpu, mysqlCpu, otherCpu, gcSeconds, sampler.heapMax, sampler.rssMax, settled,
                count("assessment_history"), count("warning"), count("customer_match_key"), rowBytes == null ? 0 : rowBytes);
        System.out.println(result.line());
        return result;
    }

    /**
     * Waits (at most 3 minutes) until InnoDB has purged the undo of the previous run (its history
     * list is short), so that each run starts on a quiet database, as the nightly run would, instead
     * of sharing the cores with the purge of the run before.
     */
    private double settle() throws InterruptedException {
        long started = System.nanoTime();
        while (System.nanoTime() - started < TimeUnit.MINUTES.toNanos(3) && status("Innodb_history_list_length") > 1_000) {
            Thread.sleep(500);
        }
        return (System.nanoTime() - started) / 1e9;
    }

    private long status(String name) {
        return jdbc.query("SHOW GLOBAL STATUS LIKE '" + name + "'", rs -> rs.next() ? rs.getLong(2) : 0L);
    }

    private void resetAssessments() {
        for (String table : List.of("assessment", "assessment_detail", "assessment_history", "warning", "customer_match_key")) {
            jdbc.execute("TRUNCATE TABLE " + table);
        }
    }

    /** The floor's rules or the published ones; the service's watcher is slowed down so that it does not swap them back. */
    private void setConstant(boolean constant) {
        engine.swap(constant ? floor : published);
    }

    private void printTable() {
        System.out.println();
        System.out.println("| run | customers | changed | time (server) | customers/s | prepare | JVM CPU | MariaDB CPU "
                + "| other CPU | heap max | JVM RSS max | history rows | warnings | match keys | JSON bytes/row |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        runs.forEach(run -> System.out.println(run.row()));
        System.out.println();
        for (String kind : List.of("cold", "steady")) {
            double rules = seconds("rules " + kind);
            double floor = seconds("floor " + kind);
            System.out.printf("rules / floor, %s: %.1f s / %.1f s = %.2f%n", kind, rules, floor, rules / floor);
        }
        System.out.println();
    }

    /** The mean server-side time of the runs with this label. */
    private double seconds(String label) {
        return runs.stream().filter(r -> r.label().equals(label)).mapToDouble(Run::server).average().orElse(Double.NaN);
    }

    private record Run(String label, long processed, long changed, long failed, double server, double wall,
                       double prepare, double jvmCpu, double mysqlCpu, double otherCpu, double gc, long heapMax, long rssMax, double settled,
                       long history, long warnings, long keys, long rowBytes) {

        String line() {
            return ("%-13s %,d customers (%,d changed, %d failed) in %.1f s = %,.0f/s (wall %.1f s; prepare %.1f s); "
                    + "CPU: JVM %.1f s (GC %.1f s), MariaDB %.1f s, other processes %.1f s; heap max %d MiB, "
                    + "JVM RSS max %d MiB; JSON %d bytes per assessment; settled %.1f s before")
                    .formatted(label, processed, changed, failed, server, processed / server, wall, prepare, jvmCpu,
                            gc, mysqlCpu, otherCpu, heapMax >> 20, rssMax >> 20, rowBytes, settled);
        }

        String row() {
            return "| %s | %,d | %,d | %.1f s | %,.0f | %.1f s | %.0f s | %.0f s | %.0f s | %d MiB | %d MiB | %,d | %,d | %,d | %,d |"
                    .formatted(label, processed, changed, server, processed / server, prepare, jvmCpu, mysqlCpu, otherCpu,
                            heapMax >> 20, rssMax >> 20, history, warnings, keys, rowBytes);
        }
    }

    // ---- events ----

    private static final List<String> EVENT_TYPES =
            List.of("CLAIM_REPORTED", "CLAIM_SETTLED", "POLICY_BOUND", "POLICY_CANCELLED", "CUSTOMER_UPDATED");

    /** Rows inserted into the CRM's outbox in one transaction, then processed by the event workers. */
    private void crmEvents(int events, int customers) throws InterruptedException {
        resetEvents();
        double settled = settle();
        SplittableRandom random = new SplittableRandom(7);
        List<Object[]> rows = new ArrayList<>(events);
        LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC).withNano(0);
        for (int i = 0; i < events; i++) {
            rows.add(new Object[] {"crm-bench-" + i, EVENT_TYPES.get(i % EVENT_TYPES.size()),
                    "C%08d".formatted(random.nextInt(1, customers + 1)), Timestamp.valueOf(now)});
        }
        long inserting = System.nanoTime();
        tx.executeWithoutResult(s -> jdbc.batchUpdate(
                "INSERT INTO crm_event (event_id, type, customer_no, occurred_at) VALUES (?, ?, ?, ?)", rows));
        long committed = System.nanoTime();
        long cpu = OS.getProcessCpuTime();
        long dbCpu = ProcessCpu.ticks(mysqld);
        sampler.reset();
        long done = waitForEvents(events, 600);
        double seconds = (System.nanoTime() - committed) / 1e9;
        System.out.printf("events (crm_event): %,d rows inserted in %.1f s; %,d processed in %.1f s after the commit = "
                        + "%,.0f events/s (%d parked); CPU: JVM %.1f s, MariaDB %.1f s; heap max %d MiB; settled %.1f s before%n",
                events, (committed - inserting) / 1e9, done, seconds, done / seconds, count("event_inbox WHERE status = 'PARKED'"),
                (OS.getProcessCpuTime() - cpu) / 1e9, (ProcessCpu.ticks(mysqld) - dbCpu) / 100.0, sampler.heapMax >> 20, settled);
    }

    /**
     * Events posted over HTTP, {@code perRequest} at a time: one by one to {@code POST /api/v1/events}
     * (16 requests in flight), or in batches to {@code POST /api/v1/events/batch} (4 in flight).
     */
    private void httpEvents(int events, int customers, int perRequest) throws InterruptedException {
        resetEvents();
        settle();
        SplittableRandom random = new SplittableRandom(11);
        URI uri = URI.create(base + (perRequest > 1 ? "/api/v1/events/batch" : "/api/v1/events"));
        int parallel = perRequest > 1 ? 4 : 16;
        Semaphore inFlight = new Semaphore(parallel);
        AtomicInteger non202 = new AtomicInteger();
        AtomicInteger answered = new AtomicInteger();
        long cpu = OS.getProcessCpuTime();
        long dbCpu = ProcessCpu.ticks(mysqld);
        sampler.reset();
        ThreadCpu threads = ThreadCpu.start(ThreadCpu::httpGroups);
        long started = System.nanoTime();
        for (int i = 0; i < events; i += perRequest) {
            List<String> bodies = new ArrayList<>();
            for (int k = i; k < Math.min(events, i + perRequest); k++) {
                bodies.add("""
                        {"eventId":"http-bench-%d","type":"%s","customerNo":"C%08d","occurredAt":"2026-11-20T09:30:00+08:00"}"""
                        .formatted(k, EVENT_TYPES.get(k % EVENT_TYPES.size()), random.nextInt(1, customers + 1)));
            }
            String body = perRequest > 1 ? "{\"events\":[" + String.join(",", bodies) + "]}" : bodies.get(0);
            int sent = bodies.size();
            inFlight.acquire();
            http.sendAsync(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                                    .header("Authorization", crmAuth).header("Content-Type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                            HttpResponse.BodyHandlers.discarding())
                    .whenComplete((response, failure) -> {
                        if (failure != null || response.statusCode() != 202) {
                            non202.addAndGet(sent);
                        }
                        answered.addAndGet(sent);
                        inFlight.release();
                    });
        }
        inFlight.acquire(parallel);
        double posting = (System.nanoTime() - started) / 1e9;
        long done = waitForEvents(events - non202.get(), 600);
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("events (HTTP, %d per request): %,d posted in %.1f s = %,.0f accepted/s (%d not 202); all %,d processed "
                        + "%.1f s after the first post = %,.0f events/s end to end; CPU: JVM %.1f s, MariaDB %.1f s; heap max %d MiB%n",
                perRequest, events, posting, events / posting, non202.get(), done, seconds, done / seconds,
                (OS.getProcessCpuTime() - cpu) / 1e9, (ProcessCpu.ticks(mysqld) - dbCpu) / 100.0, sampler.heapMax >> 20);
        System.out.printf("events (HTTP): JVM CPU by thread: %s%n", threads.report());
    }

    private long waitForEvents(int expected, int timeoutSeconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        long finished = 0;
        while (System.nanoTime() < deadline) {
            finished = count("event_inbox WHERE status IN ('DONE', 'PARKED')");
            if (finished >= expected) {
                break;
            }
            Thread.sleep(100);
        }
        return finished;
    }

    private void resetEvents() {
        for (String table : List.of("crm_event", "event_inbox", "event_customer_lock")) {
            jdbc.execute("TRUNCATE TABLE " + table);
        }
    }

    // ---- measuring ----

    private void printMemory() throws IOException {
        Map<String, String> self = procStatus(ProcessHandle.current().pid());
        System.out.printf("memory: JVM heap used max %d MiB (of -Xmx %d MiB), JVM RSS max (VmHWM) %s, now %s; "
                        + "non-heap now %d MiB%n", sampler.heapMaxEver >> 20, Runtime.getRuntime().maxMemory() >> 20,
                self.get("VmHWM"), self.get("VmRSS"), MEMORY.getNonHeapMemoryUsage().getUsed() >> 20);
        if (mysqld.isPresent()) {
            Map<String, String> db = procStatus(mysqld.get().pid());
            System.out.printf("embedded MariaDB process (not the service; a separate server in production): RSS max %s, now %s%n",
                    db.get("VmHWM"), db.get("VmRSS"));
        }
    }

    private static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(java.lang.management.GarbageCollectorMXBean::getCollectionTime).sum();
    }

    private static Map<String, String> procStatus(long pid) throws IOException {
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                values.put(line.substring(0, colon), line.substring(colon + 1).strip());
            }
        }
        return values;
    }

    /** Samples heap used and the process RSS every 50 ms; the maxima since the last reset. */
    private static final class Sampler extends Thread {

        volatile long heapMax;
        volatile long rssMax;
        volatile long heapMaxEver;

        Sampler() {
            super("memory-sampler");
            setDaemon(true);
        }

        void reset() {
            heapMax = 0;
            rssMax = 0;
        }

        @Override
        public void run() {
            while (true) {
                long heap = MEMORY.getHeapMemoryUsage().getUsed();
                heapMax = Math.max(heapMax, heap);
                heapMaxEver = Math.max(heapMaxEver, heap);
                try {
                    String rss = procStatus(ProcessHandle.current().pid()).getOrDefault("VmRSS", "0 kB");
                    rssMax = Math.max(rssMax, Long.parseLong(rss.replace(" kB", "").strip()) * 1024);
                    Thread.sleep(50);
                } catch (IOException | InterruptedException | NumberFormatException e) {
                    return;
                }
            }
        }
    }

    // ---- helpers ----

    private long count(String tableAndWhere) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM " + tableAndWhere, Long.class);
    }

    private JsonNode send(String method, String path, String auth, String body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", auth).header("Content-Type", "application/json");
        request = body == null && method.equals("GET") ? request.GET()
                : request.method(method, HttpRequest.BodyPublishers.ofString(body == null ? "" : body));
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(method + " " + path + ": " + response.statusCode() + " " + response.body());
        }
        return json.readTree(response.body());
    }

    private static String basic(String credentials) {
        return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
