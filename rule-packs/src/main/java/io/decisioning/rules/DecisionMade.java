package io.decisioning.rules;

import java.util.Objects;

/** Outcome: the pre-bind decision for the customer. Exactly one per customer. */
public record DecisionMade(String customerNo, Decision decision) {
    public DecisionMade {
        Objects.requireNonNull(customerNo, "customerNo");
        Objects.requireNonNull(decision, "decision");
    }
}
