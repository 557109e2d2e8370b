package io.decisioning.rules;

import static io.decisioning.rules.WarningCategory.DATA;
import static io.decisioning.rules.WarningCategory.RETENTION;
import static io.decisioning.rules.WarningCategory.RISK;
import static io.decisioning.rules.WarningCategory.SERVICE;

/** The kinds of warning rules raise, each of one {@link WarningCategory} (DESIGN.md section 9). */
public enum WarningType {
    REPEAT_CLAIMANT(RISK),
    HIGH_LOSS_RATIO(RISK),
    EARLY_CLAIM(RISK),
    BLACKLISTED(RISK),
    POSSIBLE_DUPLICATE(DATA),
    PREMIUM_OVERDUE(RETENTION),
    POLICY_SUSPENDED(RETENTION),
    LAPSE_RISK(RETENTION),
    RENEWAL_DUE(RETENTION),
    NO_ACCOUNT_MANAGER(SERVICE),
    VISIT_OVERDUE(SERVICE),
    CARE_DUE(SERVICE),
    OWNERSHIP_CONFLICT(SERVICE),
    COMPLAINT_DEADLINE_NEAR(SERVICE),
    COMPLAINT_OVERDUE(SERVICE),
    VIP_COMPLAINT(SERVICE),
    REPEAT_COMPLAINANT(SERVICE),
    REGULATOR_COMPLAINT(SERVICE);

    private final WarningCategory category;

    WarningType(WarningCategory category) {
        this.category = category;
    }

    public WarningCategory category() {
        return category;
    }
}
