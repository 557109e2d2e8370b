package io.decisioning.rules;

/** Where the CRM's case of a complaint stands (DESIGN.md section 13). */
public enum ComplaintStatus {
    /** Received and not decided yet: its time limit is running. */
    OPEN,
    /** Decided (answered) on its decision date. */
    DECIDED,
    /** Decided and closed after the customer's feedback. */
    CLOSED,
    /** Withdrawn by the complainant before a decision: no time limit applies any more. */
    WITHDRAWN
}
