package io.decisioning.rules;

/**
 * The services a customer is entitled to (DESIGN.md sections 1 and 12), granted by the {@code service} pack's
 * tier x service table as {@link EntitlementGranted} outcomes. Claims and service desks read them from
 * assessments and pre-bind answers: whether to open the green channel, send a fast on-site surveyor, refer a
 * claim for manual review.
 */
public enum Entitlement {
    /** One named account manager looks after the customer (DESIGN.md section 12). */
    DEDICATED_MANAGER,
    /** A surveyor on site fast after a reported loss. */
    FAST_ONSITE_SURVEY,
    /** Claims handled in the green channel: fewer documents, priority settlement. */
    GREEN_CHANNEL_CLAIMS,
    /** Reminders before a policy is due for renewal. */
    RENEWAL_REMINDER,
    /** A yearly review of the customer's risks and cover. */
    ANNUAL_RISK_REVIEW,
    /** Small claims settled on simplified documents. */
    FAST_SMALL_CLAIMS,
    /** New business and claims go to a person for review first. */
    MANUAL_REVIEW
}
