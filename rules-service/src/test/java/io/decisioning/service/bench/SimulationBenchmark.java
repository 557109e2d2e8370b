package io.decisioning.service.bench;

import io.decisioning.service.DecisioningApplication;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Impact simulation of a threshold change over the whole book (issue 4: 1M customers in under
 * 60 s): a draft of the grading pack with the claim-count limit raised from 3 to 4, simulated
 * through the API; prints the time, the customers per second, the transitions and the peak memory.
 * The book is generated once per size under target/bench-db/simulation-N and reused.
 *
 * <p>Run with {@code benchmarks/simulation.sh [customers=1000000] [threads=2]}.
 */
public final class SimulationBenchmark {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    public static void main(String[] args) throws Exception {
        int customers = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        Path dataDir = Path.of("target", "bench-db", "simulation-" + customers);
        boolean reuse = Files.isDirectory(dataDir);
        System.out.printf("%s the book of %d customers in %s%n", reuse ? "reusing" : "generating", customers, dataDir);
        long generating = System.nanoTime();
        ConfigurableApplicationContext app = SpringApplication.run(DecisioningApplication.class,
                "--server.port=0", "--rules.embedded.data-dir=" + dataDir, "--rules.demo.data=" + customers,
                "--rules.scheduler.enabled=false", "--rules.events.enabled=false",
                "--rules.packs.simulation-threads=" + threads, "--logging.level.root=WARN",
                "--logging.level.io.decisioning.service.rulepack.SimulationService=INFO");
        try {
            System.out.printf("service up in %.1f s%n", (System.nanoTime() - generating) / 1e9);
            int port = BenchService.port(app);
            JdbcClient jdbc = app.getBean(JdbcClient.class);
            HttpClient http = HttpClient.newHttpClient();
            int published = jdbc.sql("SELECT version FROM rule_pack_version WHERE pack = 'grading' AND status = 'PUBLISHED'")
                    .query(Integer.class).single();
            JsonNode files = call(http, port, "GET", "/api/v1/rule-packs/grading/versions/" + published, "analyst", null).get("files");
            String table = files.get("grade-thresholds.drl.csv").asString()
                    .replace("GRD-050 Poor quality by repeated claims,79,,,,3,", "GRD-050 Poor quality by repeated claims,79,,,,4,");
            JsonNode draft = call(http, port, "POST", "/api/v1/rule-packs/grading/versions", "analyst",
                    JSON.writeValueAsString(java.util.Map.of("baseVersion", published, "comment", "benchmark",
                            "files", java.util.Map.of("grade-thresholds.drl.csv", table))));
            int version = draft.get("version").asInt();
            for (int round = 1; round <= 2; round++) {
                long started = System.nanoTime();
                call(http, port, "POST", "/api/v1/rule-packs/grading/versions/" + version + "/simulate", "analyst", null);
                JsonNode simulation;
                do {
                    Thread.sleep(200);
                    simulation = call(http, port, "GET", "/api/v1/rule-packs/grading/versions/" + version + "/simulation",
                            "analyst", null);
                } while (simulation.get("status").asString().equals("RUNNING"));
                double seconds = (System.nanoTime() - started) / 1e9;
                System.out.printf("round %d: %s, %d customers in %.1f s (%.0f/s), %d changed, %d failed%n", round,
                        simulation.get("status").asString(), simulation.get("processed").asLong(), seconds,
                        simulation.get("processed").asLong() / seconds, simulation.get("changed").asLong(),
                        simulation.get("failed").asLong());
                for (JsonNode transition : simulation.get("transitions")) {
                    System.out.printf("  %s %s -> %s: %d customers, annual premium %s%n", transition.get("field").asString(),
                            transition.get("from").asString(), transition.get("to").asString(),
                            transition.get("count").asLong(), transition.get("annualPremium").asString());
                }
            }
            System.out.printf("peak RSS of this JVM (VmHWM): %s%n", Files.readAllLines(Path.of("/proc/self/status")).stream()
                    .filter(line -> line.startsWith("VmHWM")).findFirst().orElse("?").replaceAll("\\s+", " "));
        } finally {
            app.close();
        }
        System.exit(0);
    }

    private static JsonNode call(HttpClient http, int port, String method, String path, String user, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json");
        request = body == null && method.equals("GET") ? request.GET()
                : request.method(method, HttpRequest.BodyPublishers.ofString(body == null ? "" : body));
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(method + " " + path + " -> " + response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body());
    }
}
