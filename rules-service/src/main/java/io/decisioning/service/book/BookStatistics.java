package io.decisioning.service.book;

import io.decisioning.service.assessment.IdRange;
import io.decisioning.service.system.BulkSql;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The book-wide figures of DESIGN.md section 4: the total annual premium (for premiumSharePct) and
 * every customer's percent rank by annual premium (premiumRankPct), kept in {@code book_customer_rank};
 * both of parties (DESIGN.md section 10): a record of a party of several has the party's premium and rank.
 * Computed nightly and at start-up when none exist.
 *
 * <p>How: not one {@code INSERT ... SELECT ... PERCENT_RANK() OVER ...} over the book, which would
 * offer every customer's row to the table again every night, changed or not (BENCHMARKS.md has the
 * figures), but the book read in ranges of {@value #RANGE} customer ids, {@value #READERS} at a time:
 * each customer's annual premium (customers by primary key, policies from the covering policy index),
 * kept in memory (24 bytes a customer: id, premium and the sorted distribution a rank is read from);
 * then, range by range, the stored ranks, compared with
 * the new ones, and only the rows that are new or moved are written. A night on which the book did
 * not change writes nothing.
 *
 * <p>The rank is PERCENT_RANK's, computed in Java with the same floating-point operations as
 * MariaDB and MySQL: {@code 100 * (customers with a smaller annual premium) / (customers - 1)}, ties
 * sharing a rank, the largest 100 when it is unique, customers without premium in force at 0 premium;
 * rounded to 10 decimals, as MariaDB stored it.
 */
@Service
public class BookStatistics {

    /** Customers per round of reads. */
    static final int RANGE = 50_000;

    private static final Logger log = LoggerFactory.getLogger(BookStatistics.class);

    /** The customers of a range of ids, by id (the primary key alone). */
    private static final String CUSTOMER_IDS = "SELECT id FROM customer WHERE id BETWEEN :fromId AND :toId ORDER BY id";

    /**
     * The annual premium of each customer with policies in a range of ids (null without premium in
     * force), by id: one walk of the covering policy index, grouped in its order. A join from customer
     * to policy, as this read was first written, looked up each customer's policies one by one and took
     * twice as long.
     */
    private static final String PREMIUMS = """
            SELECT customer_id,
                   SUM(CASE WHEN status = 'ACTIVE' AND start_date <= :asOf AND end_date > :asOf
                            THEN premium END) AS annual_premium
              FROM policy
             WHERE customer_id BETWEEN :fromId AND :toId
             GROUP BY customer_id
             ORDER BY customer_id""";

    /**
     * Ranges read at once in the first read, each on a connection of its own: the statements of one
     * range keep one core of the database busy, and the database's other cores are idle while the run
     * prepares (nothing else of the run works until the ranks are ready).
     */
    static final int READERS = 2;

    private static final String UPSERT_HEAD = "INSERT INTO book_customer_rank (customer_id, annual_premium, premium_rank_pct) VALUES ";
    private static final String UPSERT_TAIL =
            "ON DUPLICATE KEY UPDATE annual_premium = VALUES(annual_premium), premium_rank_pct = VALUES(premium_rank_pct)";

    private final JdbcClient jdbc;
    private final JdbcOperations plain;
    private final Clock clock;

    BookStatistics(JdbcClient jdbc, JdbcOperations plain, Clock clock) {
        this.clock = clock;
        this.jdbc = jdbc;
        this.plain = plain;
    }

    /**
     * Ranks every customer by annual premium as of {@code asOf}, brings {@code book_customer_rank} up
     * to date (rows written only where the premium or the rank moved, rows of customers no longer in
     * the book removed) and records a new {@code book_stats} row, all in one transaction, so readers
     * see either the previous figures or these.
     *
     * <p>The CRM may write while this runs (READ COMMITTED): a customer added between the two reads is
     * ranked against the distribution of the first read, and the totals are those of the second.
     */
    @Transactional
    public BookStats refresh(LocalDate asOf) {
        return refreshWithCounts(asOf).stats();
    }

    /** {@link #refresh}, telling how many rank rows it wrote and removed. */
    @Transactional
    Refreshed refreshWithCounts(LocalDate asOf) {
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
        Map<String, Object> span = jdbc.sql("SELECT MIN(id) AS first_id, MAX(id) AS last_id FROM customer")
                .query().singleRow();
        long firstId = span.get("first_id") == null ? 1 : ((Number) span.get("first_id")).longValue();
        long lastId = span.get("last_id") == null ? 0 : ((Number) span.get("last_id")).longValue();

        List<RangePremiums> premiums = byParty(premiums(asOf, ranges(firstId, lastId)));
        PremiumDistribution distribution = PremiumDistribution.of(premiums);
        long customers = 0;
        long totalCents = 0;
        int written = 0;
        int removed = jdbc.sql("DELETE FROM book_customer_rank WHERE customer_id < :firstId OR customer_id > :lastId")
                .param("firstId", firstId)
                .param("lastId", lastId)
                .update();
        for (RangePremiums range : premiums) {
            Round round = rankRange(range, distribution);
            customers += round.customers();
            totalCents = Math.addExact(totalCents, round.premiumCents());
            written += round.written();
            removed += round.removed();
        }
        jdbc.sql("UPDATE book_stats SET customers = :customers, total_annual_premium = :total WHERE id = :statsId")
                .param("customers", customers)
                .param("total", BigDecimal.valueOf(totalCents, 2))
                .param("statsId", statsId)
                .update();
        BookStats stats = byId(statsId);
        log.info("Book statistics as of {}: {} customers, total annual premium {} ({} rank rows written, {} removed, {} ms)",
                asOf, stats.customers(), stats.totalAnnualPremium(), written, removed,
                (System.nanoTime() - started) / 1_000_000);
        return new Refreshed(stats, written, removed);
    }

    /**
     * The book figures as of a date, computed from the CRM as {@link #refresh} would, without storing
     * anything: for evaluations as of a past date (a back-test), whose figures are not the latest
     * nightly run's. Holds 24 bytes a customer.
     */
    public BookFigures figuresAsOf(LocalDate asOf) {
        Map<String, Object> span = jdbc.sql("SELECT MIN(id) AS first_id, MAX(id) AS last_id FROM customer")
                .query().singleRow();
        long firstId = span.get("first_id") == null ? 1 : ((Number) span.get("first_id")).longValue();
        long lastId = span.get("last_id") == null ? 0 : ((Number) span.get("last_id")).longValue();
        List<RangePremiums> premiums = byParty(premiums(asOf, ranges(firstId, lastId)));
        return new BookFigures(asOf, premiums, PremiumDistribution.of(premiums));
    }

    /** Every customer's annual premium and percent rank as of {@link #asOf}, and the book's total. */
    public static final class BookFigures {

        private final LocalDate asOf;
        private final List<RangePremiums> ranges;
        private final PremiumDistribution distribution;
        private final BigDecimal total;

        private BookFigures(LocalDate asOf, List<RangePremiums> ranges, PremiumDistribution distribution) {
            this.asOf = asOf;
            this.ranges = List.copyOf(ranges);
            this.distribution = distribution;
            long cents = 0;
            for (RangePremiums range : ranges) {
                for (int i = 0; i < range.cents().length; i++) {
                    if (!range.secondary()[i]) {
                        cents = Math.addExact(cents, range.cents()[i]);
                    }
                }
            }
            this.total = BigDecimal.valueOf(cents, 2);
        }

        public LocalDate asOf() {
            return asOf;
        }

        /** The book's annual premium. */
        public BigDecimal total() {
            return total;
        }

        /** The customer's percent rank by annual premium; 0 for a customer not in the book that day. */
        public double percentRank(long customerId) {
            for (RangePremiums range : ranges) {
                if (customerId >= range.range().fromId() && customerId <= range.range().toId()) {
                    int at = Arrays.binarySearch(range.ids(), customerId);
                    return at < 0 ? 0 : distribution.percentRank(range.cents()[at]);
                }
            }
            return 0;
        }
    }

    /** Consecutive ranges of {@link #RANGE} customers each (the last one fewer), covering firstId to lastId. */
    private List<IdRange> ranges(long firstId, long lastId) {
        List<IdRange> ranges = new ArrayList<>();
        long from = firstId;
        while (from <= lastId) {
            Long end = jdbc.sql("SELECT id FROM customer WHERE id >= :fromId ORDER BY id LIMIT 1 OFFSET :skip")
                    .param("fromId", from)
                    .param("skip", RANGE - 1)
                    .query(Long.class)
                    .optional()
                    .orElse(lastId);
            long to = Math.min(end, lastId);
            ranges.add(new IdRange(from, to));
            from = to + 1;
        }
        return ranges;
    }

    /**
     * The first read: every customer's annual premium, range by range, {@value #READERS} ranges at a
     * time. The reads run outside the refresh's transaction, on connections of their own (READ
     * COMMITTED: each statement sees what the CRM committed, as it would inside the transaction).
     */
    private List<RangePremiums> premiums(LocalDate asOf, List<IdRange> ranges) {
        AtomicInteger threads = new AtomicInteger();
        ExecutorService readers = Executors.newFixedThreadPool(READERS, task -> {
            Thread thread = new Thread(task, "book-statistics-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<RangePremiums>> reads = ranges.stream()
                    .map(range -> readers.submit(() -> premiums(asOf, range)))
                    .toList();
            List<RangePremiums> premiums = new ArrayList<>(ranges.size());
            for (Future<RangePremiums> read : reads) {
                premiums.add(read.get());
            }
            return premiums;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new IllegalStateException("Reading the book's premiums failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while reading the book's premiums", e);
        } finally {
            readers.shutdownNow();
        }
    }

    /** The customers of one range with their annual premiums: their ids, then their policies' sums merged in. */
    private RangePremiums premiums(LocalDate asOf, IdRange range) {
        LongList customerIds = new LongList();
        jdbc.sql(CUSTOMER_IDS)
                .param("fromId", range.fromId())
                .param("toId", range.toId())
                .query((RowCallbackHandler) rs -> customerIds.add(rs.getLong(1)));
        long[] ids = customerIds.toArray();
        long[] cents = new long[ids.length];
        jdbc.sql(PREMIUMS)
                .param("fromId", range.fromId())
                .param("toId", range.toId())
                .param("asOf", asOf)
                .query((RowCallbackHandler) rs -> {
                    int customer = Arrays.binarySearch(ids, rs.getLong("customer_id"));
                    BigDecimal premium = rs.getBigDecimal("annual_premium");
                    if (customer >= 0 && premium != null) { // else a customer added since the first statement
                        cents[customer] = cents(premium);
                    }
                });
        return new RangePremiums(range, ids, cents, new boolean[ids.length]);
    }

    /**
     * The premiums as parties hold them (DESIGN.md section 10): each record of a party of several gets the
     * party's annual premium, and all but its primary record are marked secondary, so that the
     * distribution has one row per party (PERCENT_RANK over parties) and the book's total counts each
     * premium once. Records alone, most of them, keep their own.
     */
    private List<RangePremiums> byParty(List<RangePremiums> ranges) {
        Map<Long, long[]> members = new HashMap<>(); // customer id -> {party no, primary id}
        jdbc.sql("SELECT customer_id, party_no, primary_customer_id FROM party_member WHERE records > 1")
                .query((RowCallbackHandler) rs -> members.put(rs.getLong(1), new long[] {rs.getLong(2), rs.getLong(3)}));
        if (members.isEmpty()) {
            return ranges;
        }
        Map<Long, Long> partyCents = new HashMap<>();
        for (RangePremiums range : ranges) {
            for (int i = 0; i < range.ids().length; i++) {
                long[] member = members.get(range.ids()[i]);
                if (member != null) {
                    partyCents.merge(member[0], range.cents()[i], Math::addExact);
                }
            }
        }
        for (RangePremiums range : ranges) {
            for (int i = 0; i < range.ids().length; i++) {
                long[] member = members.get(range.ids()[i]);
                if (member != null) {
                    range.cents()[i] = partyCents.get(member[0]);
                    range.secondary()[i] = member[1] != range.ids()[i];
                }
            }
        }
        return ranges;
    }

    /** The second step for one range: ranks computed, compared with the stored ones, changes written. */
    private Round rankRange(RangePremiums range, PremiumDistribution distribution) {
        Map<Long, StoredRank> stored = new HashMap<>();
        jdbc.sql("""
                        SELECT customer_id, annual_premium, premium_rank_pct FROM book_customer_rank
                         WHERE customer_id BETWEEN :fromId AND :toId
                        """)
                .param("fromId", range.range().fromId())
                .param("toId", range.range().toId())
                .query((RowCallbackHandler) rs -> stored.put(rs.getLong("customer_id"),
                        new StoredRank(cents(rs.getBigDecimal("annual_premium")), rs.getDouble("premium_rank_pct"))));
        List<Object[]> changed = new ArrayList<>();
        long premiumCents = 0;
        for (int i = 0; i < range.ids().length; i++) {
            long id = range.ids()[i];
            long cents = range.cents()[i];
            if (!range.secondary()[i]) { // a party's premium counts once, with its primary record
                premiumCents = Math.addExact(premiumCents, cents);
            }
            double rank = distribution.percentRank(cents);
            StoredRank before = stored.remove(id);
            if (before == null || before.premiumCents() != cents || Double.compare(before.rankPct(), rank) != 0) {
                changed.add(new Object[] {id, BigDecimal.valueOf(cents, 2), rank});
            }
        }
        BulkSql.insert(plain, UPSERT_HEAD, 3, UPSERT_TAIL, changed);
        if (!stored.isEmpty()) { // ranks of customers no longer in the CRM
            jdbc.sql("DELETE FROM book_customer_rank WHERE customer_id IN (:ids)")
                    .param("ids", List.copyOf(stored.keySet()))
                    .update();
        }
        return new Round(range.ids().length, premiumCents, changed.size(), stored.size());
    }

    private static long cents(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.UNNECESSARY).unscaledValue().longValueExact();
    }

    /** Every customer's annual premium (in cents, 0 without premium in force), sorted. */
    record PremiumDistribution(long[] sortedPremiums) {

        static PremiumDistribution of(List<RangePremiums> ranges) {
            long[] all = ranges.stream().flatMapToLong(r -> IntStream.range(0, r.cents().length)
                    .filter(i -> !r.secondary()[i]).mapToLong(i -> r.cents()[i])).toArray();
            Arrays.sort(all);
            return new PremiumDistribution(all);
        }

        /**
         * 100 * PERCENT_RANK() of an annual premium (in cents) in this book, with the databases' operations:
         * {@code (rank - 1) / (rows - 1)} in double precision, times 100, rounded to 10 decimals as MariaDB
         * stores the window function's result (so ranks stored by the earlier SQL compare equal); 0 in a
         * book of one customer.
         */
        double percentRank(long premiumCents) {
            int customers = sortedPremiums.length;
            if (customers <= 1) {
                return 0;
            }
            double rank = 100 * ((double) lowerBound(premiumCents) / (double) (customers - 1));
            double rounded = Math.rint(rank * 1e10) / 1e10;
            return Math.min(100, rounded); // a premium above the book's (a customer added since the first read)
        }

        /** How many customers have a smaller annual premium than {@code cents}. */
        private int lowerBound(long cents) {
            int low = 0;
            int high = sortedPremiums.length;
            while (low < high) {
                int mid = (low + high) >>> 1;
                if (sortedPremiums[mid] < cents) {
                    low = mid + 1;
                } else {
                    high = mid;
                }
            }
            return low;
        }
    }

    /** A refresh's figures, and how many rank rows it wrote (new or moved) and removed. */
    record Refreshed(BookStats stats, int written, int removed) {
    }

    /**
     * The customers of a range of ids and their annual premiums in cents, by id; {@code secondary} marks the
     * records of a party of several but its primary, whose premium is the party's and counts once.
     */
    private record RangePremiums(IdRange range, long[] ids, long[] cents, boolean[] secondary) {
    }

    /** A growable array of longs (a million customers' premiums without a million Long objects). */
    private static final class LongList {

        private long[] values = new long[1024];
        private int size;

        void add(long value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        long[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }

    private record StoredRank(long premiumCents, double rankPct) {
    }

    private record Round(int customers, long premiumCents, int written, int removed) {
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
