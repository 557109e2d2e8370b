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
import io.decisioning.rules.Entitlement;
import org.jspecify.annotations.Nullable;

/**
 * The answer to a pre-bind check (DESIGN.md section 5, contract). Grade, tier and vip are null only
 * when the evaluation failed, in which case the decision is REFER. One field beyond the contract,
 * {@code nearMisses}: how near the applicant came to another outcome ("would be ACCEPT if
 * claims12m <= 3 (now 4)"), the underwriter's first question about a REFER.
 *
 * <p>{@code churnScore} (DESIGN.md section 11): the retention pack's churn score, null for a new applicant, while
 * the CRM keeps no premium schedule, and when the evaluation failed.
 *
 * <p>The customer's party (DESIGN.md section 10): {@code partyNo}, {@code partyRecords} and
 * {@code primaryCustomerNo} (null for a new applicant and when the evaluation failed; the primary's number
 * also when the user may not see it), and for an applicant found among the customers {@code matchedRecords},
 * the records that carry the applicant's identity (those the user may see), null otherwise.
 *
 * <p>{@code entitlements} (DESIGN.md section 12): the services the tier comes with (a claims or service desk reads
 * the green channel here); empty when the evaluation failed.
 */
record PreBindResult(String checkId, Decision decision, @Nullable String customerNo, @Nullable Grade grade,
                     @Nullable Tier tier, @Nullable Boolean vip, @Nullable Integer churnScore,
                     List<CustomerWarning> warnings,
                     List<Hit> blacklistHits, List<Reason> reasons, Map<String, Integer> rulePacks,
                     Instant evaluatedAt, List<NearMiss> nearMisses, @Nullable Long partyNo,
                     @Nullable Integer partyRecords, @Nullable String primaryCustomerNo,
                     @Nullable List<String> matchedRecords, List<Entitlement> entitlements) {

    /** A customer's party as the answer shows it. */
    record PartyInfo(@Nullable Long partyNo, int records, @Nullable String primaryCustomerNo) {
    }

    record Hit(long entryId, MatchStrength strength, List<MatchField> matchedOn, String reasonCode) {
        static Hit of(BlacklistHit hit) {
            return new Hit(hit.entryId(), hit.strength(), hit.matchedOn(), hit.reasonCode());
        }
    }
}
