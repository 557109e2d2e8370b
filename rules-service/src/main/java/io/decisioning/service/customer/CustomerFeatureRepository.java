package io.decisioning.service.customer;

import java.math.BigDecimal;
import java.math.MathContext;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Period;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;
import org.springframework.stereotype.Repository;

/**
 * Computes the customer features of DESIGN.md section 4 (contract) with one set-based query per
 * customer-id range. One customer is a range of one; the nightly batch streams a partition.
 *
 * <p>How the query stays cheap: each aggregate reads only the covering indexes of V1
 * ({@code policy (customer_id, status, start_date, end_date, premium, product_line)} and
 * {@code claim (customer_id, loss_date, status, paid_amount, policy_id)}), restricted to the range
 * in its own WHERE so that it is materialized for that range only; the policy of a claim is
 * looked up by primary key only for the claims of the last 12 months (early claims). The date
 * boundaries are computed here in Java; so are whole years ({@link Period}, leap days included),
 * from the dates the query returns.
 */
@Repository
public class CustomerFeatureRepository {

    /** Rows per round trip when streaming with the MariaDB driver (which streams with any positive size). */
    private static final int MARIADB_FETCH_SIZE = 1000;

    /**
     * The features of customers in an id range. The book total is the latest book statistics' (one
     * value per statement); when those are missing or of an empty book (a fresh database the CRM
     * fills after the service started), the live total of in-force premium is used instead, so the
     * premium share is meaningful before the first nightly run. The percent rank stays 0 until then.
     */
    private static final String FEATURES = """
            SELECT c.id, c.customer_no, c.customer_type, c.name, c.id_type, c.id_number, c.birth_date, c.phone,
                   c.branch_code, c.account_manager, c.created_at,
                   p.annual_premium, p.premium_3y, p.product_lines, p.first_start,
                   k.paid_3y, k.claims_12m, k.early_claims_12m, k.last_loss,
                   r.premium_rank_pct,
                   COALESCE(
                       (SELECT NULLIF(b.total_annual_premium, 0) FROM book_stats b ORDER BY b.id DESC LIMIT 1),
                       (SELECT SUM(bp.premium) FROM policy bp
                         WHERE bp.status = 'ACTIVE' AND bp.start_date <= :d AND bp.end_date > :d)) AS book_total
              FROM customer c
              LEFT JOIN (
                    SELECT customer_id,
                           SUM(CASE WHEN status = 'ACTIVE' AND start_date <= :d AND end_date > :d
                                    THEN premium ELSE 0 END) AS annual_premium,
                           SUM(CASE WHEN status <> 'CANCELLED' AND start_date > :d3y AND start_date <= :d
                                    THEN premium ELSE 0 END) AS premium_3y,
                           COUNT(DISTINCT CASE WHEN status = 'ACTIVE' AND start_date <= :d AND end_date > :d
                                    THEN product_line END) AS product_lines,
                           MIN(start_date) AS first_start
                      FROM policy
                     WHERE customer_id BETWEEN :fromId AND :toId
                     GROUP BY customer_id) p ON p.customer_id = c.id
              LEFT JOIN (
                    SELECT cl.customer_id,
                           SUM(CASE WHEN cl.loss_date > :d3y THEN cl.paid_amount ELSE 0 END) AS paid_3y,
                           SUM(CASE WHEN cl.status <> 'WITHDRAWN' AND cl.loss_date > :d12m
                                    THEN 1 ELSE 0 END) AS claims_12m,
                           SUM(CASE WHEN pol.id IS NOT NULL AND DATEDIFF(cl.loss_date, pol.start_date) BETWEEN 0 AND 30
                                    THEN 1 ELSE 0 END) AS early_claims_12m,
                           MAX(CASE WHEN cl.status <> 'WITHDRAWN' THEN cl.loss_date END) AS last_loss
                      FROM claim cl
                      LEFT JOIN policy pol
                             ON pol.id = cl.policy_id AND cl.status <> 'WITHDRAWN' AND cl.loss_date > :d12m
                     WHERE cl.customer_id BETWEEN :fromId AND :toId AND cl.loss_date <= :d
                     GROUP BY cl.customer_id) k ON k.customer_id = c.id
              LEFT JOIN book_customer_rank r ON r.customer_id = c.id
             WHERE c.id BETWEEN :fromId AND :toId
             ORDER BY c.id
            """;

    /** The same query for a list of customer ids (events: customers scattered over the book). */
    private static final String FEATURES_BY_IDS = FEATURES
            .replace("customer_id BETWEEN :fromId AND :toId", "customer_id IN (:ids)")
            .replace("c.id BETWEEN :fromId AND :toId", "c.id IN (:ids)");

    private final JdbcClient jdbc;
    private final DataSource dataSource;
    private volatile @Nullable Integer streamFetchSize;

    CustomerFeatureRepository(JdbcClient jdbc, DataSource dataSource) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
    }

    /** The features of one customer as of {@code asOf}; empty when no customer has this id. */
    public Optional<CustomerFeatures> forCustomer(long customerId, LocalDate asOf) {
        return features(new IdRange(customerId, customerId), asOf).query(mapper(asOf)).optional();
    }

    /** The features of the customer with this number as of {@code asOf}; empty when there is none. */
    public Optional<CustomerFeatures> forCustomerNo(String customerNo, LocalDate asOf) {
        return jdbc.sql("SELECT id FROM customer WHERE customer_no = :customerNo")
                .param("customerNo", customerNo)
                .query(Long.class)
                .optional()
                .flatMap(id -> forCustomer(id, asOf));
    }

    /** The features of every customer in {@code range}, by ascending id, read into a list. */
    public List<CustomerFeatures> forRange(IdRange range, LocalDate asOf) {
        return features(range, asOf).query(mapper(asOf)).list();
    }

    /** Each customer in {@code range} with its features, by ascending id (a chunk of the nightly run). */
    public List<CustomerSnapshot> snapshotsInRange(IdRange range, LocalDate asOf) {
        return features(range, asOf).query((rs, row) -> snapshot(rs, asOf)).list();
    }

    /** Each of these customers that exists, with its features, by ascending id. */
    public List<CustomerSnapshot> snapshotsOf(Collection<Long> customerIds, LocalDate asOf) {
        if (customerIds.isEmpty()) {
            return List.of();
        }
        if (FEATURES_BY_IDS.contains(":fromId")) {
            throw new IllegalStateException("the id-list form of the features query still has a range in it");
        }
        return jdbc.sql(FEATURES_BY_IDS)
                .param("ids", List.copyOf(customerIds))
                .param("d", asOf)
                .param("d3y", asOf.minusYears(3))
                .param("d12m", asOf.minusMonths(12))
                .query((rs, row) -> snapshot(rs, asOf))
                .list();
    }

    /**
     * The features of every customer in {@code range}, by ascending id, streamed row by row from one
     * query (constant memory for any range). Close the stream (try-with-resources). While it is
     * open its connection is busy: inside a transaction, do not use the same transaction's
     * connection for other statements until the stream is consumed.
     */
    public Stream<CustomerFeatures> streamRange(IdRange range, LocalDate asOf) {
        return features(range, asOf).withFetchSize(streamFetchSize()).query(mapper(asOf)).stream();
    }

    /**
     * MySQL Connector/J streams a result set only with fetch size {@link Integer#MIN_VALUE} (otherwise
     * it reads the whole result into memory); the MariaDB driver streams with a positive one.
     */
    private int streamFetchSize() {
        Integer size = streamFetchSize;
        if (size == null) {
            String driver;
            try {
                driver = JdbcUtils.extractDatabaseMetaData(dataSource, DatabaseMetaData::getDriverName);
            } catch (MetaDataAccessException e) {
                throw new IllegalStateException("Cannot read the JDBC driver's name", e);
            }
            size = driver.toLowerCase(Locale.ROOT).contains("mysql") ? Integer.MIN_VALUE : MARIADB_FETCH_SIZE;
            streamFetchSize = size;
        }
        return size;
    }

    private JdbcClient.StatementSpec features(IdRange range, LocalDate asOf) {
        return jdbc.sql(FEATURES)
                .param("fromId", range.fromId())
                .param("toId", range.toId())
                .param("d", asOf)
                .param("d3y", asOf.minusYears(3))
                .param("d12m", asOf.minusMonths(12));
    }

    private static RowMapper<CustomerFeatures> mapper(LocalDate asOf) {
        return (rs, row) -> features(rs, asOf);
    }

    private static CustomerSnapshot snapshot(ResultSet rs, LocalDate asOf) throws SQLException {
        Customer customer = new Customer(
                rs.getLong("id"),
                rs.getString("customer_no"),
                rs.getString("customer_type"),
                rs.getString("name"),
                rs.getString("id_type"),
                rs.getString("id_number"),
                rs.getObject("birth_date", LocalDate.class),
                rs.getString("phone"),
                rs.getString("branch_code"),
                rs.getString("account_manager"),
                rs.getObject("created_at", LocalDateTime.class));
        return new CustomerSnapshot(customer, features(rs, asOf));
    }

    private static CustomerFeatures features(ResultSet rs, LocalDate asOf) throws SQLException {
        BigDecimal annualPremium = money(rs, "annual_premium");
        BigDecimal premium3y = money(rs, "premium_3y");
        BigDecimal paid3y = money(rs, "paid_3y");
        LocalDate firstStart = rs.getObject("first_start", LocalDate.class);
        LocalDate lastLoss = rs.getObject("last_loss", LocalDate.class);
        BigDecimal bookTotal = rs.getBigDecimal("book_total");
        return new CustomerFeatures(
                rs.getLong("id"),
                rs.getString("customer_no"),
                rs.getString("customer_type"),
                asOf,
                annualPremium,
                premium3y,
                paid3y,
                premium3y.signum() == 0 ? null : paid3y.divide(premium3y, MathContext.DECIMAL64).doubleValue(),
                rs.getInt("claims_12m"),
                rs.getInt("early_claims_12m"),
                wholeYears(lastLoss != null ? lastLoss : firstStart, asOf),
                wholeYears(firstStart, asOf),
                bookTotal == null || bookTotal.signum() == 0
                        ? 0
                        : annualPremium.multiply(BigDecimal.valueOf(100)).divide(bookTotal, MathContext.DECIMAL64).doubleValue(),
                rs.getDouble("premium_rank_pct"),
                rs.getInt("product_lines"));
    }

    /** Whole years from {@code from} to {@code asOf} as {@link Period#between} counts them, never negative. */
    static int wholeYears(@Nullable LocalDate from, LocalDate asOf) {
        return from == null ? 0 : Math.max(0, Period.between(from, asOf).getYears());
    }

    private static BigDecimal money(ResultSet rs, String column) throws SQLException {
        BigDecimal value = rs.getBigDecimal(column);
        return value == null ? BigDecimal.ZERO : value;
    }
}
