package io.decisioning.service.assessment;

import io.decisioning.rules.Grade;
import io.decisioning.rules.Tier;
import io.decisioning.rules.engine.CustomerWarning;
import io.decisioning.rules.engine.Evaluation;
import io.decisioning.rules.engine.NearMiss;
import io.decisioning.rules.engine.Reason;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A customer's assessment as the API shows it (DESIGN.md section 5, contract), with one field the
 * contract does not name, {@code nearMisses}: how near the customer came to another outcome ("would
 * be HIGH_QUALITY if claimFreeYears >= 3 (now 2)"), empty when no threshold rule was near; null
 * where they were not kept: history rows, and current assessments stored before they were.
 */
public record Assessment(String customerNo, Grade grade, Tier tier, boolean vip, int valueScore, int riskScore,
                         boolean blacklisted, List<CustomerWarning> warnings, Features profile, List<Reason> reasons,
                         Map<String, Integer> rulePacks, Instant evaluatedAt, Trigger trigger,
                         @Nullable List<NearMiss> nearMisses) {

    public Assessment {
        nearMisses = nearMisses == null ? null : List.copyOf(nearMisses);
    }

    /** The assessment an evaluation gives, as stored at {@code evaluatedAt}. */
    static Assessment of(Evaluation e, Trigger trigger, Instant evaluatedAt) {
        return new Assessment(e.customerNo(), e.grade(), e.tier(), e.vip(), e.valueScore(), e.riskScore(),
                e.blacklisted(), e.warnings(), Features.of(e.profile()), e.reasons(), e.rulePacks(), evaluatedAt,
                trigger, e.nearMisses());
    }
}
