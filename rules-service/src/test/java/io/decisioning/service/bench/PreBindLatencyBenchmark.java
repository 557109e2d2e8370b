package io.decisioning.service.bench;

import io.decisioning.service.DecisioningApplication;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Pre-bind checks over HTTP against the service on its embedded MariaDB with demo data, at a fixed
 * arrival rate (open loop: latency is measured from when each request was due, so a slow answer
 * cannot hide the requests queued behind it). Prints median, p90, p99 and max.
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
            // HTTP/1.1, as Tomcat serves it here: the default HTTP/2 would offer an h2c upgrade on every new connection
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .executor(Executors.newFixedThreadPool(8)).build();
            String auth = "Basic " + Base64.getEncoder().encodeToString("underwriter:demo".getBytes(StandardCharsets.UTF_8));
            SplittableRandom random = new SplittableRandom(42);

            System.out.println("warming up: 20000 checks, 4 at a time (the JIT needs that many to settle), then 10 s at the measured rate ...");
            warmUp(http, port, auth, numbers, 20_000);
            run(http, port, auth, random, numbers, identities, rate, 10);
            System.out.printf("measuring %d requests/s for %d s%n", rate, seconds);
            JdbcClient jdbc = app.getBean(JdbcClient.class);
            Map<String, Long> statusBefore = serverStatus(jdbc);
            long gcCountBefore = gcCount();
            long gcMillisBefore = gcMillis();
            ThreadCpu threads = ThreadCpu.start(ThreadCpu::httpGroups);
            long databaseTicks = ProcessCpu.ticks(ProcessCpu.embeddedDatabase());
            long machineTicks = ProcessCpu.machineBusyTicks();
            Result result = run(http, port, auth, random, numbers, identities, rate, seconds);
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
            System.out.printf("CPU during the run: MariaDB %.1f s, the whole machine %.1f s (of %d s on %d cores)%n",
                    (ProcessCpu.ticks(ProcessCpu.embeddedDatabase()) - databaseTicks) / 100.0, (ProcessCpu.machineBusyTicks() - machineTicks) / 100.0, seconds,
                    Runtime.getRuntime().availableProcessors());
            System.out.printf("slowest seconds of the run:%n%s%n", result.worstSeconds(5));
        } finally {
            app.close();
        }
        System.exit(0);
    }

    private static Result run(HttpClient http, int port, String auth, SplittableRandom random, List<String> numbers,
                              List<Map<String, Object>> identities, int rate, int seconds) throws InterruptedException {
        int total = rate * seconds;
        java.util.concurrent.atomic.AtomicLongArray latencies = new java.util.concurrent.atomic.AtomicLongArray(total);
        AtomicInteger non200 = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(total);
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
        long start = System.nanoTime();
        long intervalNanos = 1_000_000_000L / rate;
        URI uri = URI.create("http://127.0.0.1:" + port + "/api/v1/checks/pre-bind");
        List<String> bodies = new ArrayList<>(total);
        for (int i = 0; i < total; i++) {
            if (i % 4 == 3) {
                Map<String, Object> id = identities.get(random.nextInt(identities.size()));
                bodies.add("{\"applicant\":{\"idType\":\"" + id.get("id_type") + "\",\"idNumber\":\"" + id.get("id_number")
                        + "\"},\"productLine\":\"AUTO\",\"premium\":3200.00}");
            } else {
                bodies.add("{\"customerNo\":\"" + numbers.get(random.nextInt(numbers.size())) + "\"}");
            }
        }
        for (int i = 0; i < total; i++) {
            long due = start + i * intervalNanos;
            String body = bodies.get(i);
            int index = i;
            ticker.schedule(() -> {
                HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                        .header("Authorization", auth).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
                http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, failure) -> {
                    latencies.set(index, (System.nanoTime() - due) / 1000);
                    if (failure != null) {
                        errors.incrementAndGet();
                    } else if (response.statusCode() != 200) {
                        non200.incrementAndGet();
                    }
                    done.countDown();
                });
            }, due - System.nanoTime(), TimeUnit.NANOSECONDS);
        }
        done.await(seconds + 60L, TimeUnit.SECONDS);
        ticker.shutdown();
        long[] byArrival = new long[total];
        for (int i = 0; i < total; i++) {
            byArrival[i] = latencies.get(i);
        }
        return new Result(byArrival, non200.get(), errors.get(), rate);
    }

    /** A closed loop, so the JIT compiles the hot paths before requests arrive at a fixed rate. */
    private static void warmUp(HttpClient http, int port, String auth, List<String> numbers, int count)
            throws InterruptedException {
        URI uri = URI.create("http://127.0.0.1:" + port + "/api/v1/checks/pre-bind");
        java.util.concurrent.Semaphore inFlight = new java.util.concurrent.Semaphore(4);
        CountDownLatch done = new CountDownLatch(count);
        for (int i = 0; i < count; i++) {
            inFlight.acquire();
            HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                    .header("Authorization", auth).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"customerNo\":\"" + numbers.get(i % numbers.size()) + "\"}"))
                    .build();
            http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, failure) -> {
                inFlight.release();
                done.countDown();
            });
        }
        done.await(5, TimeUnit.MINUTES);
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
