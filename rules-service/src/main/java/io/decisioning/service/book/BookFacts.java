package io.decisioning.service.book;

import io.decisioning.service.assessment.CustomerColumns;
import io.decisioning.service.assessment.EvaluationDate;
import io.decisioning.service.assessment.FactSource;
import io.decisioning.service.assessment.Facts;
import io.decisioning.service.assessment.ProfileFacts;
import io.decisioning.service.assessment.Subjects;
import java.time.LocalDate;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The book figures of DESIGN.md section 4: the book's annual premium, which premiumSharePct is the
 * customer's share of, and premiumRankPct.
 * <ul>
 *   <li>From the latest book statistics ({@link BookStatistics}), one row per customer read with the
 *       customers themselves. Before the first statistics of a book the CRM filled after start-up, the
 *       share is taken of the book's live in-force premium and the rank is 0.</li>
 *   <li>Evaluated as of a date before the latest statistics' (a back-test), the stored figures would
 *       come from that evaluation's future: the figures of its date are computed from the CRM for the
 *       whole book instead, once per date, and kept for the next evaluations as of the same date.</li>
 * </ul>
 * An evaluation as of today (or of a nightly run's date after midnight) costs no statement of its own.
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

    private final BookStatistics statistics;
    private final EvaluationDate evaluationDate;
    private volatile BookStatistics.@Nullable BookFigures past;

    BookFacts(BookStatistics statistics, EvaluationDate evaluationDate) {
        this.statistics = statistics;
        this.evaluationDate = evaluationDate;
    }

    @Override
    public CustomerColumns customerColumns(LocalDate asOf) {
        return new CustomerColumns("LEFT JOIN book_customer_rank book_rank ON book_rank.customer_id = c.id", COLUMNS,
                Map.of("bookDay", asOf),
                (row, subject, facts) -> facts.profile(subject).book(row.getBigDecimal("book_total"),
                        row.getDouble("book_rank_pct")));
    }

    /** As of a past date, replaces the stored figures when they are of a later date than the evaluation's. */
    @Override
    public void read(Subjects subjects, Facts facts) {
        LocalDate asOf = subjects.asOf();
        if (!asOf.isBefore(evaluationDate.today()) || !subjects.hasCustomers()) {
            return;
        }
        boolean storedLater = statistics.latest().map(stats -> stats.asOfDate().isAfter(asOf)).orElse(false);
        if (!storedLater) {
            return;
        }
        BookStatistics.BookFigures figures = figuresAsOf(asOf);
        for (long customerId : subjects.customerIds()) {
            ProfileFacts profile = facts.profile(customerId);
            if (profile != null) {
                profile.book(figures.total(), figures.percentRank(customerId));
            }
        }
    }

    private BookStatistics.BookFigures figuresAsOf(LocalDate asOf) {
        BookStatistics.BookFigures known = past;
        if (known != null && known.asOf().equals(asOf)) {
            return known;
        }
        synchronized (this) {
            known = past;
            if (known == null || !known.asOf().equals(asOf)) {
                known = statistics.figuresAsOf(asOf);
                past = known;
            }
            return known;
        }
    }
}
