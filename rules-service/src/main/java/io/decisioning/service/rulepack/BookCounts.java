package io.decisioning.service.rulepack;

import io.decisioning.rules.engine.Evaluation;
import io.decisioning.rules.engine.EvaluationInput;
import io.decisioning.rules.engine.RuleSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;

/**
 * What every run of a draft over the book counts ({@link BookRunner}), shared by its threads: the records read,
 * the customers the draft could not evaluate and the first such error. Any customer it cannot evaluate fails
 * the run.
 */
final class BookCounts {

    final LongAdder processed = new LongAdder();
    final LongAdder failed = new LongAdder();
    private volatile @Nullable String firstError;

    /**
     * The evaluations of all inputs with {@code rules}, in their order: at once, or one by one when that fails,
     * with null for each input that fails (counted here).
     */
    List<@Nullable Evaluation> evaluate(RuleSet rules, List<EvaluationInput> inputs) {
        try {
            return rules.evaluate(inputs);
        } catch (RuntimeException windowFailed) {
            List<@Nullable Evaluation> evaluations = new ArrayList<>(inputs.size());
            for (EvaluationInput input : inputs) {
                try {
                    evaluations.add(rules.evaluate(input));
                } catch (RuntimeException e) {
                    evaluations.add(null);
                    failed(e);
                }
            }
            return evaluations;
        }
    }

    void failed(RuntimeException e) {
        failed.increment();
        if (firstError == null) {
            firstError = e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }

    @Nullable String firstError() {
        return firstError;
    }

    /** The error a run with failures keeps: how many customers failed, and the first one's error. */
    String failures() {
        return failed.sum() + " customers could not be evaluated with this version: " + firstError;
    }
}
