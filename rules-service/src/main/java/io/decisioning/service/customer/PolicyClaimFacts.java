package io.decisioning.service.customer;

import io.decisioning.service.assessment.EvaluationDate;
import io.decisioning.service.assessment.FactSource;
import io.decisioning.service.assessment.Facts;
import io.decisioning.service.assessment.Party;
import io.decisioning.service.assessment.ProfileFacts;
import io.decisioning.service.assessment.Subject;
import io.decisioning.service.assessment.Subjects;
import java.math.BigDecimal;
import java.math.MathContext;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.Period;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The features of DESIGN.md section 4 (contract) that come from the CRM's policies and claims: annual
 * premium, premium and paid amounts of 3 years, the loss ratio, claims and early claims of 12 months,
 * claim-free years, tenure and product lines. One statement for any set of customers.
 *
 * <p>How it stays cheap: each aggregate reads only the covering indexes of V1
 * ({@code policy (customer_id, status, start_date, end_date, premium, product_line)} and
 * {@code claim (customer_id, loss_date, status, paid_amount, policy_id)}) in their order, grouped as
 * it reads them (no temporary table); the policy of a claim is looked up by primary key only for the
 * claims of the last 12 months (early claims). The date boundaries are computed here in Java; so are
 * whole years ({@link Period}, leap days included), from the dates the statement returns.
 *
 * <p>The figures are the party's (DESIGN.md section 10): a customer in a party of several records gets
 * the sums over all of them, years from the latest loss and the earliest policy of any of them, and the
 * product lines in force distinct over all of them (the statement returns each record's lines as bits,
 * OR-ed here). The party's other records are read in the same statement, when they are not subjects
 * themselves. A record alone gets its own figures, exactly as before parties.
 *
 * <p>When the CRM keeps a premium schedule (DESIGN.md section 11), the same statement also sums the
 * retention figures that come from policies and claims, from the same index rows, rather than reading them
 * again: renewals due, lapses, the premium in force a year ago and denied claims. As of a past date (a
 * back-test), a policy that was in force on D counts as a renewal due whatever its status now.
 */
@Component
@Order(PolicyClaimFacts.ORDER)
class PolicyClaimFacts implements FactSource {

    /** First of the sources: the book figures need the annual premium. */
    static final int ORDER = 100;

    /**
     * The policy figures (kind P) and claim figures (kind K) of each customer, merged in Java by id.
     * Customers without policies (claims up to the evaluation date) have no row of that kind.
     */
    private static final String FIGURES = """
            SELECT 'P' AS kind, customer_id,
                   SUM(CASE WHEN status = 'ACTIVE' AND start_date <= :d AND end_date > :d
                            THEN premium ELSE 0 END) AS amount1,
                   SUM(CASE WHEN status <> 'CANCELLED' AND start_date > :d3y AND start_date <= :d
                            THEN premium ELSE 0 END) AS amount2,
                   BIT_OR(CASE WHEN status = 'ACTIVE' AND start_date <= :d AND end_date > :d
                            THEN %3$s END) AS count1,
                   0 AS count2,
                   MIN(start_date) AS day,
                   %4$s
              FROM policy
             WHERE %1$s
             GROUP BY customer_id
            UNION ALL
            SELECT 'K', cl.customer_id,
                   SUM(CASE WHEN cl.loss_date > :d3y THEN cl.paid_amount ELSE 0 END),
                   0,
                   SUM(CASE WHEN cl.status <> 'WITHDRAWN' AND cl.loss_date > :d12m THEN 1 ELSE 0 END),
                   SUM(CASE WHEN pol.id IS NOT NULL AND DATEDIFF(cl.loss_date, pol.start_date) BETWEEN 0 AND 30
                            THEN 1 ELSE 0 END),
                   MAX(CASE WHEN cl.status <> 'WITHDRAWN' THEN cl.loss_date END),
                   %5$s
              FROM claim cl
              LEFT JOIN policy pol
                     ON pol.id = cl.policy_id AND cl.status <> 'WITHDRAWN' AND cl.loss_date > :d12m
             WHERE %2$s AND cl.loss_date <= :d
             GROUP BY cl.customer_id""";

    /**
     * The retention figures of policies (DESIGN.md section 11) when the CRM keeps a premium schedule: renewals due
     * within 60 days of policies in force on D ({@code %s}), policies lapsed in 24 months, the premium in force a
     * year ago.
     */
    private static final String POLICY_RETENTION = """
            SUM(CASE WHEN %s AND end_date >= :d AND end_date <= :d60 THEN 1 ELSE 0 END) AS count3,
                   SUM(CASE WHEN status = 'LAPSED' AND end_date > :d24m AND end_date <= :d THEN 1 ELSE 0 END) AS count4,
                   SUM(CASE WHEN status <> 'CANCELLED' AND start_date <= :d1y AND end_date > :d1y
                            THEN premium ELSE 0 END) AS amount3""";

    /** The retention figure of claims: denied claims of 12 months. */
    private static final String CLAIM_RETENTION =
            "SUM(CASE WHEN cl.status = 'DENIED' AND cl.loss_date > :d12m THEN 1 ELSE 0 END), 0, 0";

    /** No retention figures: the CRM keeps no premium schedule. */
    private static final String NO_RETENTION = "0 AS count3, 0 AS count4, 0 AS amount3";

    /** A policy in force on D: ACTIVE as of today; as of a past date, any not cancelled that had started. */
    private static final String ACTIVE_TODAY = "status = 'ACTIVE'";
    private static final String IN_FORCE_THEN = "status <> 'CANCELLED' AND start_date <= :d";

    /**
     * A bit of its own for each product line of DESIGN.md section 3, so that the product lines in force
     * are counted as the bits set in their OR: COUNT(DISTINCT product_line) would cost a temporary table
     * per statement. A line outside the contract's seven gets one of 55 further bits by its CRC32.
     */
    private static final String PRODUCT_LINE_BIT = """
            CASE product_line WHEN 'AUTO' THEN 1 WHEN 'PROPERTY' THEN 2 WHEN 'LIFE' THEN 4 WHEN 'HEALTH' THEN 8
                              WHEN 'ACCIDENT' THEN 16 WHEN 'LIABILITY' THEN 32 WHEN 'CARGO' THEN 64
                              ELSE 128 << (CRC32(product_line) % 55) END""";

    private final JdbcClient jdbc;
    private final EvaluationDate evaluationDate;

    PolicyClaimFacts(JdbcClient jdbc, EvaluationDate evaluationDate) {
        this.jdbc = jdbc;
        this.evaluationDate = evaluationDate;
    }

    @Override
    public void read(Subjects subjects, Facts facts) {
        if (!subjects.hasCustomers()) {
            return;
        }
        LocalDate asOf = subjects.asOf();
        Subjects.Condition policies = subjects.customersAndMembersIn("customer_id", "p");
        Subjects.Condition claims = subjects.customersAndMembersIn("cl.customer_id", "k");
        Map<Long, Figures> policyFigures = new HashMap<>();
        Map<Long, Figures> claimFigures = new HashMap<>();
        boolean retention = facts.scheduleKept();
        String inForce = asOf.isBefore(evaluationDate.today()) ? IN_FORCE_THEN : ACTIVE_TODAY;
        jdbc.sql(FIGURES.formatted(policies.sql(), claims.sql(), PRODUCT_LINE_BIT,
                        retention ? POLICY_RETENTION.formatted(inForce) : NO_RETENTION,
                        retention ? CLAIM_RETENTION : "0, 0, 0"))
                .params(policies.params())
                .params(claims.params())
                .param("d", asOf)
                .param("d3y", asOf.minusYears(3))
                .param("d12m", asOf.minusMonths(12))
                .param("d60", asOf.plusDays(60))
                .param("d24m", asOf.minusMonths(24))
                .param("d1y", asOf.minusYears(1))
                .query((RowCallbackHandler) rs -> (rs.getString("kind").equals("P") ? policyFigures : claimFigures)
                        .put(rs.getLong("customer_id"), Figures.of(rs)));
        for (Subject subject : subjects.all()) {
            if (subject.applicant()) {
                continue;
            }
            ProfileFacts profile = facts.profile(subject);
            Figures policy = Figures.NONE;
            Figures claim = Figures.NONE;
            for (Party.Member member : subjects.membersOf(subject)) {
                policy = policy.plusPolicies(policyFigures.getOrDefault(member.customerId(), Figures.NONE));
                claim = claim.plusClaims(claimFigures.getOrDefault(member.customerId(), Figures.NONE));
            }
            BigDecimal premium3y = policy.amount2();
            BigDecimal paid3y = claim.amount1();
            LocalDate firstStart = policy.day();
            LocalDate lastLoss = claim.day();
            profile.policies(policy.amount1(), premium3y, Long.bitCount(policy.count1()), wholeYears(firstStart, asOf));
            profile.claims(paid3y,
                    premium3y.signum() == 0 ? null : paid3y.divide(premium3y, MathContext.DECIMAL64).doubleValue(),
                    (int) claim.count1(), (int) claim.count2(), wholeYears(lastLoss != null ? lastLoss : firstStart, asOf));
            if (retention) {
                profile.policyRetention((int) policy.count3(), (int) policy.count4(), policy.amount3(), (int) claim.count3());
            }
        }
    }

    /** Whole years from {@code from} to {@code asOf} as {@link Period#between} counts them, never negative. */
    static int wholeYears(@Nullable LocalDate from, LocalDate asOf) {
        return from == null ? 0 : Math.max(0, Period.between(from, asOf).getYears());
    }

    /**
     * A customer's policy figures (annual premium, premium of 3 years, the bits of the product lines in
     * force, first start; for retention renewals due, lapses of 24 months, the premium a year ago) or claim
     * figures (paid of 3 years, claims and early claims of 12 months, last loss; for retention denied claims
     * of 12 months); zeros and no day when the customer has none.
     */
    private record Figures(BigDecimal amount1, BigDecimal amount2, long count1, long count2, @Nullable LocalDate day,
                           long count3, long count4, BigDecimal amount3) {

        static final Figures NONE = new Figures(BigDecimal.ZERO, BigDecimal.ZERO, 0, 0, null, 0, 0, BigDecimal.ZERO);

        static Figures of(ResultSet rs) throws SQLException {
            return new Figures(money(rs, "amount1"), money(rs, "amount2"), rs.getLong("count1"), rs.getLong("count2"),
                    rs.getObject("day", LocalDate.class), rs.getLong("count3"), rs.getLong("count4"), money(rs, "amount3"));
        }

        /** Two records' policy figures as one's: sums, product lines OR-ed, the earlier first start. */
        Figures plusPolicies(Figures other) {
            if (this == NONE) {
                return other;
            }
            return other == NONE ? this : new Figures(amount1.add(other.amount1), amount2.add(other.amount2),
                    count1 | other.count1, 0, earlier(day, other.day), count3 + other.count3, count4 + other.count4,
                    amount3.add(other.amount3));
        }

        /** Two records' claim figures as one's: sums, the later last loss. */
        Figures plusClaims(Figures other) {
            if (this == NONE) {
                return other;
            }
            return other == NONE ? this : new Figures(amount1.add(other.amount1), amount2.add(other.amount2),
                    count1 + other.count1, count2 + other.count2, later(day, other.day), count3 + other.count3, 0,
                    BigDecimal.ZERO);
        }

        private static @Nullable LocalDate earlier(@Nullable LocalDate a, @Nullable LocalDate b) {
            return a == null ? b : b == null || a.isBefore(b) ? a : b;
        }

        private static @Nullable LocalDate later(@Nullable LocalDate a, @Nullable LocalDate b) {
            return a == null ? b : b == null || a.isAfter(b) ? a : b;
        }

        private static BigDecimal money(ResultSet rs, String column) throws SQLException {
            BigDecimal value = rs.getBigDecimal(column);
            return value == null ? BigDecimal.ZERO : value;
        }
    }
}
