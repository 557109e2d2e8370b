package io.decisioning.service.check;

import io.decisioning.rules.BlacklistHit;
import io.decisioning.rules.Decision;
import io.decisioning.rules.Grade;
import io.decisioning.rules.MatchField;
import io.decisioning.rules.MatchStrength;
import io.decisioning.rules.Tier;
import io.decisioning.rules.engine.CustomerWarning;
import io.decisioning.rules.engine.NearMiss;
import io.decisioning.rules.engine.Reason;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The answer to a pre-bind check (DESIGN.md section 5, contract). Grade, tier and vip are null only
 * when the evaluation failed, in which case the decision is REFER. One field beyond the contract,
 * {@code nearMisses}: how near the applicant came to another outcome ("would be ACCEPT if
 * claims12m <= 3 (now 4)"), the underwriter's first question about a REFER.
 */
record PreBindResult(String checkId, Decision decision, @Nullable String customerNo, @Nullable Grade grade,
                     @Nullable Tier tier, @Nullable Boolean vip, List<CustomerWarning> warnings,
                     List<Hit> blacklistHits, List<Reason> reasons, Map<String, Integer> rulePacks,
                     Instant evaluatedAt, List<NearMiss> nearMisses) {

    /** The same answer without naming the customer, for a user outside the customer's branch. */
    PreBindResult withoutCustomerNo() {
        return new PreBindResult(checkId, decision, null, grade, tier, vip, warnings, blacklistHits, reasons, rulePacks,
                evaluatedAt, nearMisses);
    }

    record Hit(long entryId, MatchStrength strength, List<MatchField> matchedOn, String reasonCode) {
        static Hit of(BlacklistHit hit) {
            return new Hit(hit.entryId(), hit.strength(), hit.matchedOn(), hit.reasonCode());
        }
    }
}
