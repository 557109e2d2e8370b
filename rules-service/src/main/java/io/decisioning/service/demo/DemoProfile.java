package io.decisioning.service.demo;

/** What a generated demo customer is meant to look like to the default rules (DESIGN.md section 4). */
enum DemoProfile {
    /** Ordinary policies, occasional claims at least 31 days after a policy starts. */
    STANDARD,
    /** About 0.5%: in-force premium of at least 500,000 (KEY_ACCOUNT). */
    KEY_ACCOUNT,
    /** About 8%: tenure of 3+ years and no claim for 3+ years (HIGH_QUALITY). */
    VETERAN,
    /** About 2%: 3 to 6 claims in the last 12 months (REPEAT_CLAIMANT, POOR_QUALITY). */
    REPEAT_CLAIMANT,
    /** About 3%: paid in the last 3 years 1.0 to 2.5 times the premium (HIGH_LOSS_RATIO, POOR_QUALITY). */
    HIGH_LOSS_RATIO,
    /** About 2%: a claim within 30 days after the in-force policy started (EARLY_CLAIM). */
    EARLY_CLAIM,
    /** A handful of otherwise standard customers that the demo blacklist entries match. */
    BLACKLIST_MATCH
}
