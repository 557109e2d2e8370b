package io.decisioning.service.book;

import io.decisioning.service.assessment.FactSource;
import io.decisioning.service.assessment.Facts;
import io.decisioning.service.assessment.ProfileFacts;
import io.decisioning.service.assessment.Subjects;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.HashMap;
import java.util.Map;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The book figures of DESIGN.md section 4: premiumSharePct (the customer's annual premium over the
 * book's) and premiumRankPct, both from the latest book statistics ({@link BookStatistics}). Before
 * the first statistics of a book the CRM filled after start-up, the share is taken against the book's
 * live in-force premium and the rank is 0. One statement for any set of customers.
 */
@Component
@Order(BookFacts.ORDER)
class BookFacts implements FactSource {

    /** After the policy figures, whose annual premium the share divides. */
    static final int ORDER = 200;

    /**
     * The book total first (a row of its own, so it comes when no customer has a rank yet), then the
     * customers' ranks.
     */
    private static final String FIGURES = """
            SELECT NULL AS customer_id, NULL AS premium_rank_pct,
                   COALESCE(
                       (SELECT NULLIF(b.total_annual_premium, 0) FROM book_stats b ORDER BY b.id DESC LIMIT 1),
                       (SELECT SUM(bp.premium) FROM policy bp
                         WHERE bp.status = 'ACTIVE' AND bp.start_date <= :d AND bp.end_date > :d)) AS book_total
            UNION ALL
            SELECT r.customer_id, r.premium_rank_pct, NULL
              FROM book_customer_rank r
             WHERE %s""";

    private final JdbcClient jdbc;

    BookFacts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void read(Subjects subjects, Facts facts) {
        if (!subjects.hasCustomers()) {
            return;
        }
        Subjects.Condition ranked = subjects.customersIn("r.customer_id", "r");
        Map<Long, Double> ranks = new HashMap<>();
        BigDecimal[] total = {null};
        jdbc.sql(FIGURES.formatted(ranked.sql()))
                .params(ranked.params())
                .param("d", subjects.asOf())
                .query((RowCallbackHandler) rs -> {
                    long customerId = rs.getLong("customer_id");
                    if (rs.wasNull()) {
                        total[0] = rs.getBigDecimal("book_total");
                    } else {
                        ranks.put(customerId, rs.getDouble("premium_rank_pct"));
                    }
                });
        BigDecimal bookTotal = total[0];
        for (long customerId : subjects.customerIds()) {
            ProfileFacts profile = facts.profile(customerId);
            double share = bookTotal == null || bookTotal.signum() == 0 ? 0
                    : profile.annualPremium().multiply(BigDecimal.valueOf(100)).divide(bookTotal, MathContext.DECIMAL64)
                    .doubleValue();
            profile.book(share, ranks.getOrDefault(customerId, 0.0));
        }
    }
}
