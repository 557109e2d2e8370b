package io.decisioning.service.rulepack;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A back-test of a scorecard version (DESIGN.md section 11): the book evaluated as of {@code asOf} with the
 * version in place of its pack's live one, each customer at risk then against whether they left within
 * {@code horizonDays}; kept with the version, as {@code GET .../versions/{v}/backtest} and the version view
 * show it. The figures are counts of the whole book and name no customer.
 *
 * @param againstVersions the live versions of the packs it ran with (its own pack's is the version's)
 * @param customers       CRM records in the book when it started
 * @param processed       records read so far
 * @param failed          customers the version could not evaluate: any fails the back-test
 * @param figures         when DONE: who was evaluated, who left, by decile and score band, lift and AUC
 *                        (shown at the top level of the answer, beside the status); null otherwise
 */
public record Backtest(long id, String pack, int version, BacktestStatus status, LocalDate asOf, int horizonDays,
                       Map<String, Integer> againstVersions, String requestedBy, Instant startedAt,
                       @Nullable Instant finishedAt, long customers, long processed, long failed, @Nullable String error,
                       @JsonUnwrapped @Nullable Figures figures) {

    public Backtest {
        againstVersions = Map.copyOf(againstVersions);
    }

    /**
     * What a finished back-test found. A customer is counted once per party (DESIGN.md section 10), under the
     * party's primary record, with the policies of all its records; a record never resolved counts alone.
     *
     * @param evaluated         customers at risk on asOf that the version gave a churn score: those of the
     *                          deciles and bands
     * @param left              of those, customers who left within the horizon
     * @param lapseRate         left / evaluated; null when none was evaluated
     * @param topDecileLift     the lapse rate of the first decile (the highest scores) over the overall one;
     *                          null when nobody left
     * @param auc               the probability that a customer who left scores higher than one who stayed (ties
     *                          count half): 0.5 is no better than chance; null unless some left and some stayed
     * @param deciles           ten groups of (nearly) equal size by churn score, highest first, ties in
     *                          customer id order; they add up to {@code evaluated}
     * @param bands             the same customers by score, ten points a band, highest first
     * @param noChurnScore      customers at risk whom the version gave no churn score (its pack did not run for
     *                          them: no premium schedule in the CRM)
     * @param notAtRisk         customers with no policy in force on asOf (not cancelled), who could not leave
     * @param otherPartyRecords records counted with their party's primary record rather than on their own
     */
    public record Figures(long evaluated, long left, @Nullable Double lapseRate, @Nullable Double topDecileLift,
                          @Nullable Double auc, List<Decile> deciles, List<Band> bands, long noChurnScore, long notAtRisk,
                          long otherPartyRecords) {

        public Figures {
            deciles = List.copyOf(deciles);
            bands = List.copyOf(bands);
        }
    }

    /**
     * One tenth of the evaluated customers by churn score: decile 1 has the highest scores. Empty deciles (fewer
     * than ten customers) have no rate and no scores.
     */
    public record Decile(int decile, long customers, long left, @Nullable Double lapseRate, @Nullable Integer minScore,
                         @Nullable Integer maxScore) {
    }

    /** The evaluated customers with a churn score from {@code fromScore} to {@code toScore}, both included. */
    public record Band(String band, int fromScore, int toScore, long customers, long left, @Nullable Double lapseRate) {
    }
}
