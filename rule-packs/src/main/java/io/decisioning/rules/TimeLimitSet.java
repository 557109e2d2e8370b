package io.decisioning.rules;

import java.util.Objects;

/**
 * Outcome: the time limit of one complaint, in calendar days from the day it was received (DESIGN.md section 13), as
 * {@code insert(new TimeLimitSet($c, 15));}. Compliance keeps the limits in the {@code complaints} pack's table; a
 * complaint has at most one.
 */
public record TimeLimitSet(Complaint complaint, int days) {
    public TimeLimitSet {
        Objects.requireNonNull(complaint, "complaint");
        if (days < 0) {
            throw new IllegalArgumentException("a time limit of complaint " + complaint.complaintNo() + " is 0 days or more");
        }
    }

    public String customerNo() {
        return complaint.customerNo();
    }

    public String complaintNo() {
        return complaint.complaintNo();
    }
}
