package io.decisioning.service.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.decisioning.service.ApiClient;
import io.decisioning.service.ApiClient.Response;
import io.decisioning.service.Await;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Watching the service (DESIGN.md section 14): {@code /actuator/prometheus} for the scraper's role (METRICS) without an
 * administrator's password and for nobody else, the gauges an operator alerts on (parked and waiting events, the last
 * run's age and outcome) agreeing with the database, and {@code /actuator/info} naming the build and its commit.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class MonitoringTests {

    private static final String PARKED_EVENT = "monitoring-test-parked";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MeterRegistry metrics;

    ApiClient api;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
    }

    @AfterEach
    void removeTheParkedEvent() {
        jdbc.sql("DELETE FROM event_inbox WHERE event_id = :id").param("id", PARKED_EVENT).update();
    }

    @Test
    void theScraperReadsThePrometheusMetricsAndNothingElse() {
        // a request answered before the scrape, so that the HTTP timer exists in a context this test starts alone
        assertThat(api.get("/api/v1/me", "prometheus").status()).isEqualTo(200);
        Response scrape = api.get("/actuator/prometheus", "prometheus");

        assertThat(scrape.status()).as(scrape.body()).isEqualTo(200);
        assertThat(scrape.contentType()).startsWith("text/plain");
        assertThat(scrape.body()).contains("decisioning_events_parked ", "decisioning_events_waiting{place=\"inbox\"}",
                "decisioning_events_waiting{place=\"crm_event\"}", "decisioning_batch_last_age_seconds ",
                "decisioning_batch_last_succeeded ", "decisioning_batch_running ",
                "decisioning_housekeeping_deleted_total{table=\"audit_event\"}", "http_server_requests_seconds_count",
                "hikaricp_connections_active", "jvm_memory_used_bytes");
        assertThat(api.get("/actuator/prometheus", "admin").status()).isEqualTo(200);
        assertThat(api.get("/actuator/metrics/decisioning.events.parked", "prometheus").status()).isEqualTo(200);
        for (String user : List.of("underwriter", "analyst", "auditor", "crm")) {
            assertThat(api.get("/actuator/prometheus", user).status()).as(user).isEqualTo(403);
        }
        assertThat(api.get("/actuator/prometheus", null).status()).isEqualTo(401);
        assertThat(api.get("/actuator/env", "prometheus").status()).isEqualTo(403);
        assertThat(api.get("/api/v1/customers", "prometheus").status()).isEqualTo(403);
        assertThat(api.get("/api/v1/audit", "prometheus").status()).isEqualTo(403);
    }

    @Test
    void theEventGaugesCountTheParkedAndWaitingEventsOfTheDatabase() {
        LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC);
        jdbc.sql("""
                        INSERT INTO event_inbox (event_id, type, customer_no, occurred_at, source, received_at, status,
                               attempts, next_attempt_at, last_error)
                        VALUES (:id, 'CLAIM_REPORTED', 'MONITORING-TEST', :now, 'API', :now, 'PARKED', 5, :now, 'test')""")
                .param("id", PARKED_EVENT).param("now", now).update();

        // the gauges read the database at most every 10 seconds
        Await.until(Duration.ofSeconds(40), () -> gauge("decisioning.events.parked") == parkedInTheDatabase());
        assertThat(gauge("decisioning.events.parked")).isGreaterThanOrEqualTo(1);
        assertThat(metrics.get("decisioning.events.waiting").tag("place", "inbox").gauge().value()).isNotNaN();
        assertThat(metrics.get("decisioning.events.waiting").tag("place", "crm_event").gauge().value()).isNotNaN();
    }

    @Test
    void theRunGaugesTellTheLastFinishedRunsOutcomeAndAge() {
        List<String> last = jdbc.sql("""
                        SELECT status FROM batch_run WHERE finished_at IS NOT NULL ORDER BY id DESC LIMIT 1""")
                .query(String.class).list();
        double succeeded = gauge("decisioning.batch.last.succeeded");
        double age = gauge("decisioning.batch.last.age");

        if (last.isEmpty()) {
            assertThat(succeeded).isNaN();
            assertThat(age).isNaN();
        } else {
            assertThat(succeeded).isEqualTo(last.get(0).equals("SUCCEEDED") ? 1.0 : 0.0);
            assertThat(age).isGreaterThanOrEqualTo(0).isLessThan(Duration.ofDays(3650).toSeconds());
        }
        assertThat(gauge("decisioning.batch.running")).isIn(0.0, 1.0);
    }

    @Test
    void infoNamesTheBuildAndTheCommitWithoutSigningIn() {
        Response info = api.get("/actuator/info", null);

        assertThat(info.status()).isEqualTo(200);
        assertThat(info.json().at("/build/version").asString()).isNotBlank();
        assertThat(info.json().at("/build/artifact").asString()).isEqualTo("rules-service");
        assertThat(info.json().at("/git/commit/id").asString()).matches("[0-9a-f]{7,40}");
    }

    private double gauge(String name) {
        return metrics.get(name).gauge().value();
    }

    private double parkedInTheDatabase() {
        return jdbc.sql("SELECT COUNT(*) FROM event_inbox WHERE status = 'PARKED'").query(Long.class).single();
    }
}
