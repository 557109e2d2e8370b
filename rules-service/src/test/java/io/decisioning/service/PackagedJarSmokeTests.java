package io.decisioning.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Starts the packaged jar as a newcomer would ({@code java -jar}), on its embedded MariaDB with demo
 * data, and asks it for a check and an assessment. Runs in the {@code verify} phase (failsafe),
 * after the jar is built.
 */
class PackagedJarSmokeTests {

    private static Process service;
    private static int port;
    private static Path log;
    private static final HttpClient http = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @BeforeAll
    static void startJar() throws Exception {
        Path jar;
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            jar = files.filter(p -> p.getFileName().toString().matches("rules-service-.*\\.jar"))
                    .filter(p -> !p.getFileName().toString().endsWith("-plain.jar"))
                    .findFirst().orElseThrow(() -> new IllegalStateException("no packaged jar in target/"));
        }
        port = freePort();
        Path dataDir = Files.createTempDirectory(Path.of("target"), "smoke-db");
        log = Path.of("target", "smoke-service.log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        service = new ProcessBuilder(List.of(java, "-Xmx768m", "-jar", jar.toString(),
                "--server.port=" + port, "--rules.embedded.data-dir=" + dataDir, "--rules.demo.data=300",
                // JSON logs with one setting (DESIGN.md section 14), as an operator would turn them on
                "--logging.structured.format.console=ecs"))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        while (System.nanoTime() < deadline) {
            if (!service.isAlive()) {
                throw new IllegalStateException("the jar exited:\n" + Files.readString(log));
            }
            try {
                if (get("/actuator/health", null).body().contains("\"UP\"")) {
                    return;
                }
            } catch (IOException notYet) {
                Thread.sleep(500);
            }
        }
        throw new IllegalStateException("the jar did not become healthy in time:\n" + Files.readString(log));
    }

    @AfterAll
    static void stopJar() throws InterruptedException {
        if (service != null) {
            service.destroy();
            service.waitFor();
        }
    }

    @Test
    void packagedJarAnswersChecksAndAssessmentsOnItsEmbeddedDatabase() throws Exception {
        HttpResponse<String> check = post("/api/v1/checks/pre-bind", "{\"customerNo\":\"C00000001\"}", "underwriter");
        assertThat(check.statusCode()).as(check.body()).isEqualTo(200);
        assertThat(check.body()).containsPattern("\"decision\":\"(ACCEPT|REFER|DECLINE)\"").contains("\"customerNo\":\"C00000001\"");

        HttpResponse<String> assessment = get("/api/v1/customers/C00000001/assessment", "underwriter");
        assertThat(assessment.statusCode()).as(assessment.body()).isEqualTo(200);
        assertThat(assessment.body()).contains("\"grade\"", "\"tier\"", "\"profile\"", "\"trigger\":\"CHECK\"");

        assertThat(get("/api/v1/customers/C00000001/assessment", null).statusCode()).isEqualTo(401);
        assertThat(get("/v3/api-docs", null).body()).contains("/api/v1/checks/pre-bind");
        HttpResponse<String> adminUi = get("/admin/", null);
        assertThat(adminUi.statusCode()).isEqualTo(200);
        assertThat(adminUi.body()).contains("客户决策服务", "app.js");
    }

    @Test
    void packagedJarNamesItsBuildAndCommitServesTheScraperAndLogsJson() throws Exception {
        HttpResponse<String> info = get("/actuator/info", null);
        assertThat(info.statusCode()).isEqualTo(200);
        JsonNode infoJson = JSON.readTree(info.body());
        assertThat(infoJson.at("/build/version").asString()).isNotBlank();
        assertThat(infoJson.at("/git/commit/id").asString()).matches("[0-9a-f]{7,40}");
        HttpResponse<String> scrape = get("/actuator/prometheus", "prometheus");
        assertThat(scrape.statusCode()).isEqualTo(200);
        assertThat(scrape.body()).contains("decisioning_events_parked ", "decisioning_batch_last_age_seconds ");

        List<String> lines = Files.readAllLines(log);
        List<String> json = lines.stream().filter(line -> line.startsWith("{")).toList();
        assertThat(json).as("log lines as JSON").isNotEmpty();
        for (String line : json) {
            JsonNode event = JSON.readTree(line);
            assertThat(event.has("@timestamp") && event.has("message") && event.at("/log/level").isString())
                    .as(line).isTrue();
        }
        assertThat(json).anyMatch(line -> line.contains("Started DecisioningApplication"));
        assertThat(lines).as("no log line in the plain text format")
                .noneMatch(line -> line.matches("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d.*\\s(INFO|WARN|ERROR)\\s.*"));
    }

    private static HttpResponse<String> get(String path, String user) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30));
        if (user != null) {
            request.header("Authorization", basic(user));
        }
        return http.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String path, String body, String user) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", basic(user))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
