package io.decisioning.service.assessment;

import io.decisioning.rules.Entitlement;
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
 *
 * <p>{@code churnScore} (DESIGN.md section 11) is the retention pack's, null while the CRM keeps no premium
 * schedule.
 *
 * <p>{@code partyNo}, {@code partyRecords} and {@code primaryCustomerNo} (DESIGN.md section 10) say which
 * party the customer's outcome is of; null in history rows (a party is today's, not the past's).
 *
 * <p>{@code entitlements} (DESIGN.md section 12): the services the customer's tier comes with, as the {@code service}
 * pack grants them; empty for assessments stored before they existed.
 */
public record Assessment(String customerNo, Grade grade, Tier tier, boolean vip, int valueScore, int riskScore,
                         @Nullable Integer churnScore, boolean blacklisted, List<CustomerWarning> warnings, Features profile, List<Reason> reasons,
                         Map<String, Integer> rulePacks, Instant evaluatedAt, Trigger trigger,
                         @Nullable List<NearMiss> nearMisses, @Nullable Long partyNo, @Nullable Integer partyRecords,
                         @Nullable String primaryCustomerNo, List<Entitlement> entitlements) {

    public Assessment {
        nearMisses = nearMisses == null ? null : List.copyOf(nearMisses);
        entitlements = List.copyOf(entitlements);
    }

    /** The assessment an evaluation of this subject gives, as stored at {@code evaluatedAt}. */
    static Assessment of(Subject subject, Evaluation e, Trigger trigger, Instant evaluatedAt) {
        Party party = subject.party();
        return new Assessment(e.customerNo(), e.grade(), e.tier(), e.vip(), e.valueScore(), e.riskScore(),
                e.churnScore(), e.blacklisted(), e.warnings(), Features.of(e.profile()), e.reasons(), e.rulePacks(), evaluatedAt,
                trigger, e.nearMisses(), party == null ? null : party.partyNo(), party == null ? 1 : party.records(),
                party == null ? subject.customerNo() : party.primaryCustomerNo(), e.entitlements());
    }
}
