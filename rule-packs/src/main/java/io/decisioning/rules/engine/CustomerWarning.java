package io.decisioning.rules.engine;

import io.decisioning.rules.Severity;
import io.decisioning.rules.WarningCategory;
import io.decisioning.rules.WarningType;
import java.util.Objects;

/**
 * A warning an evaluation keeps for a customer, with the sentence that explains it (the rule's reason).
 * Not to be confused with {@link io.decisioning.rules.WarningRaised}, the outcome rules insert.
 *
 * @param category the type's category; null is taken as the type's (warnings stored before categories
 *                 existed have none), any other category is refused
 */
public record CustomerWarning(WarningType type, WarningCategory category, Severity severity, Sentence message) {

    public CustomerWarning {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(message, "message");
        if (category == null) {
            category = type.category();
        } else if (category != type.category()) {
            throw new IllegalArgumentException("a " + type + " warning is of category " + type.category() + ", not "
                    + category);
        }
    }

    /** The warning with its type's category. */
    public CustomerWarning(WarningType type, Severity severity, Sentence message) {
        this(type, null, severity, message);
    }
}
