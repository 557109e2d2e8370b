package io.decisioning.service.warning;

import io.decisioning.rules.Severity;
import io.decisioning.rules.WarningType;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A warning as stored and as the API shows it: the contract fields of DESIGN.md section 5 first,
 * then who acknowledged and resolved it, when, and why ({@code resolvedBy} is "system" when a
 * later evaluation no longer raised it).
 */
record Warning(long id, String customerNo, WarningType type, Severity severity, String message, WarningStatus status,
               Instant raisedAt,
               @Nullable String acknowledgedBy, @Nullable Instant acknowledgedAt, @Nullable String acknowledgeNote,
               @Nullable String resolvedBy, @Nullable Instant resolvedAt, @Nullable String resolveNote) {

    Warning {
        Objects.requireNonNull(customerNo, "customerNo");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(raisedAt, "raisedAt");
    }
}
