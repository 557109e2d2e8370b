package io.decisioning.service.book;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.decisioning.service.book.BookStatistics;
import io.decisioning.service.book.BookStats;
import io.decisioning.service.customer.CrmFixtures;
import io.decisioning.service.system.DatabaseTest;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Book statistics against the real database. The book may hold other tests' customers (a shared
 * database), so expectations are stated relative to the whole book, the way PERCENT_RANK defines them.
 */
@DatabaseTest
class BookStatisticsTests {

    private static final LocalDate D = LocalDate.of(2025, 6, 15);
    private static final BigDecimal MAX_PREMIUM = new BigDecimal("999999999999.99");

    @Autowired
    BookStatistics bookStatistics;

    /** The rank rows of parties: every record alone, and the primary record of a party of several. */
    static final String PARTY_ROWS = """
            LEFT JOIN party_member pm ON pm.customer_id = r.customer_id
                WHERE (pm.records IS NULL OR pm.records = 1 OR pm.primary_customer_id = r.customer_id)""";

    @Autowired
    JdbcClient jdbc;

    @Autowired
    CrmFixtures crm;

    @Test
    void everyCustomerIsRankedByAnnualPremiumAndTiesShareARank() {
        long none = crm.customer();
        long small = crm.customer();
        crm.policy(small, "ACTIVE", D.minusDays(1), "100.00");
        long sameAsSmall = crm.customer();
        crm.policy(sameAsSmall, "ACTIVE", D.minusMonths(3), "60.00");
        crm.policy(sameAsSmall, "ACTIVE", D.minusMonths(1), "40.00");
        long large = crm.customer();
        crm.policy(large, "ACTIVE", D.minusDays(1), "300.00");
        crm.policy(large, "CANCELLED", D.minusDays(1), "100000.00");
        crm.policy(large, "ACTIVE", D.plusDays(1), "100000.00");

        BookStats stats = bookStatistics.refresh(D);

        Map<Long, Double> pct = Map.of(none, rank(none), small, rank(small), sameAsSmall, rank(sameAsSmall), large, rank(large));
        assertThat(annualPremium(small)).isEqualByComparingTo("100.00");
        assertThat(annualPremium(large)).isEqualByComparingTo("300.00");
        assertThat(annualPremium(none)).isEqualByComparingTo("0");
        assertThat(pct.get(small)).isEqualTo(pct.get(sameAsSmall));
        assertThat(pct.get(none)).isLessThan(pct.get(small));
        assertThat(pct.get(small)).isLessThan(pct.get(large));
        // one row per party (DESIGN.md section 10): the other records of a party of several are not ranked again
        long parties = jdbc.sql("SELECT COUNT(*) FROM book_customer_rank r " + PARTY_ROWS).query(Long.class).single();
        for (long customer : pct.keySet()) {
            long below = jdbc.sql("""
                            SELECT COUNT(*) FROM book_customer_rank r %s
                               AND r.annual_premium < (SELECT annual_premium FROM book_customer_rank WHERE customer_id = :id)
                            """.formatted(PARTY_ROWS))
                    .param("id", customer).query(Long.class).single();
            assertThat(pct.get(customer)).isCloseTo(100.0 * below / (parties - 1), within(1e-9));
        }
        assertThat(stats.customers()).as("the book's records").isGreaterThanOrEqualTo(parties);
    }

    @Test
    void theLargestCustomerRanksOneHundred() {
        BigDecimal largestSoFar = jdbc.sql("""
                        SELECT COALESCE(MAX(annual_premium), 0) FROM (
                            SELECT SUM(premium) AS annual_premium FROM policy
                             WHERE status = 'ACTIVE' AND start_date <= :d AND end_date > :d
                             GROUP BY customer_id) book
                        """).param("d", D).query(BigDecimal.class).single();
        BigDecimal remaining = largestSoFar.add(BigDecimal.valueOf(100_000 + ThreadLocalRandom.current().nextLong(1_000_000), 2));
        long top = crm.customer();
        while (remaining.signum() > 0) {
            BigDecimal premium = remaining.min(MAX_PREMIUM);
            crm.policy(top, "ACTIVE", D.minusDays(1), premium.toPlainString());
            remaining = remaining.subtract(premium);
        }
        crm.customer();

        bookStatistics.refresh(D);

        Map<String, Object> largest = jdbc.sql("""
                        SELECT customer_id, premium_rank_pct,
                               (SELECT COUNT(*) FROM book_customer_rank
                                 WHERE annual_premium = (SELECT MAX(annual_premium) FROM book_customer_rank)) AS holders
                          FROM book_customer_rank ORDER BY annual_premium DESC, customer_id LIMIT 1
                        """).query().singleRow();
        assertThat(((Number) largest.get("holders")).longValue()).isEqualTo(1);
        assertThat(((Number) largest.get("premium_rank_pct")).doubleValue()).isEqualTo(100.0);
        assertThat(rank(top)).isEqualTo(100.0);
    }

    @Test
    void theBookTotalIsTheSumOfEveryAnnualPremiumAndLatestReturnsIt() {
        long customer = crm.customer();
        crm.policy(customer, "ACTIVE", D.minusDays(1), "250.00");

        BookStats stats = bookStatistics.refresh(D);

        assertThat(stats.asOfDate()).isEqualTo(D);
        assertThat(stats.customers()).isPositive();
        assertThat(stats.totalAnnualPremium()).isGreaterThanOrEqualTo(new BigDecimal("250.00"));
        BigDecimal sum = jdbc.sql("""
                        SELECT COALESCE(SUM(premium), 0) FROM policy
                         WHERE status = 'ACTIVE' AND start_date <= :d AND end_date > :d
                        """).param("d", D).query(BigDecimal.class).single();
        assertThat(stats.totalAnnualPremium()).isEqualByComparingTo(sum);
        assertThat(bookStatistics.latest()).hasValueSatisfying(latest -> assertThat(latest.id()).isGreaterThanOrEqualTo(stats.id()));
    }

    @Test
    void customersNoLongerInTheBookLoseTheirRank() {
        long leaving = crm.customer();
        bookStatistics.refresh(D);
        assertThat(rankRows(leaving)).isEqualTo(1);

        jdbc.sql("DELETE FROM customer WHERE id = :id").param("id", leaving).update();
        bookStatistics.refresh(D);

        assertThat(rankRows(leaving)).isZero();
    }

    @Test
    void ranksAreTheDatabasesPercentRankOfTheStoredPremiumsToTenDecimals() {
        long customer = crm.customer();
        crm.policy(customer, "ACTIVE", D.minusDays(1), "1234.56");
        crm.policy(crm.customer(), "ACTIVE", D.minusDays(1), "1234.56");
        crm.policy(crm.customer(), "LAPSED", D.minusDays(1), "99.00");

        bookStatistics.refresh(D);

        // PERCENT_RANK over parties (one row each, DESIGN.md section 10), every record of a party ranked as its party
        long differing = jdbc.sql("""
                        SELECT COUNT(*) FROM book_customer_rank all_rows
                          LEFT JOIN party_member m ON m.customer_id = all_rows.customer_id AND m.records > 1
                          JOIN (SELECT r.customer_id, 100 * PERCENT_RANK() OVER (ORDER BY r.annual_premium) AS in_sql
                                  FROM book_customer_rank r %s) ranked
                            ON ranked.customer_id = COALESCE(m.primary_customer_id, all_rows.customer_id)
                         WHERE ABS(all_rows.premium_rank_pct - ranked.in_sql) > 1e-10
                        """.formatted(PARTY_ROWS)).query(Long.class).single();
        long premiumsDiffering = jdbc.sql("""
                        SELECT COUNT(*) FROM customer c
                          LEFT JOIN book_customer_rank r ON r.customer_id = c.id
                          LEFT JOIN party_member m ON m.customer_id = c.id AND m.records > 1
                          LEFT JOIN (SELECT COALESCE(pm.party_no, -pol.customer_id) AS party, SUM(pol.premium) AS annual_premium
                                       FROM policy pol LEFT JOIN party_member pm ON pm.customer_id = pol.customer_id AND pm.records > 1
                                      WHERE pol.status = 'ACTIVE' AND pol.start_date <= :d AND pol.end_date > :d
                                      GROUP BY COALESCE(pm.party_no, -pol.customer_id)) p ON p.party = COALESCE(m.party_no, -c.id)
                         WHERE r.customer_id IS NULL OR r.annual_premium <> COALESCE(p.annual_premium, 0)
                        """).param("d", D).query(Long.class).single();
        assertThat(differing).isZero();
        assertThat(premiumsDiffering).isZero();
    }

    @Test
    void aBookThatDidNotChangeWritesNoRankRowsAndAMovedPremiumWritesItsRows() {
        long customer = crm.customer();
        crm.policy(customer, "ACTIVE", D.minusDays(1), "10.00");
        bookStatistics.refresh(D);

        BookStatistics.Refreshed unchanged = bookStatistics.refreshWithCounts(D);
        assertThat(unchanged.written()).isZero();
        assertThat(unchanged.removed()).isZero();

        crm.policy(customer, "ACTIVE", D.minusDays(1), "5.00");
        BookStatistics.Refreshed moved = bookStatistics.refreshWithCounts(D);
        assertThat(moved.written()).isPositive();
        assertThat(annualPremium(customer)).isEqualByComparingTo("15.00");
        assertThat(moved.stats().customers()).isEqualTo(unchanged.stats().customers());
    }

    private double rank(long customerId) {
        return jdbc.sql("SELECT premium_rank_pct FROM book_customer_rank WHERE customer_id = :id")
                .param("id", customerId).query(Double.class).single();
    }

    private BigDecimal annualPremium(long customerId) {
        return jdbc.sql("SELECT annual_premium FROM book_customer_rank WHERE customer_id = :id")
                .param("id", customerId).query(BigDecimal.class).single();
    }

    private long rankRows(long customerId) {
        return jdbc.sql("SELECT COUNT(*) FROM book_customer_rank WHERE customer_id = :id")
                .param("id", customerId).query(Long.class).single();
    }
}
