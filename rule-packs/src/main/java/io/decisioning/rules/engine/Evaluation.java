package io.decisioning.rules.engine;

import io.decisioning.rules.BlacklistHit;
import io.decisioning.rules.CustomerProfile;
import io.decisioning.rules.Decision;
import io.decisioning.rules.Entitlement;
import io.decisioning.rules.Grade;
import io.decisioning.rules.Tier;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything the rule packs decided about one customer. An evaluation is complete or it is not
 * produced at all: the engine throws {@link EvaluationException} rather than return a partial one.
 *
 * @param rulePacks  the version of each pack that took part, by pack name
 * @param nearMisses how near the customer came to other outcomes, in pipeline order: at most one per
 *                   pack with hit policy FIRST and kind of outcome (grade, tier, decision, each
 *                   warning type), e.g. "would be HIGH_QUALITY if claimFreeYears >= 3 (now 2)"; see
 *                   {@link NearMiss}
 * @param churnScore the CHURN scorecard's points, clamped to 0-100 (DESIGN.md section 11); null when no pack
 *                   that gives them ran for the customer (the CRM keeps no premium schedule)
 * @param entitlements the services the customer is entitled to (DESIGN.md section 12), each once, in the order of
 *                   {@link Entitlement}; empty when no pack grants any
 * @param complaints the time limit and state of each complaint of the party (DESIGN.md section 13), in the order of
 *                   the input's complaints; empty when it has none
 */
public record Evaluation(CustomerProfile profile, List<BlacklistHit> blacklistHits, Grade grade, Tier tier,
                         Decision decision, int valueScore, int riskScore, List<CustomerWarning> warnings,
                         List<Reason> reasons, Map<String, Integer> rulePacks, List<NearMiss> nearMisses,
                         Integer churnScore, List<Entitlement> entitlements, List<ComplaintClock> complaints) {

    /** An evaluation without complaints. */
    public Evaluation(CustomerProfile profile, List<BlacklistHit> blacklistHits, Grade grade, Tier tier,
                      Decision decision, int valueScore, int riskScore, List<CustomerWarning> warnings,
                      List<Reason> reasons, Map<String, Integer> rulePacks, List<NearMiss> nearMisses,
                      Integer churnScore, List<Entitlement> entitlements) {
        this(profile, blacklistHits, grade, tier, decision, valueScore, riskScore, warnings, reasons, rulePacks,
                nearMisses, churnScore, entitlements, List.of());
    }

    /** An evaluation without entitlements. */
    public Evaluation(CustomerProfile profile, List<BlacklistHit> blacklistHits, Grade grade, Tier tier,
                      Decision decision, int valueScore, int riskScore, List<CustomerWarning> warnings,
                      List<Reason> reasons, Map<String, Integer> rulePacks, List<NearMiss> nearMisses,
                      Integer churnScore) {
        this(profile, blacklistHits, grade, tier, decision, valueScore, riskScore, warnings, reasons, rulePacks,
                nearMisses, churnScore, List.of());
    }

    /** An evaluation without a churn score. */
    public Evaluation(CustomerProfile profile, List<BlacklistHit> blacklistHits, Grade grade, Tier tier,
                      Decision decision, int valueScore, int riskScore, List<CustomerWarning> warnings,
                      List<Reason> reasons, Map<String, Integer> rulePacks, List<NearMiss> nearMisses) {
        this(profile, blacklistHits, grade, tier, decision, valueScore, riskScore, warnings, reasons, rulePacks,
                nearMisses, null);
    }

    /** An evaluation without near misses (for evaluations made up outside the engine). */
    public Evaluation(CustomerProfile profile, List<BlacklistHit> blacklistHits, Grade grade, Tier tier,
                      Decision decision, int valueScore, int riskScore, List<CustomerWarning> warnings,
                      List<Reason> reasons, Map<String, Integer> rulePacks) {
        this(profile, blacklistHits, grade, tier, decision, valueScore, riskScore, warnings, reasons, rulePacks, List.of());
    }

    public Evaluation {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(grade, "grade");
        Objects.requireNonNull(tier, "tier");
        Objects.requireNonNull(decision, "decision");
        if (valueScore < 0 || valueScore > 100 || riskScore < 0 || riskScore > 100
                || churnScore != null && (churnScore < 0 || churnScore > 100)) {
            throw new IllegalArgumentException("scores are 0-100");
        }
        blacklistHits = List.copyOf(blacklistHits);
        warnings = List.copyOf(warnings);
        reasons = List.copyOf(reasons);
        rulePacks = Map.copyOf(rulePacks);
        nearMisses = List.copyOf(nearMisses);
        entitlements = List.copyOf(entitlements);
        complaints = List.copyOf(complaints);
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
