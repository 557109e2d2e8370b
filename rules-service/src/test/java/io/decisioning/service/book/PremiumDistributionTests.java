package io.decisioning.service.book;

import static org.assertj.core.api.Assertions.assertThat;

import io.decisioning.service.book.BookStatistics.PremiumDistribution;
import org.junit.jupiter.api.Test;

/** The percent rank of DESIGN.md section 4 as the book statistics compute it, without a database. */
class PremiumDistributionTests {

    @Test
    void tiesShareTheRankOfTheFirstOfThemAndTheLargestIsOneHundred() {
        PremiumDistribution book = new PremiumDistribution(new long[] {0, 0, 10_000, 10_000, 30_000});

        assertThat(book.percentRank(0)).isEqualTo(0.0);
        assertThat(book.percentRank(10_000)).isEqualTo(50.0);
        assertThat(book.percentRank(30_000)).isEqualTo(100.0);
    }

    @Test
    void ranksAreRoundedToTenDecimalsAsMariaDbStoresThem() {
        PremiumDistribution book = new PremiumDistribution(new long[] {1, 2, 3, 4});

        assertThat(book.percentRank(2)).isEqualTo(33.3333333333);
        assertThat(book.percentRank(3)).isEqualTo(66.6666666667);
    }

    @Test
    void aBookOfOneCustomerRanksItZero() {
        assertThat(new PremiumDistribution(new long[] {5_000}).percentRank(5_000)).isEqualTo(0.0);
        assertThat(new PremiumDistribution(new long[] {}).percentRank(5_000)).isEqualTo(0.0);
    }

    @Test
    void aPremiumAboveTheWholeBookRanksOneHundredNotMore() {
        PremiumDistribution book = new PremiumDistribution(new long[] {100, 200, 300});

        assertThat(book.percentRank(1_000_000)).isEqualTo(100.0);
    }
}
