package io.decisioning.service.assessment;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The premium change of DESIGN.md section 11 (100 * (premium - P) / P) as the rules compare it: the nearest double
 * to the quotient, boundaries exact, whatever the premiums' cents.
 */
class PremiumChangeTests {

    @Test
    void boundariesAreExact() {
        assertThat(ProfileFacts.premiumChangePct(new BigDecimal("700.00"), new BigDecimal("1000.00"))).isEqualTo(-30.0);
        assertThat(ProfileFacts.premiumChangePct(new BigDecimal("700.40"), new BigDecimal("1000.00"))).isEqualTo(-29.96);
        assertThat(ProfileFacts.premiumChangePct(new BigDecimal("0"), new BigDecimal("1234.56"))).isEqualTo(-100.0);
        assertThat(ProfileFacts.premiumChangePct(new BigDecimal("1234.56"), BigDecimal.ZERO)).isNull();
    }

    @Test
    void theChangeIsTheQuotientToFifteenDigits() {
        Random random = new Random(1);
        for (int i = 0; i < 100_000; i++) {
            BigDecimal now = BigDecimal.valueOf(random.nextLong(100_000_000), 2);
            BigDecimal before = BigDecimal.valueOf(1 + random.nextLong(100_000_000), 2);
            double change = ProfileFacts.premiumChangePct(now, before);
            BigDecimal exact = now.subtract(before).multiply(BigDecimal.valueOf(100)).divide(before, new MathContext(40));
            assertThat(Math.abs(new BigDecimal(change).subtract(exact).doubleValue()))
                    .as(now + " against " + before).isLessThanOrEqualTo(5e-15 * Math.abs(exact.doubleValue()) + Math.ulp(change));
        }
    }

    /**
     * A cent either side of a threshold is on its side: premiums in cents make a quotient that is not the threshold
     * differ from it by at least 100 / P, far more than the fifteenth digit, up to premiums of hundreds of millions.
     */
    @Test
    void aCentEitherSideOfAThresholdIsOnItsSide() {
        Random random = new Random(2);
        for (int i = 0; i < 100_000; i++) {
            long before = 1_000 + random.nextLong(100_000_000_000L); // up to a billion yuan, in cents
            int percent = -100 + random.nextInt(300);
            long at = before * (100 + percent) / 100;
            for (long now = Math.max(0, at - 1); now <= at + 1; now++) {
                BigDecimal a = BigDecimal.valueOf(now, 2);
                BigDecimal b = BigDecimal.valueOf(before, 2);
                int exact = a.subtract(b).multiply(BigDecimal.valueOf(100)).compareTo(b.multiply(BigDecimal.valueOf(percent)));
                assertThat(Double.compare(ProfileFacts.premiumChangePct(a, b), percent)).as(a + " against " + b + ", " + percent + "%")
                        .isEqualTo(exact);
            }
        }
    }
}
