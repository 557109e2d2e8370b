package io.decisioning.rules;

/**
 * What a warning is about. Only {@link #RISK} warnings restrict a customer or refer a policy (in the
 * default packs: the tier, the pre-bind decision and the risk scorecard); the others are work for
 * people, never a reason to say no.
 */
public enum WarningCategory {
    /** About the risk the insurer takes: claims, losses, the blacklist. */
    RISK,
    /** About the quality of the CRM's data, such as a customer recorded twice. */
    DATA,
    /** About keeping the customer: premiums due, lapses, renewals. */
    RETENTION,
    /** About the service the customer is owed: account managers, visits, complaints. */
    SERVICE
}
