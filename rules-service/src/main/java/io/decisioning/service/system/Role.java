package io.decisioning.service.system;

/** The roles of DESIGN.md section 6, the account manager of section 12, and the systems that feed or watch the service. */
public enum Role {
    /** Pre-bind checks; reads assessments and warnings. */
    UNDERWRITER,
    /** Rule pack drafts, tests and simulations; reads everything. */
    ANALYST,
    /** Publishes and rolls back packs, manages the blacklist and warnings. */
    APPROVER,
    /** Everything, including batch runs. */
    ADMIN,
    /** Reads the audit trail. */
    AUDITOR,
    /**
     * A system that feeds the service (the CRM posting events and contacts, DESIGN.md section 12): may post
     * events and contacts and read them, nothing else. Not one of DESIGN.md's people roles; an addition so that the CRM need
     * not hold ADMIN credentials.
     */
    INTEGRATION,
    /**
     * An account manager (DESIGN.md section 12): a user whose username is a manager's code, as the CRM keeps it
     * in {@code customer.account_manager}. Sees, within their branch scope, only what is about the customers they
     * manage: their book, their customers' contacts (which they log), their items of the monthly due lists (on which
     * they give feedback).
     */
    ACCOUNT_MANAGER,
    /**
     * A monitoring system (Prometheus, DESIGN.md section 14) that scrapes {@code /actuator/prometheus}: may read the
     * metrics, nothing else, so that the scraper need not hold an administrator's password. Not one of DESIGN.md's
     * people roles.
     */
    METRICS
}
