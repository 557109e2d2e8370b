package io.decisioning.service.bench;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Pre-bind checks at a fixed rate while a pack is published and rolled back every 10 s (issue 4):
 * latency, and every answer checked: HTTP 200, no ENGINE_ERROR, and each reason's pack version equal
 * to the version the answer says was live (no mixed versions). Then 200 more publishes in a row,
 * with the heap after a full GC before and after.
 *
 * <p>Run with {@code benchmarks/publish-under-load.sh [rate=500] [seconds=60] [customers=10000]}.
 */
public final class PublishUnderLoadBenchmark {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    public static void main(String[] args) throws Exception {
        int rate = BenchService.arg(args, 0, 500);
        int seconds = BenchService.arg(args, 1, 60);
        int customers = BenchService.arg(args, 2, 10_000);
        ConfigurableApplicationContext app = BenchService.start(Path.of("target/bench-db/publish-under-load"), customers,
                "--rules.packs.require-simulation=false", "--rules.scheduler.enabled=false",
                "--logging.level.io.decisioning.service.rulepack=WARN");
        try {
            int port = BenchService.port(app);
            JdbcClient jdbc = app.getBean(JdbcClient.class);
            List<String> numbers = jdbc.sql("SELECT customer_no FROM customer ORDER BY id").query(String.class).list();
            HttpClient http = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(8)).build();
            Api api = new Api(http, port);

            int base = jdbc.sql("SELECT version FROM rule_pack_version WHERE pack = 'tiering' AND status = 'PUBLISHED'")
                    .query(Integer.class).single();
            JsonNode draft = api.post("/api/v1/rule-packs/tiering/versions", "analyst",
                    "{\"baseVersion\":" + base + ",\"comment\":\"load test copy\",\"files\":{\"notes.md\":\"copy\"}}");
            int other = draft.get("version").asInt();
            System.out.printf("tiering v%d live; v%d is the version published and rolled back%n", base, other);

            System.out.println("warming up: 20000 checks ...");
            for (int i = 0; i < 20_000; i++) {
                api.post("/api/v1/checks/pre-bind", "underwriter", "{\"customerNo\":\"" + numbers.get(i % numbers.size()) + "\"}");
            }

            AtomicBoolean loading = new AtomicBoolean(true);
            AtomicInteger swaps = new AtomicInteger();
            Thread publisher = new Thread(() -> {
                boolean publishNext = true;
                while (loading.get()) {
                    try {
                        Thread.sleep(10_000);
                        if (!loading.get()) {
                            break;
                        }
                        if (publishNext) {
                            api.post("/api/v1/rule-packs/tiering/versions/" + other + "/publish", "approver", "");
                        } else {
                            api.post("/api/v1/rule-packs/tiering/rollback", "approver", "{\"reason\":\"load test\"}");
                        }
                        publishNext = !publishNext;
                        swaps.incrementAndGet();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "publisher");
            System.out.printf("measuring %d checks/s for %d s, publishing or rolling back every 10 s%n", rate, seconds);
            publisher.start();
            Result result = load(http, port, numbers, rate, seconds);
            loading.set(false);
            publisher.interrupt();
            publisher.join();
            long[] sorted = result.latencies();
            Arrays.sort(sorted);
            System.out.printf("requests %d, swaps %d, non-200 %d, transport errors %d, ENGINE_ERROR %d, mixed versions %d, "
                            + "answers by tiering version %s%n", sorted.length, swaps.get(), result.non200(), result.errors(),
                    result.engineErrors(), result.mixed(), result.byVersion());
            System.out.printf("latency ms: median %.2f  p90 %.2f  p99 %.2f  p99.9 %.2f  max %.2f%n",
                    pct(sorted, 50), pct(sorted, 90), pct(sorted, 99), pct(sorted, 99.9), sorted[sorted.length - 1] / 1000.0);

            System.out.printf("heap after GC before 200 publishes: %d MB%n", heapAfterGc());
            // asked, not counted: a swap cut short when the load ended may or may not have happened
            boolean otherIsLive = jdbc.sql("SELECT version FROM rule_pack_version WHERE pack = 'tiering' AND status = 'PUBLISHED'")
                    .query(Integer.class).single() == other;
            for (int i = 1; i <= 200; i++) {
                if ((i % 2 == 1) != otherIsLive) {
                    api.post("/api/v1/rule-packs/tiering/versions/" + other + "/publish", "approver", "");
                } else {
                    api.post("/api/v1/rule-packs/tiering/rollback", "approver", "");
                }
                if (i % 50 == 0) {
                    System.out.printf("heap after GC after %d publishes: %d MB, classes loaded %d%n", i, heapAfterGc(),
                            ManagementFactory.getClassLoadingMXBean().getLoadedClassCount());
                }
            }
        } finally {
            app.close();
        }
        System.exit(0);
    }

    private static Result load(HttpClient http, int port, List<String> numbers, int rate, int seconds)
            throws InterruptedException {
        int total = rate * seconds;
        SplittableRandom random = new SplittableRandom(7);
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        AtomicInteger non200 = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        AtomicInteger engineErrors = new AtomicInteger();
        AtomicInteger mixed = new AtomicInteger();
        java.util.concurrent.ConcurrentHashMap<Integer, AtomicInteger> byVersion = new java.util.concurrent.ConcurrentHashMap<>();
        CountDownLatch done = new CountDownLatch(total);
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
        URI uri = URI.create("http://127.0.0.1:" + port + "/api/v1/checks/pre-bind");
        String auth = "Basic " + Base64.getEncoder().encodeToString("underwriter:demo".getBytes(StandardCharsets.UTF_8));
        long start = System.nanoTime();
        long interval = 1_000_000_000L / rate;
        for (int i = 0; i < total; i++) {
            long due = start + i * interval;
            String body = "{\"customerNo\":\"" + numbers.get(random.nextInt(numbers.size())) + "\"}";
            ticker.schedule(() -> {
                HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                        .header("Authorization", auth).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
                http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, failure) -> {
                    latencies.add((System.nanoTime() - due) / 1000);
                    if (failure != null) {
                        errors.incrementAndGet();
                    } else if (response.statusCode() != 200) {
                        non200.incrementAndGet();
                    } else {
                        JsonNode answer = JSON.readTree(response.body());
                        JsonNode packs = answer.get("rulePacks");
                        byVersion.computeIfAbsent(packs.get("tiering").asInt(), v -> new AtomicInteger()).incrementAndGet();
                        for (JsonNode reason : answer.get("reasons")) {
                            if (reason.get("rule").asString().equals("ENGINE_ERROR")) {
                                engineErrors.incrementAndGet();
                            } else if (packs.has(reason.get("pack").asString())
                                    && packs.get(reason.get("pack").asString()).asInt() != reason.get("version").asInt()) {
                                mixed.incrementAndGet();
                            }
                        }
                    }
                    done.countDown();
                });
            }, due - System.nanoTime(), TimeUnit.NANOSECONDS);
        }
        done.await(seconds + 60L, TimeUnit.SECONDS);
        ticker.shutdown();
        return new Result(latencies.stream().mapToLong(Long::longValue).toArray(), non200.get(), errors.get(),
                engineErrors.get(), mixed.get(), new java.util.TreeMap<>(byVersion));
    }

    private static long heapAfterGc() {
        System.gc();
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (1024 * 1024);
    }

    private static double pct(long[] sorted, double percentile) {
        int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1000.0;
    }

    private record Result(long[] latencies, int non200, int errors, int engineErrors, int mixed,
                          java.util.Map<Integer, AtomicInteger> byVersion) {
    }

    /** Blocking calls for the set-up and the publisher. */
    private record Api(HttpClient http, int port) {
        JsonNode post(String path, String user, String body) {
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8)))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() >= 300) {
                    throw new IllegalStateException(path + " -> " + response.statusCode() + " " + response.body());
                }
                return JSON.readTree(response.body());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
