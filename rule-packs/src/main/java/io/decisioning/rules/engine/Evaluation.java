package io.decisioning.rules.engine;

import io.decisioning.rules.BlacklistHit;
import io.decisioning.rules.CustomerProfile;
import io.decisioning.rules.Decision;
import io.decisioning.rules.Grade;
import io.decisioning.rules.Tier;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything the rule packs decided about one customer. An evaluation is complete or it is not
 * produced at all: the engine throws {@link EvaluationException} rather than return a partial one.
 *
 * @param rulePacks the version of each pack that took part, by pack name
 */
public record Evaluation(CustomerProfile profile, List<BlacklistHit> blacklistHits, Grade grade, Tier tier,
                         Decision decision, int valueScore, int riskScore, List<RaisedWarning> warnings,
                         List<Reason> reasons, Map<String, Integer> rulePacks) {

    public Evaluation {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(grade, "grade");
        Objects.requireNonNull(tier, "tier");
        Objects.requireNonNull(decision, "decision");
        if (valueScore < 0 || valueScore > 100 || riskScore < 0 || riskScore > 100) {
            throw new IllegalArgumentException("scores are 0-100");
        }
        blacklistHits = List.copyOf(blacklistHits);
        warnings = List.copyOf(warnings);
        reasons = List.copyOf(reasons);
        rulePacks = Map.copyOf(rulePacks);
    }

    public String customerNo() {
        return profile.customerNo();
    }

    public boolean vip() {
        return tier.vip();
    }

    public boolean blacklisted() {
        return !blacklistHits.isEmpty();
    }
}
