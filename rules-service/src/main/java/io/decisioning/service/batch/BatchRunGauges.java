package io.decisioning.service.batch;

import io.decisioning.service.system.CachedReading;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.function.ToDoubleFunction;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Gauges of the runs over the book (DESIGN.md section 14), for alerts: {@code decisioning.batch.last.age} (seconds
 * since the last run finished, nightly or started by a person: how old the book's grading is),
 * {@code decisioning.batch.last.succeeded} (1 when that run succeeded, 0 when it failed) and
 * {@code decisioning.batch.running} (1 while a run is running). NaN before any run finished. Read at most every 10
 * seconds.
 */
@Component
class BatchRunGauges {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final CachedReading<Runs> runs = new CachedReading<>(this::read, Duration.ofSeconds(10));

    BatchRunGauges(JdbcClient jdbc, Clock clock, MeterRegistry registry) {
        this.jdbc = jdbc;
        this.clock = clock;
        Gauge.builder("decisioning.batch.last.age", this, BatchRunGauges::lastAgeSeconds).baseUnit("seconds")
                .description("Seconds since the last run over the book finished").register(registry);
        Gauge.builder("decisioning.batch.last.succeeded", this, g -> g.last(r -> r.succeeded() ? 1 : 0))
                .description("1 when the last run over the book succeeded, 0 when it failed").register(registry);
        Gauge.builder("decisioning.batch.running", this, g -> {
            Runs r = g.runs.get();
            return r == null ? Double.NaN : r.running() ? 1 : 0;
        }).description("1 while a run over the book is running").register(registry);
    }

    private double lastAgeSeconds() {
        return last(r -> Duration.between(r.finishedAt().toInstant(ZoneOffset.UTC), clock.instant()).toMillis() / 1000.0);
    }

    private double last(ToDoubleFunction<Runs> of) {
        Runs r = runs.get();
        return r == null || r.finishedAt() == null ? Double.NaN : of.applyAsDouble(r);
    }

    private Runs read() {
        return jdbc.sql("""
                        SELECT (SELECT EXISTS (SELECT 1 FROM batch_run WHERE status = 'RUNNING')),
                               f.status, f.finished_at
                          FROM (SELECT 1) one
                          LEFT JOIN (SELECT status, finished_at FROM batch_run WHERE finished_at IS NOT NULL
                                      ORDER BY id DESC LIMIT 1) f ON 1 = 1""")
                .query((rs, i) -> new Runs(rs.getBoolean(1), RunStatus.SUCCEEDED.name().equals(rs.getString(2)),
                        rs.getObject(3, LocalDateTime.class)))
                .single();
    }

    private record Runs(boolean running, boolean succeeded, @Nullable LocalDateTime finishedAt) {
    }
}
