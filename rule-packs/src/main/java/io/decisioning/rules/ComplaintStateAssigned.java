package io.decisioning.rules;

import java.util.Objects;

/**
 * Outcome: where one complaint stands against its time limit (DESIGN.md section 13), as
 * {@code insert(new ComplaintStateAssigned($c, ComplaintState.OVERDUE));}. A complaint has at most one state.
 */
public record ComplaintStateAssigned(Complaint complaint, ComplaintState state) {
    public ComplaintStateAssigned {
        Objects.requireNonNull(complaint, "complaint");
        Objects.requireNonNull(state, "state");
    }

    public String customerNo() {
        return complaint.customerNo();
    }

    public String complaintNo() {
        return complaint.complaintNo();
    }
}
