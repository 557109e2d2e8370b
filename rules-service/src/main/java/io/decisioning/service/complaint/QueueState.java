package io.decisioning.service.complaint;

import io.decisioning.rules.ComplaintState;
import io.decisioning.rules.ComplaintStatus;
import io.decisioning.rules.engine.ComplaintClock;

/**
 * A complaint's state in the work queue: the five of DESIGN.md section 13 as the rules decide them, and two for the
 * complaints they give none: {@code WITHDRAWN} (withdrawn by the complainant: no time limit runs) and
 * {@code UNCLASSIFIED} (a channel, complexity or status the service does not know, so no time limit applies; or a
 * case the rules could not place). In the order of the queue: what needs work first.
 */
public enum QueueState {
    OVERDUE, AT_RISK, ON_TRACK, UNCLASSIFIED, MISSED, MET, WITHDRAWN;

    /** The queue's state of a complaint the rules clocked. */
    static QueueState of(ComplaintClock clock) {
        ComplaintState state = clock.state();
        if (state != null) {
            return valueOf(state.name());
        }
        return clock.complaint().status() == ComplaintStatus.WITHDRAWN ? WITHDRAWN : UNCLASSIFIED;
    }

    /** Its place in the queue, 0 first. */
    int rank() {
        return ordinal();
    }
}
