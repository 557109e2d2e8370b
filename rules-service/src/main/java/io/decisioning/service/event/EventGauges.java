package io.decisioning.service.event;

import io.decisioning.service.system.CachedReading;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.function.ToLongFunction;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Gauges of the events (DESIGN.md section 14), for alerts: {@code decisioning.events.parked} (events that used up
 * their attempts and wait for a person), {@code decisioning.events.waiting} with tag {@code place}: {@code inbox}
 * (accepted, not yet processed) and {@code crm_event} (in the CRM's outbox, not yet taken). Read through the indexes
 * on status and on {@code consumed_at}, at most every 10 seconds, however many scrape.
 */
@Component
class EventGauges {

    private final JdbcClient jdbc;
    private final CachedReading<Counts> counts = new CachedReading<>(this::read, Duration.ofSeconds(10));

    EventGauges(JdbcClient jdbc, MeterRegistry registry) {
        this.jdbc = jdbc;
        gauge(registry, "decisioning.events.parked", "Events that used up their attempts and wait for a person", null,
                Counts::parked);
        gauge(registry, "decisioning.events.waiting", "Events accepted and not yet processed", "inbox", Counts::waiting);
        gauge(registry, "decisioning.events.waiting", "Events in the CRM's outbox not yet taken", "crm_event",
                Counts::outbox);
    }

    private void gauge(MeterRegistry registry, String name, String description, @Nullable String place, ToLongFunction<Counts> of) {
        Gauge.Builder<EventGauges> builder = Gauge.builder(name, this, g -> {
            Counts c = g.counts.get();
            return c == null ? Double.NaN : of.applyAsLong(c);
        }).description(description);
        if (place != null) {
            builder.tag("place", place);
        }
        builder.register(registry);
    }

    private Counts read() {
        return jdbc.sql("""
                        SELECT (SELECT COUNT(*) FROM event_inbox WHERE status = 'PARKED'),
                               (SELECT COUNT(*) FROM event_inbox WHERE status IN ('PENDING', 'PROCESSING')),
                               (SELECT COUNT(*) FROM crm_event WHERE consumed_at IS NULL)""")
                .query((rs, i) -> new Counts(rs.getLong(1), rs.getLong(2), rs.getLong(3)))
                .single();
    }

    private record Counts(long parked, long waiting, long outbox) {
    }
}
