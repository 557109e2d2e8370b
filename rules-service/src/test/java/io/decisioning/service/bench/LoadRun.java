package io.decisioning.service.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A {@link LoadGenerator} in a JVM of its own (so the service's JVM holds only the service): started,
 * warmed up and connected by {@link #start}, sending from {@link #go}, its results read by {@link #await};
 * with what the HTTP benchmarks measure around it (the database's counters, garbage collections).
 */
final class LoadRun {

    private final Process process;
    private final BufferedReader output;
    private final Path results;
    private final int rate;
    private final int expectedStatus;
    private boolean answered;
    private long sentAt;
    private long answeredAt;
    private long ticksAtAnswer;

    private LoadRun(Process process, BufferedReader output, Path results, int rate, int expectedStatus) {
        this.process = process;
        this.output = output;
        this.results = results;
        this.rate = rate;
        this.expectedStatus = expectedStatus;
    }

    Process process() {
        return process;
    }

    /**
     * Starts the generator and returns once its warm-up is over.
     *
     * @param distinct whether every body is posted once at most (the warm-up takes the first ones), as events
     *                 must be; else each phase starts again at the first body
     */
    static LoadRun start(Path work, int port, String path, String auth, List<String> bodies, int rate, int seconds,
                         int warmUpRequests, int warmUpSeconds, boolean distinct, int expectedStatus) throws IOException {
        Path bodiesFile = work.resolve("bodies.txt");
        Path results = work.resolve("results.txt");
        Files.write(bodiesFile, bodies, StandardCharsets.UTF_8);
        Files.deleteIfExists(results);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-Xmx256m", "-XX:+UseSerialGC", "-cp",
                System.getProperty("java.class.path"), LoadGenerator.class.getName(), String.valueOf(port),
                path, auth, bodiesFile.toString(), String.valueOf(rate), String.valueOf(seconds),
                results.toString(), String.valueOf(warmUpRequests), String.valueOf(warmUpSeconds),
                distinct ? "distinct" : "repeat")
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String ready = output.readLine();
        if (!"ready".equals(ready)) {
            throw new IllegalStateException("the load generator did not start: " + ready);
        }
        return new LoadRun(process, output, results, rate, expectedStatus);
    }

    LoadRun go() throws IOException {
        sentAt = System.nanoTime();
        proceed();
        return this;
    }

    private void proceed() throws IOException {
        process.getOutputStream().write('\n');
        process.getOutputStream().flush();
    }

    /** Waits until the last request is answered, then reads this process's CPU ticks before it writes its results. */
    void awaitLastAnswer() throws IOException {
        String line = output.readLine();
        if (!"answered".equals(line)) {
            throw new IllegalStateException("the load generator failed: " + line);
        }
        answeredAt = System.nanoTime();
        ticksAtAnswer = ProcessCpu.ticks(Optional.of(process.toHandle()));
        answered = true;
        proceed();
    }

    /** Seconds from {@link #go} to the last answer. */
    double secondsToLastAnswer() {
        return (answeredAt - sentAt) / 1e9;
    }

    Result await() throws IOException, InterruptedException {
        if (!answered) {
            awaitLastAnswer();
        }
        String done = output.readLine();
        if (process.waitFor() != 0 || !"done".equals(done)) {
            throw new IllegalStateException("the load generator failed: " + done);
        }
        List<String> lines = Files.readAllLines(results, StandardCharsets.UTF_8);
        long[] latencies = new long[lines.size()];
        int unexpected = 0;
        int errors = 0;
        for (int i = 0; i < lines.size(); i++) {
            String[] fields = lines.get(i).split(" ");
            latencies[i] = Long.parseLong(fields[0]);
            int status = Integer.parseInt(fields[1]);
            errors += status == 0 ? 1 : 0;
            unexpected += status != 0 && status != expectedStatus ? 1 : 0;
        }
        return new Result(latencies, unexpected, errors, rate);
    }

    /**
     * What the measured requests cost, read before {@link #go} and reported after: the database's counters
     * (server-wide, so the service's few background polls are in them), the JVM's collections and its threads'
     * CPU, the CPU of MariaDB, of the load generator and of the whole machine.
     */
    static final class Costs {

        private final JdbcClient jdbc;
        private final LoadRun run;
        private final Map<String, Long> status;
        private final long gcCount = gcCount();
        private final long gcMillis = gcMillis();
        private final ThreadCpu threads = ThreadCpu.start(ThreadCpu::httpGroups);
        private final long databaseTicks = ProcessCpu.ticks(ProcessCpu.embeddedDatabase());
        private final long machineTicks = ProcessCpu.machineBusyTicks();
        private final long generatorTicks;

        Costs(JdbcClient jdbc, LoadRun run) {
            this.jdbc = jdbc;
            this.run = run;
            this.status = serverStatus(jdbc);
            this.generatorTicks = ProcessCpu.ticks(Optional.of(run.process.toHandle()));
        }

        /** Prints what {@code count} requests (each a {@code what}: "check", "event") cost in these {@code seconds}. */
        void print(int count, String what, double seconds) {
            Map<String, Long> after = serverStatus(jdbc);
            System.out.printf("per %s: %.1f statements, %.2f commits (server-wide)%n", what,
                    (after.get("Questions") - status.get("Questions")) / (double) count,
                    (after.get("Com_commit") - status.get("Com_commit")) / (double) count);
            System.out.printf("per %s: %s%n", what, perRequest(status, after, count));
            System.out.printf("JVM garbage collections: %d, %d ms in all%n", gcCount() - gcCount, gcMillis() - gcMillis);
            System.out.printf("JVM CPU, by thread: %s%n", threads.report());
            System.out.printf("CPU: the load generator's JVM %.1f s, MariaDB %.1f s, the whole machine %.1f s (of %.1f s on %d cores)%n",
                    (run.ticksAtAnswer - generatorTicks) / 100.0,
                    (ProcessCpu.ticks(ProcessCpu.embeddedDatabase()) - databaseTicks) / 100.0,
                    (ProcessCpu.machineBusyTicks() - machineTicks) / 100.0, seconds, Runtime.getRuntime().availableProcessors());
        }
    }

    /** The server's counters the benchmarks report per request (statements, commits, reads, temporary tables, fsyncs). */
    private static Map<String, Long> serverStatus(JdbcClient jdbc) {
        Map<String, Long> status = new HashMap<>();
        jdbc.sql("SHOW GLOBAL STATUS WHERE Variable_name IN ('Questions', 'Com_commit') OR Variable_name LIKE 'Handler_read%' OR Variable_name LIKE 'Innodb_rows_%' OR Variable_name IN ('Innodb_log_waits', 'Innodb_buffer_pool_wait_free', 'Innodb_os_log_written', 'Innodb_data_fsyncs', 'Innodb_buffer_pool_pages_flushed') OR Variable_name LIKE 'Created_tmp%' OR Variable_name LIKE 'Sort_%'")
                .query((rs, row) -> status.put(rs.getString(1), rs.getLong(2))).list();
        return status;
    }

    /** The counters that moved between two {@link #serverStatus} readings, each per one of {@code count} requests. */
    private static String perRequest(Map<String, Long> before, Map<String, Long> after, int count) {
        return after.keySet().stream().sorted()
                .filter(k -> after.get(k) - before.getOrDefault(k, 0L) > 0)
                .map(k -> "%s %.1f".formatted(k, (after.get(k) - before.getOrDefault(k, 0L)) / (double) count))
                .collect(Collectors.joining(", "));
    }

    private static long gcCount() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(GarbageCollectorMXBean::getCollectionCount).sum();
    }

    private static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(GarbageCollectorMXBean::getCollectionTime).sum();
    }

    /**
     * Latencies in microseconds, in the order the requests were due; requests answered with another status
     * than expected, and those that failed.
     */
    record Result(long[] latenciesMicros, int unexpected, int errors, int rate) {

        /** "median 2.10  p90 ...": the latency percentiles in milliseconds. */
        String percentiles() {
            long[] sorted = latenciesMicros.clone();
            Arrays.sort(sorted);
            return "median %.2f  p90 %.2f  p99 %.2f  p99.9 %.2f  max %.2f".formatted(pct(sorted, 50), pct(sorted, 90),
                    pct(sorted, 99), pct(sorted, 99.9), sorted[sorted.length - 1] / 1000.0);
        }

        private static double pct(long[] sorted, double percentile) {
            int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
            return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1000.0;
        }

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
