package io.decisioning.service.complaint;

import io.decisioning.rules.engine.ComplaintClock;
import io.decisioning.rules.engine.Evaluation;
import io.decisioning.service.assessment.EvaluationsStored;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Keeps each complaint's clock as the customer's stored evaluation decided it (DESIGN.md section 13): every evaluation
 * rewritten by the pipeline (an event, the nightly run, a manual evaluation) writes the clocks of its party's
 * complaints. A complaint of a party of several records is in each record's evaluation, with the same clock; it is
 * written once.
 */
@Component
class ClockKeeper implements EvaluationsStored {

    private final ClockRepository clocks;

    ClockKeeper(ClockRepository clocks) {
        this.clocks = clocks;
    }

    @Override
    public void stored(List<Evaluation> evaluations, LocalDate asOf, Instant now) {
        Map<String, ComplaintClock> byNo = new LinkedHashMap<>();
        for (Evaluation evaluation : evaluations) {
            for (ComplaintClock clock : evaluation.complaints()) {
                byNo.putIfAbsent(clock.complaintNo(), clock);
            }
        }
        clocks.save(byNo.values(), asOf, now);
    }
}
