package io.decisioning.service.rulepack;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;

/**
 * What a back-test keeps while it runs, shared by its threads: counts of the records it did not evaluate, and
 * one byte per customer evaluated (the churn score, 0-100, and whether the customer left), by window in customer
 * id order. That is all the deciles need (sorted by score, ties by customer id) and the AUC (from the scores'
 * histogram): memory of a byte per customer, never the evaluations. The records read and the failures are
 * counted by the run ({@link BookCounts}).
 */
final class BacktestTally {

    static final int MAX_SCORE = 100;
    private static final int DECILES = 10;
    private static final int BAND_WIDTH = 10;

    final LongAdder notAtRisk = new LongAdder();
    final LongAdder noChurnScore = new LongAdder();
    final LongAdder otherPartyRecords = new LongAdder();

    /** The outcomes of each window's evaluated customers in customer id order, by the window's first id. */
    private final ConcurrentSkipListMap<Long, byte[]> windows = new ConcurrentSkipListMap<>();

    /** One customer's outcome as kept: the score and a bit for "left". */
    static byte outcome(int churnScore, boolean left) {
        if (churnScore < 0 || churnScore > MAX_SCORE) {
            throw new IllegalArgumentException("a churn score is 0-100: " + churnScore);
        }
        return (byte) (churnScore << 1 | (left ? 1 : 0));
    }

    /** The outcomes of the customers a window evaluated, in customer id order; windows may come in any order. */
    void window(long fromId, byte[] outcomes) {
        if (windows.putIfAbsent(fromId, outcomes) != null) {
            throw new IllegalStateException("the window from " + fromId + " is kept already");
        }
    }

    /** The figures of all windows kept. */
    Backtest.Figures figures() {
        long[] customers = new long[MAX_SCORE + 1];
        long[] left = new long[MAX_SCORE + 1];
        for (byte[] window : windows.values()) {
            for (byte outcome : window) {
                int kept = outcome & 0xff;
                customers[kept >> 1]++;
                left[kept >> 1] += kept & 1;
            }
        }
        long evaluated = Arrays.stream(customers).sum();
        long leftAll = Arrays.stream(left).sum();
        List<Backtest.Decile> deciles = deciles(customers, evaluated);
        Double lapseRate = rate(leftAll, evaluated);
        Backtest.Decile top = deciles.get(0);
        Double lift = leftAll == 0 ? null : round((double) top.left() * evaluated / ((double) top.customers() * leftAll));
        return new Backtest.Figures(evaluated, leftAll, lapseRate, lift, auc(customers, left), deciles,
                bands(customers, left), noChurnScore.sum(), notAtRisk.sum(), otherPartyRecords.sum());
    }

    /**
     * Customers by position in the order score descending, customer id ascending; position p of n falls in
     * decile p * 10 / n. Windows are walked in id order, so within one score the positions follow the ids.
     */
    private List<Backtest.Decile> deciles(long[] customers, long evaluated) {
        long[] next = new long[MAX_SCORE + 1];
        long position = 0;
        for (int score = MAX_SCORE; score >= 0; score--) {
            next[score] = position;
            position += customers[score];
        }
        long[] count = new long[DECILES];
        long[] left = new long[DECILES];
        int[] min = new int[DECILES];
        int[] max = new int[DECILES];
        Arrays.fill(min, MAX_SCORE + 1);
        Arrays.fill(max, -1);
        for (byte[] window : windows.values()) {
            for (byte outcome : window) {
                int kept = outcome & 0xff;
                int score = kept >> 1;
                int decile = (int) (next[score]++ * DECILES / evaluated);
                count[decile]++;
                left[decile] += kept & 1;
                min[decile] = Math.min(min[decile], score);
                max[decile] = Math.max(max[decile], score);
            }
        }
        List<Backtest.Decile> deciles = new ArrayList<>(DECILES);
        for (int d = 0; d < DECILES; d++) {
            boolean empty = count[d] == 0;
            deciles.add(new Backtest.Decile(d + 1, count[d], left[d], rate(left[d], count[d]), empty ? null : min[d],
                    empty ? null : max[d]));
        }
        return deciles;
    }

    /** Bands of ten points, highest first; the top one is 90-100. */
    private static List<Backtest.Band> bands(long[] customers, long[] left) {
        List<Backtest.Band> bands = new ArrayList<>();
        for (int from = MAX_SCORE - BAND_WIDTH; from >= 0; from -= BAND_WIDTH) {
            int to = from + BAND_WIDTH - 1 == MAX_SCORE - 1 ? MAX_SCORE : from + BAND_WIDTH - 1;
            long inBand = 0;
            long leftInBand = 0;
            for (int score = from; score <= to; score++) {
                inBand += customers[score];
                leftInBand += left[score];
            }
            bands.add(new Backtest.Band(from + "-" + to, from, to, inBand, leftInBand, rate(leftInBand, inBand)));
        }
        return bands;
    }

    /**
     * The probability that a customer who left scores higher than one who stayed, a tie counting half (the
     * area under the ROC curve), from the histogram: each customer who left beats those who stayed with a lower
     * score and ties half of those with the same score.
     */
    static @Nullable Double auc(long[] customers, long[] left) {
        long leftAll = Arrays.stream(left).sum();
        long stayedAll = Arrays.stream(customers).sum() - leftAll;
        if (leftAll == 0 || stayedAll == 0) {
            return null;
        }
        double wins = 0;
        long stayedBelow = 0;
        for (int score = 0; score < customers.length; score++) {
            long stayed = customers[score] - left[score];
            wins += left[score] * (stayedBelow + stayed / 2.0);
            stayedBelow += stayed;
        }
        return round(wins / ((double) leftAll * stayedAll));
    }

    private static @Nullable Double rate(long part, long whole) {
        return whole == 0 ? null : round((double) part / whole);
    }

    /** Four decimals: enough to compare versions, short to read. */
    private static double round(double value) {
        return Math.round(value * 10_000) / 10_000.0;
    }
}
