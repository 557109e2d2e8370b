package io.decisioning.service.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Pre-bind checks over HTTP against the service on its embedded MariaDB with demo data, at a fixed
 * arrival rate (open loop: latency is measured from when each request was due, so a slow answer
 * cannot hide the requests queued behind it). Prints median, p90, p99 and max. The load comes from a
 * {@link LoadGenerator} in a JVM of its own, as it would from the service's clients.
 *
 * <p>Run with {@code benchmarks/prebind-latency.sh [rate] [seconds] [customers] [duplicates-percent]}; defaults
 * 200/s, 30 s, 10000 customers, none entered twice (3: 3 % of the customers get a second record, DESIGN.md
 * section 10, so that checks of them evaluate their parties).
 */
public final class PreBindLatencyBenchmark {

    public static void main(String[] args) throws Exception {
        int rate = BenchService.arg(args, 0, 200);
        int seconds = BenchService.arg(args, 1, 30);
        int customers = BenchService.arg(args, 2, 10_000);
        int duplicatesPercent = BenchService.arg(args, 3, 0);
        ConfigurableApplicationContext app = BenchService.start(Path.of("target/bench-db/prebind"), customers,
                "--rules.demo.duplicates=" + duplicatesPercent / 100.0);
        try {
            int port = BenchService.port(app);
            List<String> numbers = app.getBean(JdbcClient.class).sql("SELECT customer_no FROM customer ORDER BY id")
                    .query(String.class).list();
            List<Map<String, Object>> identities = app.getBean(JdbcClient.class)
                    .sql("SELECT id_type, id_number FROM customer ORDER BY id LIMIT 2000").query().listOfRows();
            String auth = "Basic " + Base64.getEncoder().encodeToString("underwriter:demo".getBytes(StandardCharsets.UTF_8));
            SplittableRandom random = new SplittableRandom(42);
            Path work = Files.createDirectories(Path.of("target/bench-prebind"));

            System.out.println("warming up: 20000 checks, 4 at a time (the JIT needs that many to settle), then 10 s at the measured rate ...");
            LoadRun measured = LoadRun.start(work, port, "/api/v1/checks/pre-bind", auth,
                    bodies(random, numbers, identities, rate * seconds), rate, seconds, 20_000, 10, false, 200);
            System.out.printf("measuring %d requests/s for %d s%n", rate, seconds);
            LoadRun.Costs costs = new LoadRun.Costs(app.getBean(JdbcClient.class), measured);
            measured.go();
            LoadRun.Result result = measured.await();
            System.out.printf("requests %d, non-200 %d, errors %d%n", result.latenciesMicros().length, result.unexpected(),
                    result.errors());
            System.out.printf("latency ms: %s%n", result.percentiles());
            costs.print(rate * seconds, "check", seconds);
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
}
