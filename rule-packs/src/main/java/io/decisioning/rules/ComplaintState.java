package io.decisioning.rules;

/**
 * Where a complaint stands against its time limit (DESIGN.md section 13), as the {@code complaints} pack's rules decide
 * it ({@link ComplaintStateAssigned}).
 */
public enum ComplaintState {
    /** Open, more than 3 days left. */
    ON_TRACK,
    /** Open, 3 days or fewer left (the deadline day included). */
    AT_RISK,
    /** Open past its deadline. */
    OVERDUE,
    /** Decided on or before its deadline. */
    MET,
    /** Decided after its deadline. */
    MISSED;

    /** Whether the complaint is still open (its clock is running). */
    public boolean open() {
        return this == ON_TRACK || this == AT_RISK || this == OVERDUE;
    }
}
