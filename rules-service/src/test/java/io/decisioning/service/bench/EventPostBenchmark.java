package io.decisioning.service.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.SplittableRandom;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Events posted one per request ({@code POST /api/v1/events}, as the CRM's {@code crm} user) at a fixed
 * arrival rate, against the service on its embedded MariaDB with a demo book, the load from a
 * {@link LoadGenerator} in a JVM of its own (open loop: latency counts from when each event was due).
 * Every event is new (its own eventId) and names a random customer. Prints whether the service kept up
 * (every event accepted, the latency of the answers), how long the last one took to be processed (its
 * customer evaluated and stored), and what an event costs: CPU of the request threads, the event workers,
 * MariaDB, statements.
 *
 * <p>Run with {@code benchmarks/event-posting.sh [rate] [seconds] [customers]}; defaults 1,000/s, 30 s,
 * 100,000 customers. The warm-up (20,000 events 4 at a time, then 10 s at the rate) is processed before
 * the measured events start.
 */
public final class EventPostBenchmark {

    private static final List<String> TYPES =
            List.of("CLAIM_REPORTED", "CLAIM_SETTLED", "POLICY_BOUND", "POLICY_CANCELLED", "CUSTOMER_UPDATED");
    private static final int WARM_UP_REQUESTS = 20_000;
    private static final int WARM_UP_SECONDS = 10;

    public static void main(String[] args) throws Exception {
        int rate = BenchService.arg(args, 0, 1000);
        int seconds = BenchService.arg(args, 1, 30);
        int customers = BenchService.arg(args, 2, 100_000);
        ConfigurableApplicationContext app = BenchService.start(Path.of("target/bench-db/events"), customers);
        try {
            int port = BenchService.port(app);
            JdbcClient jdbc = app.getBean(JdbcClient.class);
            List<String> numbers = jdbc.sql("SELECT customer_no FROM customer ORDER BY id").query(String.class).list();
            String auth = "Basic " + Base64.getEncoder().encodeToString("crm:demo".getBytes(StandardCharsets.UTF_8));
            int warmUp = WARM_UP_REQUESTS + rate * WARM_UP_SECONDS;
            int events = rate * seconds;
            Path work = Files.createDirectories(Path.of("target/bench-events"));

            System.out.printf("book: %,d customers; warming up: %,d events 4 at a time, then %d s at the measured rate ...%n",
                    numbers.size(), WARM_UP_REQUESTS, WARM_UP_SECONDS);
            LoadRun measured = LoadRun.start(work, port, "/api/v1/events", auth,
                    bodies(new SplittableRandom(17), numbers, warmUp + events), rate, seconds, WARM_UP_REQUESTS,
                    WARM_UP_SECONDS, true, 202);
            double warmUpProcessed = processed(jdbc, 600);
            System.out.printf("warm-up processed (%.1f s after the last was posted); measuring %,d events/s for %d s%n",
                    warmUpProcessed, rate, seconds);

            LoadRun.Costs costs = new LoadRun.Costs(jdbc, measured);
            long started = System.nanoTime();
            measured.go();
            measured.awaitLastAnswer();
            double posting = measured.secondsToLastAnswer();
            double lastProcessed = processed(jdbc, 600);
            double endToEnd = (System.nanoTime() - started) / 1e9;
            LoadRun.Result result = measured.await();

            long stored = jdbc.sql("SELECT COUNT(*) FROM event_inbox WHERE status = 'DONE'").query(Long.class).single();
            System.out.printf("events %,d, not 202 %d, errors %d; the last answered %.1f s after the first was due = %,.0f accepted/s%n",
                    events, result.unexpected(), result.errors(), posting, events / posting);
            System.out.printf("latency ms (from when each event was due to its 202): %s%n", result.percentiles());
            System.out.printf("all processed %.1f s after the first was due = %,.0f events/s end to end (the last %.1f s after it was "
                    + "answered); %,d of the %,d events posted in all DONE%n", endToEnd, events / endToEnd, lastProcessed, stored,
                    warmUp + events);
            costs.print(events, "event", endToEnd);
            System.out.printf("slowest seconds of the run:%n%s%n", result.worstSeconds(5));
        } finally {
            app.close();
        }
        System.exit(0);
    }

    /** One new event a line: a random type and customer, each with an eventId of its own. */
    private static List<String> bodies(SplittableRandom random, List<String> numbers, int count) {
        List<String> bodies = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            bodies.add("{\"eventId\":\"bench-%d\",\"type\":\"%s\",\"customerNo\":\"%s\",\"occurredAt\":\"2026-11-20T09:30:00+08:00\"}"
                    .formatted(i, TYPES.get(random.nextInt(TYPES.size())), numbers.get(random.nextInt(numbers.size()))));
        }
        return bodies;
    }

    /**
     * Waits until no event is left to process (none PENDING or PROCESSING: a short range of the inbox's due index,
     * named because the service's connections estimate IN lists from statistics, which would choose to read the
     * whole table each time); the seconds it waited.
     */
    private static double processed(JdbcClient jdbc, int timeoutSeconds) throws InterruptedException {
        long started = System.nanoTime();
        long deadline = started + timeoutSeconds * 1_000_000_000L;
        while (jdbc.sql("SELECT COUNT(*) FROM event_inbox FORCE INDEX (ix_event_inbox_due) WHERE status IN ('PENDING', 'PROCESSING')").query(Long.class).single() > 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("events not processed within " + timeoutSeconds + " s: " + jdbc.sql(
                        "SELECT status, COUNT(*) AS events FROM event_inbox GROUP BY status").query().listOfRows());
            }
            Thread.sleep(100);
        }
        return (System.nanoTime() - started) / 1e9;
    }
}
