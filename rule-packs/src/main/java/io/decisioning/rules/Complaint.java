package io.decisioning.rules;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One complaint of the customer's party (DESIGN.md section 13), as of the evaluation date D: a fact of its own, so
 * that rules reason over each complaint. The CRM or call centre keeps the case; the rules decide its time limit
 * ({@link TimeLimitSet}) and its state ({@link ComplaintStateAssigned}).
 *
 * @param customerNo        the customer being evaluated (for a complaint of another record of the party too, so that
 *                          facts of one customer join by it); null for a complaint without a customer
 * @param complaintNo       the CRM's complaint number
 * @param channel           how it came in; null when the CRM's value is none the service knows (then it is unclassified)
 * @param category          what it is about; null until classified
 * @param complexity        SIMPLE, COMPLEX or EXTENDED; null when the CRM's value is none the service knows (then no
 *                          time limit applies and the complaint is reported as unclassified)
 * @param receivedDate      the day it was received (in the service's zone)
 * @param status            OPEN, DECIDED, CLOSED or WITHDRAWN
 * @param decidedDate       the day it was decided; null while open or when the CRM has none
 * @param daysSinceReceived calendar days from the day received to D: 0 on the day received
 * @param daysToDecision    calendar days from the day received to the day decided; null when not decided
 */
public record Complaint(String customerNo, String complaintNo, ComplaintChannel channel, ComplaintCategory category,
                        ComplaintComplexity complexity, LocalDate receivedDate, ComplaintStatus status,
                        LocalDate decidedDate, int daysSinceReceived, Integer daysToDecision) {

    public Complaint {
        Objects.requireNonNull(complaintNo, "complaintNo");
        Objects.requireNonNull(receivedDate, "receivedDate");
        Objects.requireNonNull(status, "status");
        if (daysSinceReceived < 0 || daysToDecision != null && daysToDecision < 0) {
            throw new IllegalArgumentException("complaint " + complaintNo + " counts days from the day it was received");
        }
        if ((daysToDecision == null) != (decidedDate == null)) {
            throw new IllegalArgumentException("complaint " + complaintNo + ": daysToDecision comes with decidedDate");
        }
    }

    /**
     * A complaint as of {@code d}, its day counts worked out from its dates: a decision dated before the day received
     * counts as on that day.
     */
    public static Complaint of(String customerNo, String complaintNo, ComplaintChannel channel, ComplaintCategory category,
                               ComplaintComplexity complexity, LocalDate receivedDate, ComplaintStatus status,
                               LocalDate decidedDate, LocalDate d) {
        int since = (int) Math.max(0, java.time.temporal.ChronoUnit.DAYS.between(receivedDate, d));
        Integer toDecision = decidedDate == null ? null
                : (int) Math.max(0, java.time.temporal.ChronoUnit.DAYS.between(receivedDate, decidedDate));
        return new Complaint(customerNo, complaintNo, channel, category, complexity, receivedDate, status, decidedDate,
                since, toDecision);
    }

    /** Whether it is still open: its time limit is running. */
    public boolean open() {
        return status == ComplaintStatus.OPEN;
    }

    /** This complaint as a fact of another customer of its party (the one being evaluated). */
    public Complaint of(String customerNo) {
        return Objects.equals(customerNo, this.customerNo) ? this : new Complaint(customerNo, complaintNo, channel,
                category, complexity, receivedDate, status, decidedDate, daysSinceReceived, daysToDecision);
    }
}
