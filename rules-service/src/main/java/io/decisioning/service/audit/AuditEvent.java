package io.decisioning.service.audit;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * One record of the audit trail as the API shows it.
 *
 * @param detail what changed and the outcome, as the JSON object it was recorded as
 */
record AuditEvent(long id, Instant occurredAt, String actor, String action, String targetType, String targetId,
                  @Nullable JsonNode detail) {

    AuditEvent {
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(targetType, "targetType");
        Objects.requireNonNull(targetId, "targetId");
    }
}
