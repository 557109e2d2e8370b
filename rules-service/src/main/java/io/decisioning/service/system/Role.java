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
    AUDITOR
}
