package io.decisioning.service.system;

import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A value read from the database for gauges (DESIGN.md section 14), kept for a while: a scrape by every Prometheus of a
 * cluster, or several gauges of one reading, cost one query per {@code maxAgeNanos}. A failed read gives null (the
 * gauges then show NaN) and is logged, never thrown into the scrape.
 */
public final class CachedReading<T> {

    private static final Logger log = LoggerFactory.getLogger(CachedReading.class);

    private final Supplier<T> read;
    private final long maxAgeNanos;
    private @Nullable T value;
    private long readAt;

    public CachedReading(Supplier<T> read, java.time.Duration maxAge) {
        this.read = read;
        this.maxAgeNanos = maxAge.toNanos();
    }

    /** The reading, read again when older than the maximum age; null when it could not be read. */
    public synchronized @Nullable T get() {
        long now = System.nanoTime();
        if (value == null || now - readAt > maxAgeNanos) {
            try {
                value = read.get();
            } catch (RuntimeException e) {
                log.warn("Could not read a gauge's value: {}", e.toString());
                value = null;
            }
            readAt = now;
        }
        return value;
    }
}
