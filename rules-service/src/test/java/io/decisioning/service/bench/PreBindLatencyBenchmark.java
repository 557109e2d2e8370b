package io.decisioning.service.bench;

import io.decisioning.service.DecisioningApplication;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Pre-bind checks over HTTP against the service on its embedded MariaDB with demo data, at a fixed
 * arrival rate (open loop: latency is measured from when each request was due, so a slow answer
 * cannot hide the requests queued behind it). Prints median, p90, p99 and max. The load comes from a
 * {@link LoadGenerator} in a JVM of its own, as it would from the service's clients.
 *
 * <p>Run with {@code benchmarks/prebind-latency.sh [rate] [seconds] [customers]}; defaults 200/s, 30 s,
 * 10000 customers.
 */
public final class PreBindLatencyBenchmark {

    public static void main(String[] args) throws Exception {
        int rate = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        int customers = args.length > 2 ? Integer.parseInt(args[2]) : 10_000;
        ConfigurableApplicationContext app = SpringApplication.run(DecisioningApplication.class,
                "--server.port=0", "--rules.embedded.data-dir=target/bench-db/prebind", "--rules.demo.data=" + customers,
                "--logging.level.root=WARN");
        try {
            int port = ((WebServerApplicationContext) app).getWebServer().getPort();
            List<String> numbers = app.getBean(JdbcClient.class).sql("SELECT customer_no FROM customer ORDER BY id")
                    .query(String.class).list();
            List<Map<String, Object>> identities = app.getBean(JdbcClient.class)
                    .sql("SELECT id_type, id_number FROM customer ORDER BY id LIMIT 2000").query().listOfRows();
            String auth = "Basic " + Base64.getEncoder().encodeToString("underwriter:demo".getBytes(StandardCharsets.UTF_8));
            SplittableRandom random = new SplittableRandom(42);
            Path work = Files.createDirectories(Path.of("target/bench-prebind"));

            System.out.println("warming up: 20000 checks, 4 at a time (the JIT needs that many to settle), then 10 s at the measured rate ...");
            LoadRun measured = LoadRun.start(work, port, auth, bodies(random, numbers, identities, rate * seconds), rate,
                    seconds, 20_000, 10);
            System.out.printf("measuring %d requests/s for %d s%n", rate, seconds);
            JdbcClient jdbc = app.getBean(JdbcClient.class);
            Map<String, Long> statusBefore = serverStatus(jdbc);
            long gcCountBefore = gcCount();
            long gcMillisBefore = gcMillis();
            ThreadCpu threads = ThreadCpu.start(ThreadCpu::httpGroups);
            long databaseTicks = ProcessCpu.ticks(ProcessCpu.embeddedDatabase());
            long machineTicks = ProcessCpu.machineBusyTicks();
            long generatorTicks = ProcessCpu.ticks(Optional.of(measured.process().toHandle()));
            measured.go();
            long generatorTicksAfter = measured.cpuTicksBeforeExit();
            Result result = measured.await();
            Map<String, Long> statusAfter = serverStatus(jdbc);
            int checks = rate * seconds;
            long[] sorted = result.latenciesMicros().clone();
            Arrays.sort(sorted);
            System.out.printf("requests %d, non-200 %d, errors %d%n", sorted.length, result.non200(), result.errors());
            System.out.printf("latency ms: median %.2f  p90 %.2f  p99 %.2f  p99.9 %.2f  max %.2f%n",
                    pct(sorted, 50), pct(sorted, 90), pct(sorted, 99), pct(sorted, 99.9), sorted[sorted.length - 1] / 1000.0);
            // what each check asks of the database (the whole server during the run, so the service's few
            // background polls are counted too), and the JVM's garbage collections in the same time
            System.out.printf("per check: %.1f statements, %.2f commits (server-wide during the run)%n",
                    (statusAfter.get("Questions") - statusBefore.get("Questions")) / (double) checks,
                    (statusAfter.get("Com_commit") - statusBefore.get("Com_commit")) / (double) checks);
            System.out.printf("per check: %s%n", statusAfter.keySet().stream().sorted()
                    .filter(k -> statusAfter.get(k) - statusBefore.getOrDefault(k, 0L) > 0)
                    .map(k -> "%s %.1f".formatted(k, (statusAfter.get(k) - statusBefore.getOrDefault(k, 0L)) / (double) checks))
                    .collect(java.util.stream.Collectors.joining(", ")));
            System.out.printf("JVM garbage collections during the run: %d, %d ms in all%n",
                    gcCount() - gcCountBefore, gcMillis() - gcMillisBefore);
            System.out.printf("JVM CPU during the run, by thread: %s%n", threads.report());
            System.out.printf("CPU during the run: the load generator's JVM %.1f s%n", (generatorTicksAfter - generatorTicks) / 100.0);
            System.out.printf("CPU during the run: MariaDB %.1f s, the whole machine %.1f s (of %d s on %d cores)%n",
                    (ProcessCpu.ticks(ProcessCpu.embeddedDatabase()) - databaseTicks) / 100.0, (ProcessCpu.machineBusyTicks() - machineTicks) / 100.0, seconds,
                    Runtime.getRuntime().availableProcessors());
            System.out.printf("slowest seconds of the run:%n%s%n", result.worstSeconds(5));
        } finally {
            app.close();
        }
        System.exit(0);
    }

    /** The request bodies: three in four name a customer, one in four an applicant by identity document. */
    private static List<String> bodies(SplittableRandom random, List<String> numbers, List<Map<String, Object>> identities,
                                       int count) {
        List<String> bodies = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            if (i % 4 == 3) {
                Map<String, Object> id = identities.get(random.nextInt(identities.size()));
                bodies.add("{\"applicant\":{\"idType\":\"" + id.get("id_type") + "\",\"idNumber\":\"" + id.get("id_number")
                        + "\"},\"productLine\":\"AUTO\",\"premium\":3200.00}");
            } else {
                bodies.add("{\"customerNo\":\"" + numbers.get(random.nextInt(numbers.size())) + "\"}");
            }
        }
        return bodies;
    }

    /**
     * A {@link LoadGenerator} in a JVM of its own (so the service's JVM holds only the service): started
     * and connected by {@link #start}, sending from {@link #go}, its results read by {@link #await}.
     */
    private static final class LoadRun {

        private final Process process;
        private final BufferedReader output;
        private final Path results;
        private final int rate;
        private boolean answered;

        private LoadRun(Process process, BufferedReader output, Path results, int rate) {
            this.process = process;
            this.output = output;
            this.results = results;
            this.rate = rate;
        }

        Process process() {
            return process;
        }

        static LoadRun start(Path work, int port, String auth, List<String> bodies, int rate, int seconds,
                             int warmUpRequests, int warmUpSeconds) throws IOException {
            Path bodiesFile = work.resolve("bodies.txt");
            Path results = work.resolve("results.txt");
            Files.write(bodiesFile, bodies, StandardCharsets.UTF_8);
            Files.deleteIfExists(results);
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process process = new ProcessBuilder(java, "-Xmx256m", "-XX:+UseSerialGC", "-cp",
                    System.getProperty("java.class.path"), LoadGenerator.class.getName(), String.valueOf(port),
                    "/api/v1/checks/pre-bind", auth, bodiesFile.toString(), String.valueOf(rate), String.valueOf(seconds),
                    results.toString(), String.valueOf(warmUpRequests), String.valueOf(warmUpSeconds))
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String ready = output.readLine();
            if (!"ready".equals(ready)) {
                throw new IllegalStateException("the load generator did not start: " + ready);
            }
            return new LoadRun(process, output, results, rate);
        }

        LoadRun go() throws IOException {
            proceed();
            return this;
        }

        private void proceed() throws IOException {
            process.getOutputStream().write('\n');
            process.getOutputStream().flush();
        }

        /** Waits until the last request is answered, then reads this process's CPU ticks before it writes its results. */
        long cpuTicksBeforeExit() throws IOException {
            String line = output.readLine();
            if (!"answered".equals(line)) {
                throw new IllegalStateException("the load generator failed: " + line);
            }
            long ticks = ProcessCpu.ticks(Optional.of(process.toHandle()));
            answered = true;
            proceed();
            return ticks;
        }

        Result await() throws IOException, InterruptedException {
            if (!answered) {
                cpuTicksBeforeExit();
            }
            String done = output.readLine();
            if (process.waitFor() != 0 || !"done".equals(done)) {
                throw new IllegalStateException("the load generator failed: " + done);
            }
            List<String> lines = Files.readAllLines(results, StandardCharsets.UTF_8);
            long[] latencies = new long[lines.size()];
            int non200 = 0;
            int errors = 0;
            for (int i = 0; i < lines.size(); i++) {
                String[] fields = lines.get(i).split(" ");
                latencies[i] = Long.parseLong(fields[0]);
                int status = Integer.parseInt(fields[1]);
                errors += status == 0 ? 1 : 0;
                non200 += status != 0 && status != 200 ? 1 : 0;
            }
            return new Result(latencies, non200, errors, rate);
        }
    }

    private static Map<String, Long> serverStatus(JdbcClient jdbc) {
        Map<String, Long> status = new java.util.HashMap<>();
        jdbc.sql("SHOW GLOBAL STATUS WHERE Variable_name IN ('Questions', 'Com_commit') OR Variable_name LIKE 'Handler_read%' OR Variable_name LIKE 'Innodb_rows_%' OR Variable_name IN ('Innodb_log_waits', 'Innodb_buffer_pool_wait_free', 'Innodb_os_log_written', 'Innodb_data_fsyncs', 'Innodb_buffer_pool_pages_flushed') OR Variable_name LIKE 'Created_tmp%' OR Variable_name LIKE 'Sort_%'")
                .query((rs, row) -> status.put(rs.getString(1), rs.getLong(2))).list();
        return status;
    }

    private static long gcCount() {
        return java.lang.management.ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(java.lang.management.GarbageCollectorMXBean::getCollectionCount).sum();
    }

    private static long gcMillis() {
        return java.lang.management.ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(java.lang.management.GarbageCollectorMXBean::getCollectionTime).sum();
    }

    private static double pct(long[] sorted, double percentile) {
        int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1000.0;
    }

    /** Latencies in microseconds, in the order the requests were due. */
    private record Result(long[] latenciesMicros, int non200, int errors, int rate) {

        /**
         * The seconds of the run whose slowest answer took longest: a tail made of a few stalls (every request
         * due in one second late) looks different from one spread over the whole run (a machine too busy).
         */
        String worstSeconds(int count) {
            int seconds = latenciesMicros.length / rate;
            long[] max = new long[seconds];
            int[] over10 = new int[seconds];
            for (int i = 0; i < seconds * rate; i++) {
                max[i / rate] = Math.max(max[i / rate], latenciesMicros[i]);
                if (latenciesMicros[i] > 10_000) {
                    over10[i / rate]++;
                }
            }
            Integer[] order = new Integer[seconds];
            for (int s = 0; s < seconds; s++) {
                order[s] = s;
            }
            Arrays.sort(order, (a, b) -> Long.compare(max[b], max[a]));
            StringBuilder out = new StringBuilder();
            for (int k = 0; k < Math.min(count, seconds); k++) {
                int s = order[k];
                out.append(String.format("  second %2d: max %.1f ms, %d over 10 ms%n", s, max[s] / 1000.0, over10[s]));
            }
            int secondsWithTail = 0;
            for (int s = 0; s < seconds; s++) {
                secondsWithTail += over10[s] > 0 ? 1 : 0;
            }
            return out.append(String.format("  %d of %d seconds had an answer over 10 ms", secondsWithTail, seconds)).toString();
        }
    }
}
