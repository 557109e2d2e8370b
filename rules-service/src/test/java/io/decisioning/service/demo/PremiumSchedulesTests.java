package io.decisioning.service.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.decisioning.service.customer.CrmFixtures;
import io.decisioning.service.system.DatabaseTest;
import io.decisioning.service.system.RulesProperties;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The premium schedules of a demo book (premium_due, DESIGN.md section 11) written to the real database, with
 * second records of customers, and read back with SQL: what a due list, the retention features and a back-test
 * of a churn scorecard will find in it.
 */
@DatabaseTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PremiumSchedulesTests {

    private static final LocalDate TODAY = LocalDate.of(2026, 5, 10);
    private static final int SIZE = 4_000;

    @Autowired
    DataSource dataSource;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    RulesProperties properties;

    DemoBook book;
    DemoDataGenerator.Summary summary;
    String customers;

    @BeforeAll
    void writeABookWithSecondRecords() {
        String prefix = CrmFixtures.uniquePrefix();
        book = new DemoBook(SIZE, 7, TODAY, prefix, 0.1);
        summary = new DemoDataGenerator(dataSource).write(book);
        customers = prefix + "%";
    }

    @Test
    void everyPolicyHasAScheduleAndEveryGeneratedInstalmentIsWritten() {
        long generated = book.customers().flatMap(c -> c.policies().stream()).mapToLong(p -> p.installments().size()).sum();
        assertThat(summary.installments()).isEqualTo(generated);
        assertThat(instalmentsOf(customers)).isEqualTo(generated);
        assertThat(jdbc.sql("""
                        SELECT p.policy_no FROM policy p JOIN customer c ON c.id = p.customer_id
                         WHERE c.customer_no LIKE :book
                           AND NOT EXISTS (SELECT 1 FROM premium_due d WHERE d.policy_id = p.id)""")
                .param("book", customers).query(String.class).list()).isEmpty();
        assertThat(databaseRows()).isEqualTo(generatedRows());
    }

    @Test
    void theInstalmentsOfEachPolicyYearSumToThePremium() {
        // instalment k is due k periods after the start; one-year policies have 1, 4 or 12, LIFE that many a year
        assertThat(jdbc.sql("""
                        SELECT CONCAT(policy_no, ': ', n, ' instalments, ', total, ' for ', premium)
                          FROM (SELECT p.policy_no, p.premium, p.product_line, p.start_date, COUNT(*) AS n,
                                       SUM(d.amount) AS total, MIN(d.due_date) AS first_due,
                                       SUM(d.due_date < p.start_date + INTERVAL 1 YEAR) AS per_year
                                  FROM policy p
                                  JOIN customer c ON c.id = p.customer_id
                                  JOIN premium_due d ON d.policy_id = p.id
                                 WHERE c.customer_no LIKE :book
                                 GROUP BY p.id, p.policy_no, p.premium, p.product_line, p.start_date) s
                         WHERE per_year NOT IN (1, 4, 12) OR MOD(n, per_year) <> 0 OR first_due <> start_date
                            OR (product_line <> 'LIFE' AND n <> per_year)
                            OR total <> premium * n / per_year""")
                .param("book", customers).query(String.class).list()).isEmpty();
        assertThat(count("""
                SELECT COUNT(*) FROM policy p JOIN customer c ON c.id = p.customer_id
                 WHERE c.customer_no LIKE :book AND p.product_line = 'LIFE'
                   AND (SELECT COUNT(*) FROM premium_due d WHERE d.policy_id = p.id) > 12""")).isPositive();
    }

    @Test
    void eachProductLineIsPaidMonthlyQuarterlyOrAnnuallyInItsShares() {
        Map<String, Map<Integer, Long>> perYear = new TreeMap<>();
        jdbc.sql("""
                        SELECT p.product_line, SUM(d.due_date < p.start_date + INTERVAL 1 YEAR) AS per_year
                          FROM policy p
                          JOIN customer c ON c.id = p.customer_id
                          JOIN premium_due d ON d.policy_id = p.id
                         WHERE c.customer_no LIKE :book AND p.status <> 'LAPSED'
                         GROUP BY p.id, p.product_line""")
                .param("book", customers)
                .query((rs, row) -> perYear.computeIfAbsent(rs.getString(1), line -> new TreeMap<>())
                        .merge(rs.getInt(2), 1L, Long::sum))
                .list();
        assertThat(perYear.get("AUTO")).containsKeys(1, 4, 12);
        assertThat(share(perYear.get("AUTO"), 1)).isBetween(0.70, 0.90);
        assertThat(share(perYear.get("PROPERTY"), 1)).isBetween(0.75, 0.92);
        assertThat(share(perYear.get("LIFE"), 12)).isBetween(0.35, 0.65);
        assertThat(share(perYear.get("HEALTH"), 12)).isBetween(0.22, 0.38);
        assertThat(perYear.get("ACCIDENT")).doesNotContainKey(4);
    }

    @Test
    void statusesAgreeWithTheDayAndThePolicy() {
        assertThat(instalmentsWhere("d.status NOT IN ('DUE', 'PAID', 'WAIVED', 'CANCELLED')")).isEmpty();
        assertThat(instalmentsWhere("d.status = 'PAID' AND (d.paid_at IS NULL OR d.paid_at < d.due_date OR d.paid_at >= :today)"))
                .isEmpty();
        assertThat(instalmentsWhere("d.status <> 'PAID' AND d.paid_at IS NOT NULL")).isEmpty();
        assertThat(instalmentsWhere("d.due_date >= :today AND d.status NOT IN ('DUE', 'CANCELLED')")).isEmpty();
        assertThat(instalmentsWhere("d.due_date < p.start_date OR d.due_date >= p.end_date")).isEmpty();
        assertThat(instalmentsWhere("d.customer_id <> p.customer_id")).isEmpty();
        // cancelled: the instalments of a CANCELLED policy from its cancellation on, and the unpaid ones of a policy
        // that lapsed more than 2 years ago (no longer reinstated, Insurance Law art. 37)
        assertThat(instalmentsWhere("d.status = 'CANCELLED' AND p.status NOT IN ('CANCELLED', 'LAPSED')")).isEmpty();
        assertThat(instalmentsWhere("d.status = 'CANCELLED' AND p.status = 'LAPSED' AND p.end_date > :today - INTERVAL 2 YEAR"))
                .isEmpty();
        assertThat(instalmentsWhere("""
                d.status = 'CANCELLED' AND p.status = 'CANCELLED'
                AND EXISTS (SELECT 1 FROM premium_due later WHERE later.policy_id = d.policy_id
                              AND later.installment_no > d.installment_no AND later.status <> 'CANCELLED')""")).isEmpty();
        // a LAPSED policy's last instalments were never paid
        assertThat(instalmentsWhere("""
                p.status = 'LAPSED' AND d.status IN ('PAID', 'WAIVED')
                AND NOT EXISTS (SELECT 1 FROM premium_due later WHERE later.policy_id = d.policy_id
                                  AND later.installment_no > d.installment_no)""")).isEmpty();

        assertThat(instalmentsWhere("d.status = 'PAID' AND DATEDIFF(d.paid_at, d.due_date) <= 3")).hasSizeGreaterThan(10_000);
        assertThat(instalmentsWhere("d.status = 'PAID' AND DATEDIFF(d.paid_at, d.due_date) BETWEEN 31 AND 90"))
                .hasSizeGreaterThan(100);
        assertThat(instalmentsWhere("d.status = 'WAIVED'")).isNotEmpty();
        assertThat(instalmentsWhere("d.status = 'CANCELLED' AND p.status = 'CANCELLED'")).isNotEmpty();
        long past = instalmentsWhere("d.due_date < :today AND p.status IN ('ACTIVE', 'EXPIRED')").size();
        long paid = instalmentsWhere("d.due_date < :today AND p.status IN ('ACTIVE', 'EXPIRED') AND d.status = 'PAID'").size();
        assertThat((double) paid / past).isGreaterThan(0.95);
    }

    @Test
    void someCustomersAreOverdueInGraceAndSomeSuspended() {
        List<Integer> maxDaysOverdue = jdbc.sql("""
                        SELECT MAX(DATEDIFF(:today, d.due_date)) FROM premium_due d JOIN customer c ON c.id = d.customer_id
                         WHERE c.customer_no LIKE :book AND d.status = 'DUE' AND d.due_date < :today
                         GROUP BY d.customer_id""")
                .param("book", customers).param("today", TODAY).query(Integer.class).list();
        assertThat(maxDaysOverdue).filteredOn(days -> days >= 1 && days <= 60).hasSizeGreaterThan(SIZE / 100);
        assertThat(maxDaysOverdue).filteredOn(days -> days > 60).hasSizeGreaterThan(SIZE / 50);
        // suspended policies in force too, not only lapsed ones
        assertThat(instalmentsWhere("d.status = 'DUE' AND DATEDIFF(:today, d.due_date) > 60 AND p.status = 'ACTIVE'"))
                .isNotEmpty();
    }

    @Test
    void nextMonthHasInstalmentsDueAndPoliciesToRenew() {
        LocalDate next = TODAY.withDayOfMonth(1).plusMonths(1);
        List<String> due = instalmentsWhere("d.status = 'DUE' AND d.due_date >= '%s' AND d.due_date < '%s'"
                .formatted(next, next.plusMonths(1)));
        assertThat(due).hasSizeGreaterThan(SIZE / 10);
        assertThat(count("""
                SELECT COUNT(*) FROM policy p JOIN customer c ON c.id = p.customer_id
                 WHERE c.customer_no LIKE :book AND p.status = 'ACTIVE'
                   AND p.end_date >= '%s' AND p.end_date < '%s'""".formatted(next, next.plusMonths(1))))
                .isGreaterThan(SIZE / 50);
    }

    @Test
    void customersWhoMissedPaymentsLapseMoreOftenInTheFollowingMonths() {
        // a back-test as of 6 months ago over 180 days: missed payments as missedPayments12m defines them
        // (DESIGN.md section 11), against a policy of the customer's lapsing in the horizon
        LocalDate asOf = TODAY.minusMonths(6);
        Map<Boolean, double[]> byMissed = new HashMap<>();
        jdbc.sql("""
                        SELECT missed, COUNT(*) AS customers, SUM(lapsed) AS lapsed
                          FROM (SELECT EXISTS (SELECT 1 FROM premium_due d
                                                WHERE d.customer_id = c.id
                                                  AND d.due_date > :asOf - INTERVAL 12 MONTH
                                                  AND d.due_date <= :asOf - INTERVAL 30 DAY
                                                  AND (d.status = 'DUE' OR d.paid_at >= d.due_date + INTERVAL 31 DAY)) AS missed,
                                       EXISTS (SELECT 1 FROM policy p
                                                WHERE p.customer_id = c.id AND p.status = 'LAPSED'
                                                  AND p.end_date > :asOf AND p.end_date <= :asOf + INTERVAL 180 DAY) AS lapsed
                                  FROM customer c
                                 WHERE c.customer_no LIKE :book) s
                         GROUP BY missed""")
                .param("book", customers).param("asOf", asOf)
                .query((rs, row) -> byMissed.put(rs.getBoolean("missed"),
                        new double[] {rs.getLong("customers"), rs.getLong("lapsed")}))
                .list();
        double[] missed = byMissed.get(true);
        double[] paid = byMissed.get(false);
        assertThat(missed[0]).as("customers with missed payments").isGreaterThan(SIZE / 20.0);
        assertThat(missed[1]).as("of them lapsed").isGreaterThan(30);
        assertThat(missed[1] / missed[0]).isGreaterThan(5 * paid[1] / paid[0]);
    }

    @Test
    void theSecondRecordOfACustomerHoldsTheSchedulesOfItsPolicies() {
        DemoCustomer second = book.customers()
                .filter(c -> c.duplicateOf() != null && c.policies().stream().anyMatch(p -> !p.installments().isEmpty()))
                .findFirst().orElseThrow();
        assertThat(count("""
                SELECT COUNT(*) FROM premium_due d JOIN customer c ON c.id = d.customer_id
                 WHERE c.customer_no = '%s'""".formatted(second.customerNo())))
                .isEqualTo(second.policies().stream().mapToLong(p -> p.installments().size()).sum());
    }

    @Test
    void withoutPremiumSchedulesTheSameBookIsWrittenWithoutInstalments() {
        String prefix = CrmFixtures.uniquePrefix();
        DemoBook without = new DemoBook(500, 7, TODAY, prefix, 0.1, 7, false);

        DemoDataGenerator.Summary written = new DemoDataGenerator(dataSource).write(without);

        assertThat(written.installments()).isZero();
        assertThat(written.policies()).isEqualTo(without.customers().mapToLong(c -> c.policies().size()).sum()).isPositive();
        assertThat(instalmentsOf(prefix + "%")).isZero();
    }

    @Test
    void premiumSchedulesAreOnByDefaultAndTheSettingTurnsThemOff() {
        assertThat(properties.demo().premiumSchedules()).isTrue();
        RulesProperties off = new Binder(new MapConfigurationPropertySource(Map.of("rules.demo.premium-schedules", "false")))
                .bindOrCreate("rules", RulesProperties.class);
        assertThat(off.demo().premiumSchedules()).isFalse();
    }

    private List<String> instalmentsWhere(String condition) {
        return jdbc.sql("""
                        SELECT CONCAT(p.policy_no, ' #', d.installment_no, ' ', p.status, ' ', d.status, ' due ', d.due_date,
                                      ' paid ', COALESCE(d.paid_at, '-'))
                          FROM premium_due d
                          JOIN customer c ON c.id = d.customer_id
                          JOIN policy p ON p.id = d.policy_id
                         WHERE c.customer_no LIKE :book AND (%s)""".formatted(condition))
                .param("book", customers).param("today", TODAY).query(String.class).list();
    }

    private long count(String sql) {
        return jdbc.sql(sql).param("book", customers).query(Long.class).single();
    }

    private long instalmentsOf(String book) {
        return jdbc.sql("SELECT COUNT(*) FROM premium_due d JOIN customer c ON c.id = d.customer_id WHERE c.customer_no LIKE :book")
                .param("book", book).query(Long.class).single();
    }

    private static double share(Map<Integer, Long> counts, int perYear) {
        return (double) counts.getOrDefault(perYear, 0L) / counts.values().stream().mapToLong(Long::longValue).sum();
    }

    private String generatedRows() {
        StringBuilder rows = new StringBuilder();
        book.customers().flatMap(c -> c.policies().stream().flatMap(p -> p.installments().stream()
                        .map(i -> row(p.policyNo(), c.customerNo(), i.installmentNo(), i.dueDate(), i.amount().toPlainString(),
                                i.status(), i.paidAt()))))
                .sorted().forEach(row -> rows.append(row).append('\n'));
        return rows.toString();
    }

    private String databaseRows() {
        StringBuilder rows = new StringBuilder();
        jdbc.sql("""
                        SELECT p.policy_no, c.customer_no, d.installment_no, d.due_date, d.amount, d.status, d.paid_at
                          FROM premium_due d
                          JOIN customer c ON c.id = d.customer_id
                          JOIN policy p ON p.id = d.policy_id
                         WHERE c.customer_no LIKE :book""")
                .param("book", customers)
                .query((rs, n) -> row(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getObject(4, LocalDate.class),
                        rs.getBigDecimal(5).toPlainString(), rs.getString(6), rs.getObject(7, LocalDateTime.class)))
                .list().stream().sorted().forEach(row -> rows.append(row).append('\n'));
        return rows.toString();
    }

    private static String row(String policyNo, String customerNo, int installmentNo, LocalDate dueDate, String amount,
                              String status, LocalDateTime paidAt) {
        return String.join("|", policyNo, "%03d".formatted(installmentNo), customerNo, dueDate.toString(), amount, status,
                String.valueOf(paidAt));
    }
}
