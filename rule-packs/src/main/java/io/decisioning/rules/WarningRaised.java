package io.decisioning.rules;

import java.util.Objects;

/**
 * Outcome: a warning rule raised this warning for the customer. At most one per type and customer.
 * The category is the type's, so that rules can read warnings by category:
 * {@code WarningRaised(customerNo == $p.customerNo, category == WarningCategory.RISK, severity == Severity.HIGH)}.
 */
public record WarningRaised(String customerNo, WarningType type, WarningCategory category, Severity severity) {

    public WarningRaised {
        Objects.requireNonNull(customerNo, "customerNo");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(severity, "severity");
        if (category != type.category()) {
            throw new IllegalArgumentException("a " + type + " warning is of category " + type.category() + ", not "
                    + category);
        }
    }

    /**
     * The warning with its type's category, as rules write it:
     * {@code new WarningRaised($p.customerNo(), WarningType.X, Severity.Y)}.
     */
    public WarningRaised(String customerNo, WarningType type, Severity severity) {
        this(customerNo, type, Objects.requireNonNull(type, "type").category(), severity);
    }
}
