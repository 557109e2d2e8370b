package io.decisioning.rules;

import java.util.Objects;

/** Outcome: a tiering rule put the customer in this service tier. Exactly one per customer. */
public record TierAssigned(String customerNo, Tier tier) {
    public TierAssigned {
        Objects.requireNonNull(customerNo, "customerNo");
        Objects.requireNonNull(tier, "tier");
    }
}
