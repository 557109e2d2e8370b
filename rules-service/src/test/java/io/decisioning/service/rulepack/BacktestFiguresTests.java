package io.decisioning.service.rulepack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The figures of a back-test from the byte a customer is kept as: deciles by score with ties in customer id
 * order, their counts adding up, the lapse rates, the top decile's lift, the AUC from the score histogram, and the
 * score bands. No database: windows are given as they would come from the book.
 */
class BacktestFiguresTests {

    @Test
    void theAucOfOneScoreForEveryoneIsOneHalfAndItsLiftIsOne() {
        BacktestTally tally = new BacktestTally();
        tally.window(1, outcomes(new int[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, new boolean[] {
                false, false, false, false, false, false, false, false, false, true}));
        tally.window(11, outcomes(new int[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, new boolean[] {
                true, false, false, false, false, false, false, false, false, false}));

        Backtest.Figures figures = tally.figures();

        assertThat(figures.auc()).isEqualTo(0.5);
        assertThat(figures.evaluated()).isEqualTo(20);
        assertThat(figures.left()).isEqualTo(2);
        assertThat(figures.lapseRate()).isEqualTo(0.1);
        // ties in customer id order: the first two customers are decile 1, and neither of them left
        assertThat(figures.deciles().get(0).customers()).isEqualTo(2);
        assertThat(figures.deciles().get(0).left()).isZero();
        assertThat(figures.topDecileLift()).isEqualTo(0.0);
        assertThat(figures.deciles().get(4).left()).as("customers 9 and 10").isEqualTo(1);
        assertThat(figures.deciles().get(5).left()).as("customers 11 and 12").isEqualTo(1);
    }

    @Test
    void aScoreThatPutsEveryoneWhoLeftAboveEveryoneWhoStayedHasAnAucOfOne() {
        BacktestTally separated = tally(new int[] {90, 80, 10, 20, 30}, new boolean[] {true, true, false, false, false});
        BacktestTally reversed = tally(new int[] {10, 20, 90, 80, 30}, new boolean[] {true, true, false, false, false});

        assertThat(separated.figures().auc()).isEqualTo(1.0);
        assertThat(reversed.figures().auc()).isEqualTo(0.0);
    }

    @Test
    void theAucCountsATieBetweenOneWhoLeftAndOneWhoStayedAsHalf() {
        // left: 70, 70, 20; stayed: 70, 20, 20, 0 -> wins (3 + 0.5) + (3 + 0.5) + (1 + 1) = 9 of 12
        BacktestTally tally = tally(new int[] {70, 70, 20, 70, 20, 20, 0}, new boolean[] {true, true, true, false, false, false, false});

        assertThat(tally.figures().auc()).isEqualTo(0.75);
        assertThat(BacktestTally.auc(histogram(new int[] {70, 70, 20, 70, 20, 20, 0}),
                leftHistogram(new int[] {70, 70, 20, 70, 20, 20, 0}, new boolean[] {true, true, true, false, false, false, false})))
                .isEqualTo(0.75);
    }

    @Test
    void thereIsNoAucWhenNobodyLeftOrNobodyStayed() {
        assertThat(tally(new int[] {10, 20}, new boolean[] {false, false}).figures().auc()).isNull();
        assertThat(tally(new int[] {10, 20}, new boolean[] {true, true}).figures().auc()).isNull();
        assertThat(tally(new int[] {10, 20}, new boolean[] {false, false}).figures().topDecileLift()).isNull();
    }

    @Test
    void theDecilesAddUpToTheCustomersEvaluatedAndTheEmptyOnesHaveNoRateNorScores() {
        BacktestTally tally = tally(new int[] {5, 50, 95, 40, 60, 100, 0}, new boolean[] {false, true, true, false, false, true, false});

        Backtest.Figures figures = tally.figures();

        assertThat(figures.deciles()).hasSize(10);
        assertThat(figures.deciles().stream().mapToLong(Backtest.Decile::customers).sum()).isEqualTo(7);
        assertThat(figures.deciles().stream().mapToLong(Backtest.Decile::left).sum()).isEqualTo(3);
        // positions 0..6 of 7 fall in deciles p * 10 / 7: 1, 2, 3, 5, 6, 8, 9
        assertThat(figures.deciles()).extracting(Backtest.Decile::customers).containsExactly(1L, 1L, 1L, 0L, 1L, 1L, 0L, 1L, 1L, 0L);
        assertThat(figures.deciles()).extracting(Backtest.Decile::maxScore)
                .containsExactly(100, 95, 60, null, 50, 40, null, 5, 0, null);
        Backtest.Decile empty = figures.deciles().get(3);
        assertThat(empty.lapseRate()).isNull();
        assertThat(empty.minScore()).isNull();
        assertThat(figures.bands().stream().mapToLong(Backtest.Band::customers).sum()).isEqualTo(7);
    }

    @Test
    void theTopDecileLiftIsItsLapseRateOverTheOverallOne() {
        int[] scores = new int[20];
        boolean[] left = new boolean[20];
        for (int i = 0; i < 20; i++) {
            scores[i] = i < 2 ? 80 : 10;
            left[i] = i < 2 || i == 19;   // both of the top decile, and one other: 3 of 20
        }

        Backtest.Figures figures = tally(scores, left).figures();

        assertThat(figures.deciles().get(0).lapseRate()).isEqualTo(1.0);
        assertThat(figures.lapseRate()).isEqualTo(0.15);
        assertThat(figures.topDecileLift()).isEqualTo(6.6667);
        assertThat(figures.deciles().get(0).minScore()).isEqualTo(80);
    }

    @Test
    void windowsGivenInAnyOrderMakeTheSameFigures() {
        BacktestTally inOrder = new BacktestTally();
        inOrder.window(1, outcomes(new int[] {30, 30, 60}, new boolean[] {true, false, false}));
        inOrder.window(2_001, outcomes(new int[] {30, 90}, new boolean[] {false, true}));
        BacktestTally reversed = new BacktestTally();
        reversed.window(2_001, outcomes(new int[] {30, 90}, new boolean[] {false, true}));
        reversed.window(1, outcomes(new int[] {30, 30, 60}, new boolean[] {true, false, false}));

        assertThat(reversed.figures()).isEqualTo(inOrder.figures());
    }

    @Test
    void scoreBandsAreTenPointsWideFromTheHighestAndTheTopOneIncludesOneHundred() {
        Backtest.Figures figures = tally(new int[] {100, 90, 89, 9, 0}, new boolean[] {true, false, true, false, false}).figures();

        List<Backtest.Band> bands = figures.bands();
        assertThat(bands).extracting(Backtest.Band::band).containsExactly("90-100", "80-89", "70-79", "60-69", "50-59",
                "40-49", "30-39", "20-29", "10-19", "0-9");
        assertThat(bands.get(0).customers()).isEqualTo(2);
        assertThat(bands.get(0).lapseRate()).isEqualTo(0.5);
        assertThat(bands.get(1).customers()).isEqualTo(1);
        assertThat(bands.get(9).customers()).isEqualTo(2);
        assertThat(bands.get(5).lapseRate()).isNull();
    }

    @Test
    void aScoreOutsideZeroToOneHundredIsRefused() {
        assertThatThrownBy(() -> BacktestTally.outcome(101, false)).isInstanceOf(IllegalArgumentException.class);
        assertThat(BacktestTally.outcome(100, true) & 0xff).isEqualTo(201);
    }

    private static BacktestTally tally(int[] scores, boolean[] left) {
        BacktestTally tally = new BacktestTally();
        tally.window(1, outcomes(scores, left));
        return tally;
    }

    private static byte[] outcomes(int[] scores, boolean[] left) {
        byte[] outcomes = new byte[scores.length];
        for (int i = 0; i < scores.length; i++) {
            outcomes[i] = BacktestTally.outcome(scores[i], left[i]);
        }
        return outcomes;
    }

    private static long[] histogram(int[] scores) {
        long[] customers = new long[BacktestTally.MAX_SCORE + 1];
        for (int score : scores) {
            customers[score]++;
        }
        return customers;
    }

    private static long[] leftHistogram(int[] scores, boolean[] left) {
        long[] histogram = new long[BacktestTally.MAX_SCORE + 1];
        for (int i = 0; i < scores.length; i++) {
            histogram[scores[i]] += left[i] ? 1 : 0;
        }
        return histogram;
    }
}
