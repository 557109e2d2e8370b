package io.decisioning.rules;

import java.util.List;
import java.util.Objects;

/**
 * A blacklist entry that matches a customer or applicant. The matching is done by indexed SQL on
 * normalized keys before the rules run; what a hit means is decided by the rules.
 */
public record BlacklistHit(String customerNo, long entryId, MatchStrength strength, List<MatchField> matchedOn,
                           String reasonCode) {

    public BlacklistHit {
        Objects.requireNonNull(customerNo, "customerNo");
        Objects.requireNonNull(strength, "strength");
        Objects.requireNonNull(reasonCode, "reasonCode");
        matchedOn = List.copyOf(matchedOn);
        if (matchedOn.isEmpty()) {
            throw new IllegalArgumentException("a hit matches on at least one field");
        }
    }
}
