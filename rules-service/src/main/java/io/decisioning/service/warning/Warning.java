package io.decisioning.service.warning;

import io.decisioning.rules.Severity;
import io.decisioning.rules.WarningCategory;
import io.decisioning.rules.WarningType;
import io.decisioning.rules.engine.Sentence;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A warning as stored and as the API shows it: the contract fields of DESIGN.md sections 5 and 9 first
 * (the category is the type's), then who acknowledged and resolved it, when, and why ({@code resolvedBy}
 * is "system" when a later evaluation no longer raised it). The message answers in the reader's language.
 */
record Warning(long id, String customerNo, WarningType type, WarningCategory category, Severity severity, Sentence message,
               WarningStatus status, Instant raisedAt,
               @Nullable String acknowledgedBy, @Nullable Instant acknowledgedAt, @Nullable String acknowledgeNote,
               @Nullable String resolvedBy, @Nullable Instant resolvedAt, @Nullable String resolveNote) {

    Warning {
        Objects.requireNonNull(customerNo, "customerNo");
        Objects.requireNonNull(type, "type");
        if (category != type.category()) {
            throw new IllegalArgumentException(type + " is a " + type.category() + " warning, not " + category);
        }
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(raisedAt, "raisedAt");
    }
}
