package io.decisioning.service.assessment;

import io.decisioning.rules.engine.Evaluation;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A capability that keeps something of stored evaluations in tables of its own (the clocks of complaints, DESIGN.md
 * section 13): the pipeline hands it every evaluation it rewrites, in the same transaction as the assessments, after
 * they are written. An evaluation whose content is as stored is not handed over: what it keeps of it is as stored
 * too, as long as it keeps only what the assessment's content covers. Spring beans; the pipeline calls them all.
 */
public interface EvaluationsStored {

    /**
     * @param evaluations the rewritten evaluations, one per customer
     * @param asOf        the evaluation date
     * @param now         the time the assessments were written
     */
    void stored(List<Evaluation> evaluations, LocalDate asOf, Instant now);
}
