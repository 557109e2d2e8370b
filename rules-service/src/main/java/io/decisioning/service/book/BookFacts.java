package io.decisioning.service.book;

import io.decisioning.service.assessment.CustomerColumns;
import io.decisioning.service.assessment.FactSource;
import java.time.LocalDate;
import java.util.Map;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The book figures of DESIGN.md section 4: the book's annual premium, which premiumSharePct is the
 * customer's share of, and premiumRankPct, both from the latest book statistics ({@link BookStatistics}).
 * Before the first statistics of a book the CRM filled after start-up, the share is taken of the
 * book's live in-force premium and the rank is 0. One row per customer: read with the customers.
 */
@Component
@Order(BookFacts.ORDER)
class BookFacts implements FactSource {

    static final int ORDER = 200;

    private static final String COLUMNS = """
            book_rank.premium_rank_pct AS book_rank_pct,
            COALESCE(
                (SELECT NULLIF(b.total_annual_premium, 0) FROM book_stats b ORDER BY b.id DESC LIMIT 1),
                (SELECT SUM(bp.premium) FROM policy bp
                  WHERE bp.status = 'ACTIVE' AND bp.start_date <= :bookDay AND bp.end_date > :bookDay)) AS book_total""";

    @Override
    public CustomerColumns customerColumns(LocalDate asOf) {
        return new CustomerColumns("LEFT JOIN book_customer_rank book_rank ON book_rank.customer_id = c.id", COLUMNS,
                Map.of("bookDay", asOf),
                (row, subject, facts) -> facts.profile(subject).book(row.getBigDecimal("book_total"),
                        row.getDouble("book_rank_pct")));
    }
}
