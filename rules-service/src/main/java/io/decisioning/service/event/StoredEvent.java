package io.decisioning.service.event;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * An event as the service holds it: where it came from and how its processing went.
 *
 * @param attempts  processing attempts so far
 * @param lastError why the last attempt failed (kept after a later success)
 */
public record StoredEvent(long id, String eventId, String type, String customerNo, Instant occurredAt, String source,
                          Instant receivedAt, EventStatus status, int attempts, Instant nextAttemptAt,
                          @Nullable Instant processedAt, @Nullable String lastError) {
}
