package io.decisioning.service.rulepack;

import static org.assertj.core.api.Assertions.assertThat;

import io.decisioning.service.ApiClient;
import io.decisioning.service.ApiClient.Response;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Of two requests to simulate one version, on any nodes of a cluster, one starts and the other is told that it runs:
 * a start takes the version's row lock before it looks for a running simulation, so it cannot slip in between
 * another node's look and its write and replace that node's run with its own.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SimulationStartTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DataSource dataSource;

    @Test
    void aStartWhileAnotherNodeIsStartingTheSameVersionWaitsForItAndIsRefused() throws Exception {
        ApiClient api = new ApiClient(port);
        int copy = new RulePackFixtures(api, jdbc).copyOfPublished("grading", "analyst");
        CompletableFuture<Response> second;
        try (Connection otherNode = dataSource.getConnection()) {
            otherNode.setAutoCommit(false);
            // another node's start, half done: the version's row locked, its RUNNING simulation written, not committed
            try (PreparedStatement lock = otherNode.prepareStatement(
                    "SELECT version FROM rule_pack_version WHERE pack = 'grading' AND version = ? FOR UPDATE");
                 PreparedStatement running = otherNode.prepareStatement("""
                         INSERT INTO rule_pack_simulation (pack, version, status, against_versions, requested_by, started_at)
                         VALUES ('grading', ?, 'RUNNING', '{}', 'other-node', UTC_TIMESTAMP(3))""")) {
                lock.setInt(1, copy);
                lock.executeQuery().close();
                running.setInt(1, copy);
                running.executeUpdate();
            }
            second = CompletableFuture.supplyAsync(
                    () -> api.post("/api/v1/rule-packs/grading/versions/" + copy + "/simulate", null, "analyst"));
            // the request waits for a lock the other node holds (the version's row; without it, the row just written)
            RulePackFixtures.await(Duration.ofSeconds(30), () -> jdbc.sql("""
                            SELECT COUNT(*) FROM information_schema.processlist
                             WHERE id <> CONNECTION_ID() AND command <> 'Sleep'
                               AND (info LIKE '%FROM rule_pack_version%FOR UPDATE' OR info LIKE 'DELETE FROM rule_pack_simulation%')
                            """).query(Integer.class).single() > 0 ? Boolean.TRUE : null);
            otherNode.commit();
        }

        Response response = second.get(60, TimeUnit.SECONDS);

        try {
            assertThat(response.status()).as(response.body()).isEqualTo(409);
            assertThat(response.json().get("detail").asString()).contains("is running");
            assertThat(jdbc.sql("SELECT requested_by FROM rule_pack_simulation WHERE pack = 'grading' AND version = :v")
                    .param("v", copy).query(String.class).single()).as("the other node's run is left alone").isEqualTo("other-node");
        } finally {
            jdbc.sql("DELETE FROM rule_pack_simulation WHERE pack = 'grading' AND version = :v").param("v", copy).update();
        }
    }
}
