package io.decisioning.rules.engine;

import io.decisioning.rules.BlacklistHit;
import io.decisioning.rules.CustomerProfile;
import java.util.List;
import java.util.Objects;

/** The facts about one customer handed to the rules. */
public record EvaluationInput(CustomerProfile profile, List<BlacklistHit> blacklistHits) {
    public EvaluationInput {
        Objects.requireNonNull(profile, "profile");
        blacklistHits = List.copyOf(blacklistHits);
        for (BlacklistHit hit : blacklistHits) {
            if (!hit.customerNo().equals(profile.customerNo())) {
                throw new IllegalArgumentException("hit for " + hit.customerNo() + " given with " + profile.customerNo());
            }
        }
    }
}
