package io.decisioning.rules.engine;

import io.decisioning.rules.Complaint;
import io.decisioning.rules.ComplaintState;
import java.time.LocalDate;
import java.util.Objects;

/**
 * What the rules decided about one complaint (DESIGN.md section 13): its time limit and its state. Both are null when
 * no rule gave them: a complaint whose complexity the service does not know has no time limit (it is reported as
 * unclassified), a withdrawn one no state.
 *
 * @param complaint     the complaint, as the rules saw it
 * @param timeLimitDays calendar days from the day received to its deadline; null when no rule set one
 * @param state         where it stands against that deadline; null when no rule decided it
 * @param reason        the reason of its state: the pack, version and rule that decided it; null without a state
 */
public record ComplaintClock(Complaint complaint, Integer timeLimitDays, ComplaintState state, Reason reason) {

    public ComplaintClock(Complaint complaint, Integer timeLimitDays, ComplaintState state) {
        this(complaint, timeLimitDays, state, null);
    }

    public ComplaintClock {
        Objects.requireNonNull(complaint, "complaint");
    }

    public String complaintNo() {
        return complaint.complaintNo();
    }

    /** The last day on which a decision is in time: the day received plus the time limit; null without one. */
    public LocalDate deadline() {
        return timeLimitDays == null ? null : complaint.receivedDate().plusDays(timeLimitDays);
    }

    /**
     * Days left to the deadline as of the evaluation date (0 on the deadline day, negative once past it) while the
     * complaint is open; null when it is not open or has no time limit.
     */
    public Integer daysLeft() {
        return timeLimitDays == null || !complaint.open() ? null : timeLimitDays - complaint.daysSinceReceived();
    }
}
