package io.decisioning.service.customer;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The book-wide figures of DESIGN.md section 4: the total annual premium (for premiumSharePct) and
 * every customer's percent rank by annual premium (premiumRankPct). Computed set-based, in three
 * statements over the whole book, nightly and at start-up when none exist.
 *
 * <p>Plain SQL that runs on MySQL 8 and MariaDB 10.6+ alike: {@code PERCENT_RANK()} and
 * {@code ON DUPLICATE KEY UPDATE c = VALUES(c)} (not MySQL's {@code INSERT ... AS new} alias).
 */
@Service
public class BookStatistics {

    /** Start-up order of the first refresh: after {@link DemoData#ORDER}, before consumers of premium ranks. */
    public static final int STARTUP_ORDER = DemoData.ORDER + 100;

    private static final Logger log = LoggerFactory.getLogger(BookStatistics.class);

    private final JdbcClient jdbc;
    private final Clock clock = Clock.systemUTC();

    BookStatistics(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Ranks every customer by annual premium as of {@code asOf} (ties share a rank, the largest is
     * 100 when it is unique, customers without premium included), upserts {@code book_customer_rank},
     * drops ranks of customers no longer in the book and records a new {@code book_stats} row: all
     * in one transaction, so readers see either the previous run or this one.
     */
    @Transactional
    public BookStats refresh(LocalDate asOf) {
        long started = System.nanoTime();
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                        INSERT INTO book_stats (as_of_date, computed_at, customers, total_annual_premium)
                        VALUES (:asOf, :computedAt, 0, 0)
                        """)
                .param("asOf", asOf)
                .param("computedAt", LocalDateTime.now(clock))
                .update(key, "id");
        long statsId = Objects.requireNonNull(key.getKey(), "book_stats id").longValue();
        int ranked = jdbc.sql("""
                        INSERT INTO book_customer_rank (customer_id, annual_premium, premium_rank_pct, book_stats_id)
                        SELECT ranked.customer_id, ranked.annual_premium, ranked.premium_rank_pct, :statsId
                          FROM (SELECT premiums.customer_id, premiums.annual_premium,
                                       100 * PERCENT_RANK() OVER (ORDER BY premiums.annual_premium) AS premium_rank_pct
                                  FROM (SELECT c.id AS customer_id,
                                               COALESCE(SUM(CASE WHEN p.status = 'ACTIVE' AND p.start_date <= :asOf
                                                                  AND p.end_date > :asOf THEN p.premium END), 0) AS annual_premium
                                          FROM customer c
                                          LEFT JOIN policy p ON p.customer_id = c.id
                                         GROUP BY c.id) premiums) ranked
                        ON DUPLICATE KEY UPDATE annual_premium = VALUES(annual_premium),
                                                premium_rank_pct = VALUES(premium_rank_pct),
                                                book_stats_id = VALUES(book_stats_id)
                        """)
                .param("statsId", statsId)
                .param("asOf", asOf)
                .update();
        int removed = jdbc.sql("DELETE FROM book_customer_rank WHERE book_stats_id <> :statsId")
                .param("statsId", statsId)
                .update();
        jdbc.sql("""
                        UPDATE book_stats s
                          JOIN (SELECT COUNT(*) AS customers, COALESCE(SUM(annual_premium), 0) AS total
                                  FROM book_customer_rank) r
                           SET s.customers = r.customers, s.total_annual_premium = r.total
                         WHERE s.id = :statsId
                        """)
                .param("statsId", statsId)
                .update();
        BookStats stats = byId(statsId);
        log.info("Book statistics as of {}: {} customers, total annual premium {} ({} rank rows written, {} removed, {} ms)",
                asOf, stats.customers(), stats.totalAnnualPremium(), ranked, removed,
                (System.nanoTime() - started) / 1_000_000);
        return stats;
    }

    /** The latest book statistics; empty before the first run. */
    public Optional<BookStats> latest() {
        return jdbc.sql("""
                        SELECT id, as_of_date, computed_at, customers, total_annual_premium
                          FROM book_stats ORDER BY id DESC LIMIT 1
                        """)
                .query(BookStats.class)
                .optional();
    }

    private BookStats byId(long id) {
        return jdbc.sql("""
                        SELECT id, as_of_date, computed_at, customers, total_annual_premium
                          FROM book_stats WHERE id = :id
                        """)
                .param("id", id)
                .query(BookStats.class)
                .single();
    }

    /** Whether any book statistics exist (start-up computes them when not). */
    boolean exists() {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM book_stats) AS present").query(Boolean.class).single();
    }
}
