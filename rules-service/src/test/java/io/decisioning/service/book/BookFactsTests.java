package io.decisioning.service.book;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.decisioning.rules.CustomerProfile;
import io.decisioning.service.assessment.AssessmentPipeline;
import io.decisioning.service.assessment.EvaluationDate;
import io.decisioning.service.assessment.Selection;
import io.decisioning.service.customer.CrmFixtures;
import io.decisioning.service.system.DatabaseTest;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The book figures a customer is evaluated with: the latest statistics' as of today, that date's
 * own as of an earlier date (a back-test), each compared with the database's PERCENT_RANK and sum over
 * the whole book (a shared database: other tests' customers are in it too).
 */
@DatabaseTest
class BookFactsTests {

    @Autowired
    AssessmentPipeline pipeline;

    @Autowired
    BookStatistics bookStatistics;

    @Autowired
    EvaluationDate evaluationDate;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    CrmFixtures crm;

    @Test
    void asOfAnEarlierDateTheFiguresAreThatDatesAndAsOfTodayTheLatestStatistics() {
        LocalDate today = evaluationDate.today();
        LocalDate earlier = today.minusDays(200);
        long longStanding = crm.customer();
        crm.policy(longStanding, "ACTIVE", earlier.minusDays(100), today.plusDays(100), "900000000.00");
        long recent = crm.customer();
        crm.policy(recent, "ACTIVE", today.minusDays(10), today.plusDays(300), "5000000000.00");
        long lapsed = crm.customer();
        crm.policy(lapsed, "ACTIVE", earlier.minusDays(300), earlier.plusDays(60), "700000000.00");
        List<Long> customers = List.of(longStanding, recent, lapsed);
        bookStatistics.refresh(today);

        Map<Long, CustomerProfile> asOfToday = profiles(customers, today);
        Map<Long, CustomerProfile> asOfEarlier = profiles(customers, earlier);

        for (LocalDate day : List.of(today, earlier)) {
            Map<Long, CustomerProfile> profiles = day.equals(today) ? asOfToday : asOfEarlier;
            Map<Long, Double> ranks = percentRanks(customers, day);
            BigDecimal book = bookPremium(day);
            for (long customer : customers) {
                CustomerProfile profile = profiles.get(customer);
                assertThat(profile.premiumRankPct()).as("rank of %s as of %s", customer, day)
                        .isCloseTo(ranks.get(customer), within(1e-9));
                double share = BigDecimal.valueOf(profile.annualPremium()).multiply(BigDecimal.valueOf(100))
                        .divide(book, MathContext.DECIMAL64).doubleValue();
                assertThat(profile.premiumSharePct()).as("share of %s as of %s", customer, day)
                        .isCloseTo(share, within(1e-9));
            }
        }
        assertThat(asOfEarlier.get(recent).premiumRankPct()).isLessThan(asOfEarlier.get(lapsed).premiumRankPct());
        assertThat(asOfToday.get(recent).premiumRankPct()).isGreaterThan(asOfToday.get(lapsed).premiumRankPct());
        assertThat(asOfToday.get(lapsed).annualPremium()).isZero();
    }

    private Map<Long, CustomerProfile> profiles(List<Long> customers, LocalDate asOf) {
        AssessmentPipeline.Read read = pipeline.read(Selection.ids(customers), asOf);
        Map<String, Long> byNumber = customers.stream().collect(Collectors.toMap(crm::customerNo, id -> id));
        return read.inputs().stream().collect(Collectors.toMap(
                input -> byNumber.get(input.profile().customerNo()), input -> input.profile()));
    }

    /** PERCENT_RANK over parties (DESIGN.md section 10; the customers here are each alone). */
    private Map<Long, Double> percentRanks(List<Long> customers, LocalDate asOf) {
        return jdbc.sql("""
                        SELECT id, pct FROM (
                            SELECT c.id, 100 * PERCENT_RANK() OVER (ORDER BY COALESCE(p.annual_premium, 0)) AS pct
                              FROM customer c
                              LEFT JOIN party_member m ON m.customer_id = c.id AND m.records > 1
                              LEFT JOIN (SELECT COALESCE(pm.party_no, -pol.customer_id) AS party, SUM(pol.premium) AS annual_premium
                                           FROM policy pol LEFT JOIN party_member pm ON pm.customer_id = pol.customer_id AND pm.records > 1
                                          WHERE pol.status = 'ACTIVE' AND pol.start_date <= :d AND pol.end_date > :d
                                          GROUP BY COALESCE(pm.party_no, -pol.customer_id)) p ON p.party = COALESCE(m.party_no, -c.id)
                             WHERE m.customer_id IS NULL OR m.primary_customer_id = c.id) ranked
                         WHERE id IN (:ids)
                        """)
                .param("d", asOf)
                .param("ids", customers)
                .query((rs, row) -> Map.entry(rs.getLong("id"), rs.getDouble("pct")))
                .list().stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private BigDecimal bookPremium(LocalDate asOf) {
        return jdbc.sql("""
                        SELECT SUM(premium) FROM policy
                         WHERE status = 'ACTIVE' AND start_date <= :d AND end_date > :d
                        """)
                .param("d", asOf)
                .query(BigDecimal.class).single();
    }
}
