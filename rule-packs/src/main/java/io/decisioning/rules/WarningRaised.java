package io.decisioning.rules;

import java.util.Objects;

/** Outcome: a warning rule raised this warning for the customer. At most one per type and customer. */
public record WarningRaised(String customerNo, WarningType type, Severity severity) {
    public WarningRaised {
        Objects.requireNonNull(customerNo, "customerNo");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(severity, "severity");
    }
}
