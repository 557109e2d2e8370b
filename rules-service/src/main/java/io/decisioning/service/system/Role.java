package io.decisioning.service.system;

/** The roles of DESIGN.md section 6. */
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
     * A system that feeds the service (the CRM posting events): may post events and read their
     * status, nothing else. Not one of DESIGN.md's people roles; an addition so that the CRM need
     * not hold ADMIN credentials.
     */
    INTEGRATION
}
