package io.decisioning.service.customer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.decisioning.rules.CustomerProfile;
import io.decisioning.rules.engine.EvaluationInput;
import io.decisioning.service.assessment.AssessmentPipeline;
import io.decisioning.service.assessment.IdRange;
import io.decisioning.service.assessment.Selection;
import io.decisioning.service.book.BookStatistics;
import io.decisioning.service.book.BookStats;
import io.decisioning.service.system.DatabaseTest;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The features of DESIGN.md section 4 at every boundary, as the evaluation pipeline reads them from the
 * policies and claims (and the book figures), against the real database and migrations.
 */
@DatabaseTest
class PolicyClaimFactsTests {

    private static final LocalDate D = LocalDate.of(2025, 6, 15);

    @Autowired
    AssessmentPipeline pipeline;

    @Autowired
    BookStatistics bookStatistics;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    CrmFixtures crm;

    private CustomerProfile of(long customerId) {
        return of(customerId, D);
    }

    private CustomerProfile of(long customerId, LocalDate asOf) {
        List<EvaluationInput> read = pipeline.read(Selection.ids(List.of(customerId)), asOf).inputs();
        assertThat(read).hasSize(1);
        return read.get(0).profile();
    }

    @Test
    void annualPremiumCountsActivePoliciesInForceOnTheEvaluationDate() {
        long c = crm.customer();
        crm.policy(c, "AUTO", "ACTIVE", D, D.plusYears(1), "100.00");              // starts on D: in force
        crm.policy(c, "AUTO", "ACTIVE", D.minusDays(30), D.plusDays(1), "10.00");   // ends the day after D: in force
        crm.policy(c, "HEALTH", "ACTIVE", D.minusYears(1), D.plusYears(1), "1.00");
        crm.policy(c, "LIFE", "ACTIVE", D.minusYears(1), D, "200.00");              // ends on D: not in force
        crm.policy(c, "CARGO", "ACTIVE", D.plusDays(1), D.plusYears(1), "400.00");  // starts after D
        crm.policy(c, "PROPERTY", "LAPSED", D.minusDays(10), D.plusYears(1), "800.00");
        crm.policy(c, "LIABILITY", "CANCELLED", D.minusDays(10), D.plusYears(1), "1600.00");

        CustomerProfile f = of(c);

        assertThat(f.annualPremium()).isEqualTo(111.00);
        assertThat(f.productLines()).isEqualTo(2);
    }

    @Test
    void premiumOfThreeYearsExcludesTheStartExactlyThreeYearsAgoAndCancelledPolicies() {
        long c = crm.customer();
        crm.policy(c, "EXPIRED", D.minusYears(3), "1000.00");                 // D - 3y: excluded (open interval)
        crm.policy(c, "EXPIRED", D.minusYears(3).plusDays(1), "200.00");      // D - 3y + 1 day: included
        crm.policy(c, "LAPSED", D.minusYears(2), "7.00");
        crm.policy(c, "ACTIVE", D, "30.00");                                  // starts on D: included
        crm.policy(c, "ACTIVE", D.plusDays(1), "4.00");                       // after D: excluded
        crm.policy(c, "CANCELLED", D.minusYears(1), "5000.00");               // cancelled: excluded

        CustomerProfile f = of(c);

        assertThat(f.premium3y()).isEqualTo(237.00);
        assertThat(f.annualPremium()).isEqualTo(30.00);
    }

    @Test
    void paidOfThreeYearsCountsEveryClaimStatusInsideTheWindowAndGivesTheLossRatio() {
        long c = crm.customer();
        long p = crm.policy(c, "EXPIRED", D.minusYears(3).minusDays(10), D.plusYears(1), "400.00");
        crm.claim(c, p, D.minusYears(3), "PAID", "1000.00");                  // D - 3y: excluded
        crm.claim(c, p, D.minusYears(3).plusDays(1), "WITHDRAWN", "100.00");  // withdrawn but paid: included
        crm.claim(c, p, D, "PAID", "10.00");                                  // on D: included
        crm.claim(c, p, D.plusDays(1), "PAID", "5000.00");                    // after D: excluded
        long recent = crm.policy(c, "ACTIVE", D.minusMonths(2), "300.00");
        crm.claim(c, recent, D.minusMonths(1), "DENIED", "0.00");

        CustomerProfile f = of(c);

        assertThat(f.paid3y()).isEqualTo(110.00);
        assertThat(f.premium3y()).isEqualTo(300.00);
        assertThat(f.lossRatio3y()).isEqualTo(new BigDecimal("110").divide(new BigDecimal("300"), MathContext.DECIMAL64).doubleValue());
    }

    @Test
    void lossRatioIsNullWithoutPremiumInTheLastThreeYears() {
        long c = crm.customer();
        long p = crm.policy(c, "EXPIRED", D.minusYears(4), "500.00");
        crm.claim(c, p, D.minusYears(3).plusDays(2), "PAID", "800.00");

        CustomerProfile f = of(c);

        assertThat(f.premium3y()).isEqualTo(0.0);
        assertThat(f.paid3y()).isEqualTo(800.00);
        assertThat(f.lossRatio3y()).isNull();
            }

    @Test
    void claimsOfTwelveMonthsExcludeTheLossExactlyTwelveMonthsAgoAndWithdrawnClaims() {
        long c = crm.customer();
        long p = crm.policy(c, "ACTIVE", D.minusYears(2), D.plusYears(1), "100.00");
        crm.claim(c, p, D.minusMonths(12), "PAID");                 // D - 12m: excluded (open interval)
        crm.claim(c, p, D.minusMonths(12).plusDays(1), "PAID");     // D - 12m + 1 day: included
        crm.claim(c, p, D, "OPEN");                                 // on D: included
        crm.claim(c, p, D.minusDays(20), "DENIED");                 // denied still counts
        crm.claim(c, p, D.minusDays(10), "WITHDRAWN");              // withdrawn: excluded
        crm.claim(c, p, D.plusDays(1), "OPEN");                     // after D: excluded

        assertThat(of(c).claims12m()).isEqualTo(3);
    }

    @Test
    void anEarlyClaimIsAtMostThirtyDaysAfterItsPolicyStarted() {
        long c = crm.customer();
        LocalDate start = D.minusDays(100);
        long p = crm.policy(c, "ACTIVE", start, "100.00");
        crm.claim(c, p, start.plusDays(30), "PAID");        // 30 days: early
        crm.claim(c, p, start.plusDays(31), "PAID");        // 31 days: not early
        crm.claim(c, p, start, "OPEN");                     // on the start day: early
        crm.claim(c, p, start.minusDays(1), "PAID");        // before the start: not early
        crm.claim(c, p, start.plusDays(5), "WITHDRAWN");    // withdrawn: not counted at all
        long old = crm.policy(c, "EXPIRED", D.minusMonths(12).minusDays(20), "100.00");
        crm.claim(c, old, D.minusMonths(12).minusDays(10), "PAID"); // early, but not in the last 12 months

        CustomerProfile f = of(c);

        assertThat(f.claims12m()).isEqualTo(4);
        assertThat(f.earlyClaims12m()).isEqualTo(2);
    }

    @Test
    void claimFreeYearsCountFromTheLatestClaimThatWasNotWithdrawn() {
        long c = crm.customer();
        long p = crm.policy(c, "ACTIVE", D.minusYears(8), D.plusYears(1), "100.00");
        crm.claim(c, p, D.minusYears(5), "PAID");
        crm.claim(c, p, D.minusYears(3).minusDays(1), "DENIED");  // the latest counted claim: 3 whole years
        crm.claim(c, p, D.minusDays(10), "WITHDRAWN");             // withdrawn: ignored
        crm.claim(c, p, D.plusDays(5), "OPEN");                    // after D: ignored

        CustomerProfile f = of(c);

        assertThat(f.claimFreeYears()).isEqualTo(3);
        assertThat(f.tenureYears()).isEqualTo(8);
        assertThat(of(c, D.minusDays(2)).claimFreeYears()).isEqualTo(2);
    }

    @Test
    void claimFreeYearsCountFromTheFirstPolicyWithoutClaims() {
        long c = crm.customer();
        crm.policy(c, "EXPIRED", D.minusYears(5).plusDays(1), "100.00");
        crm.policy(c, "CANCELLED", D.minusYears(6), "100.00");   // the earliest start, whatever its status

        CustomerProfile f = of(c);

        assertThat(f.claimFreeYears()).isEqualTo(6);
        assertThat(f.tenureYears()).isEqualTo(6);
    }

    @Test
    void wholeYearsFromTheTwentyNinthOfFebruaryFollowPeriodBetween() {
        long c = crm.customer();
        long p = crm.policy(c, "EXPIRED", LocalDate.of(2016, 2, 29), "100.00");
        crm.claim(c, p, LocalDate.of(2016, 2, 29), "PAID", "10.00");
        crm.policy(c, "EXPIRED", LocalDate.of(2017, 3, 1), "100.00");

        assertThat(of(c, LocalDate.of(2017, 2, 28)).tenureYears()).isZero();
        assertThat(of(c, LocalDate.of(2017, 3, 1)).tenureYears()).isEqualTo(1);
        assertThat(of(c, LocalDate.of(2020, 2, 28)).tenureYears()).isEqualTo(3);
        assertThat(of(c, LocalDate.of(2020, 2, 29)).tenureYears()).isEqualTo(4);
        assertThat(of(c, LocalDate.of(2020, 2, 28)).claimFreeYears()).isEqualTo(3);
        assertThat(of(c, LocalDate.of(2020, 2, 29)).claimFreeYears()).isEqualTo(4);
    }

    @Test
    void aCustomerWithoutPoliciesHasNoTenureAndNothingElse() {
        long c = crm.customer();

        CustomerProfile f = of(c);

        assertThat(f.annualPremium()).isEqualTo(0.0);
        assertThat(f.premium3y()).isEqualTo(0.0);
        assertThat(f.paid3y()).isEqualTo(0.0);
        assertThat(f.lossRatio3y()).isNull();
        assertThat(f.claims12m()).isZero();
        assertThat(f.earlyClaims12m()).isZero();
        assertThat(f.claimFreeYears()).isZero();
        assertThat(f.tenureYears()).isZero();
        assertThat(f.productLines()).isZero();
        assertThat(f.premiumSharePct()).isZero();
        assertThat(f.premiumRankPct()).isZero();
    }

    @Test
    void policiesStartingAfterTheEvaluationDateGiveNoTenure() {
        long c = crm.customer();
        crm.policy(c, "ACTIVE", D.plusDays(1), "100.00");

        CustomerProfile f = of(c);

        assertThat(f.tenureYears()).isZero();
        assertThat(f.claimFreeYears()).isZero();
    }

    @Test
    void anUnknownCustomerHasNoFeatures() {
        assertThat(pipeline.read(Selection.ids(List.of(Long.MAX_VALUE - 1)), D).inputs()).isEmpty();
        assertThat(pipeline.read(Selection.customerNo("NO-SUCH-" + CrmFixtures.uniqueNumber()), D).inputs()).isEmpty();
    }

    @Test
    void premiumShareAndRankComeFromTheLatestBookStatistics() {
        long c = crm.customer();
        crm.policy(c, "ACTIVE", D.minusDays(1), "12345.67");
        crm.customer();
        BookStats stats = bookStatistics.refresh(D);

        CustomerProfile f = of(c);

        assertThat(stats.totalAnnualPremium()).isPositive();
        assertThat(f.premiumSharePct()).isCloseTo(
                new BigDecimal("1234567").divide(stats.totalAnnualPremium(), MathContext.DECIMAL64).doubleValue(), within(1e-12));
        Double rank = jdbc.sql("SELECT premium_rank_pct FROM book_customer_rank WHERE customer_id = :id")
                .param("id", c).query(Double.class).single();
        assertThat(f.premiumRankPct()).isEqualTo(rank).isPositive();
    }

    @Test
    void statisticsOfAnEmptyBookGiveWayToTheLiveBookTotalForThePremiumShare() {
        jdbc.sql("""
                INSERT INTO book_stats (as_of_date, computed_at, customers, total_annual_premium)
                VALUES (:d, CURRENT_TIMESTAMP(3), 0, 0)
                """).param("d", D).update();
        long c = crm.customer();
        crm.policy(c, "ACTIVE", D.minusDays(1), "5000.00");
        BigDecimal liveTotal = jdbc.sql("""
                        SELECT SUM(premium) FROM policy WHERE status = 'ACTIVE' AND start_date <= :d AND end_date > :d
                        """).param("d", D).query(BigDecimal.class).single();

        CustomerProfile f = of(c);

        assertThat(f.premiumSharePct()).isCloseTo(
                new BigDecimal("500000").divide(liveTotal, MathContext.DECIMAL64).doubleValue(), within(1e-12));
        assertThat(f.premiumRankPct()).isZero();
        crm.largeBook();
    }

    @Test
    void aRangeOfCustomersReadTogetherGetsWhatEachGetsAlone() {
        long first = crm.customer();
        long p = crm.policy(first, "ACTIVE", D.minusMonths(3), "500.00");
        crm.claim(first, p, D.minusMonths(2), "PAID", "700.00");
        long second = crm.customer();
        crm.policy(second, "LIFE", "ACTIVE", D.minusYears(4), D.plusYears(10), "3000.00");
        long third = crm.customer();
        long q = crm.policy(third, "EXPIRED", D.minusYears(2), "80.00");
        crm.claim(third, q, D.minusYears(2).plusDays(3), "WITHDRAWN", "20.00");
        IdRange range = new IdRange(first, third);

        List<CustomerProfile> listed = pipeline.read(Selection.range(range), D).inputs().stream()
                .map(EvaluationInput::profile).toList();

        assertThat(listed).extracting(CustomerProfile::customerNo)
                .contains(crm.customerNo(first), crm.customerNo(second), crm.customerNo(third));
        assertThat(listed).allSatisfy(f -> assertThat(pipeline.read(Selection.customerNo(f.customerNo()), D).inputs())
                .singleElement().extracting(EvaluationInput::profile).isEqualTo(f));
    }
}
