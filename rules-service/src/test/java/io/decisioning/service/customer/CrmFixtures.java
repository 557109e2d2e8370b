package io.decisioning.service.customer;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;

/**
 * Hand-made CRM rows with numbers unique to this run, so tests never collide with each other or
 * with rows already in a shared database.
 */
public final class CrmFixtures {

    private static final String RUN = UUID.randomUUID().toString().replace("-", "").substring(0, 10).toUpperCase();
    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static final long PHONE_BASE = java.util.concurrent.ThreadLocalRandom.current().nextLong(1_000_000_000L);

    /** The service's time zone in the tests (rules.zone's default): its "today" is the evaluation date. */
    private static final ZoneId SERVICE_ZONE = ZoneId.of("Asia/Shanghai");

    private final JdbcClient jdbc;

    public CrmFixtures(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Fixtures for customers the service evaluates, in a book recorded as very large ({@link #largeBook()}),
     * so that a hand-made customer's premium share is close to 0 and its grade and tier come from its own
     * policies and claims.
     */
    public static CrmFixtures inALargeBook(JdbcClient jdbc) {
        CrmFixtures crm = new CrmFixtures(jdbc);
        crm.largeBook();
        return crm;
    }

    /** The day the service evaluates on now: today in its time zone. */
    public static LocalDate today() {
        return LocalDate.now(SERVICE_ZONE);
    }

    /** A number no other test run uses, e.g. "T3F9A0C11B2-17" (fits customer_no, policy_no and claim_no). */
    public static String uniqueNumber() {
        return "T" + RUN + "-" + SEQUENCE.incrementAndGet();
    }

    /** A prefix for a whole generated book in a shared database. */
    public static String uniquePrefix() {
        return "T" + RUN + SEQUENCE.incrementAndGet() + "-";
    }

    public long customer() {
        return customer("PERSON", "RESIDENT_ID", uniqueNumber());
    }

    /** A customer of branch GD-SZ. */
    public long customer(String customerType, String idType, String idNumber) {
        return customer(customerType, idType, idNumber, "GD-SZ");
    }

    /** A person of this branch. */
    public long customerOfBranch(String branchCode) {
        return customer("PERSON", "RESIDENT_ID", uniqueNumber(), branchCode);
    }

    /**
     * A customer with this identity document; its name and phone are its own, so that no two fixtures are
     * taken for one person (DESIGN.md section 10) unless a test makes them so.
     */
    public long customer(String customerType, String idType, String idNumber, String branchCode) {
        String customerNo = uniqueNumber();
        return insert("""
                        INSERT INTO customer (customer_no, customer_type, name, id_type, id_number, birth_date, phone,
                                              branch_code, account_manager, created_at)
                        VALUES (:no, :type, :name, :idType, :idNumber, '1980-01-01', :phone, :branch, NULL, :createdAt)
                        """, Map.of("no", customerNo, "type", customerType, "name", "测试客户" + customerNo, "idType", idType,
                        "idNumber", idNumber, "phone", uniquePhone(), "branch", branchCode,
                        "createdAt", LocalDateTime.of(2020, 1, 1, 9, 0)));
    }

    /** A mobile number no other fixture of this run has (and, very likely, no other run's). */
    public static String uniquePhone() {
        return "17" + "%09d".formatted((PHONE_BASE + SEQUENCE.incrementAndGet()) % 1_000_000_000L);
    }

    public long policy(long customerId, String status, LocalDate start, LocalDate end, String premium) {
        return policy(customerId, "AUTO", status, start, end, premium);
    }

    public long policy(long customerId, String productLine, String status, LocalDate start, LocalDate end, String premium) {
        return insert("""
                        INSERT INTO policy (policy_no, customer_id, product_line, channel, start_date, end_date, premium, status)
                        VALUES (:no, :customerId, :line, 'AGENT', :start, :end, :premium, :status)
                        """, Map.of("no", uniqueNumber(), "customerId", customerId, "line", productLine, "start", start,
                        "end", end, "premium", new BigDecimal(premium), "status", status));
    }

    /** A policy of one year from {@code start}. */
    public long policy(long customerId, String status, LocalDate start, String premium) {
        return policy(customerId, status, start, start.plusYears(1), premium);
    }

    public long claim(long customerId, long policyId, LocalDate lossDate, String status, String paid) {
        return insert("""
                        INSERT INTO claim (claim_no, policy_id, customer_id, loss_date, reported_at, status,
                                           claimed_amount, paid_amount)
                        VALUES (:no, :policyId, :customerId, :loss, :reportedAt, :status, :paid, :paid)
                        """, Map.of("no", uniqueNumber(), "policyId", policyId, "customerId", customerId, "loss", lossDate,
                        "reportedAt", lossDate.atTime(10, 0), "status", status, "paid", new BigDecimal(paid)));
    }

    public long claim(long customerId, long policyId, LocalDate lossDate, String status) {
        return claim(customerId, policyId, lossDate, status, "0");
    }

    /**
     * An instalment of a policy's premium schedule (DESIGN.md section 11), numbered after the policy's others;
     * {@code paidAt} null unless PAID. Tests that write some remove them again ({@link #removeInstallments}):
     * while {@code premium_due} holds a row the retention pack runs for every customer of a shared database.
     */
    public long installment(long customerId, long policyId, LocalDate due, String amount, String status,
                            java.time.@org.jspecify.annotations.Nullable LocalDateTime paidAt) {
        int no = jdbc.sql("SELECT COALESCE(MAX(installment_no), 0) + 1 FROM premium_due WHERE policy_id = :p")
                .param("p", policyId).query(Integer.class).single();
        Map<String, Object> params = new java.util.HashMap<>(Map.of("policyId", policyId, "customerId", customerId,
                "no", no, "due", due, "amount", new BigDecimal(amount), "status", status));
        params.put("paidAt", paidAt);
        return insert("""
                        INSERT INTO premium_due (policy_id, customer_id, installment_no, due_date, amount, status, paid_at)
                        VALUES (:policyId, :customerId, :no, :due, :amount, :status, :paidAt)
                        """, params);
    }

    /** Removes the premium schedules of these customers. */
    public void removeInstallments(java.util.Collection<Long> customerIds) {
        if (!customerIds.isEmpty()) {
            jdbc.sql("DELETE FROM premium_due WHERE customer_id IN (:ids)").param("ids", customerIds).update();
        }
    }

    private long insert(String sql, Map<String, ?> params) {
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.sql(sql).params(params).update(key, "id");
        return Objects.requireNonNull(key.getKey()).longValue();
    }

    /** The customer number of a customer made here. */
    public String customerNo(long customerId) {
        return jdbc.sql("SELECT customer_no FROM customer WHERE id = :id").param("id", customerId).query(String.class).single();
    }

    /**
     * Records book statistics of a very large book as the latest, so that a hand-made customer's
     * premium share is close to 0 whatever other tests left in a shared database.
     */
    public void largeBook() {
        jdbc.sql("""
                        INSERT INTO book_stats (as_of_date, computed_at, customers, total_annual_premium)
                        VALUES (CURRENT_DATE, CURRENT_TIMESTAMP(3), 1000000, 1000000000000)
                        """).update();
    }
}
