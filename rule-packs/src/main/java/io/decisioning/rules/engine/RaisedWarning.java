package io.decisioning.rules.engine;

import io.decisioning.rules.Severity;
import io.decisioning.rules.WarningType;
import java.util.Objects;

/** A warning that the rules raise for a customer, with the sentence that explains it. */
public record RaisedWarning(WarningType type, Severity severity, String message) {
    public RaisedWarning {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(message, "message");
    }
}
