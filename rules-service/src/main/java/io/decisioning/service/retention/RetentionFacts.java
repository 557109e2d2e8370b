package io.decisioning.service.retention;

import io.decisioning.service.assessment.CustomerColumns;
import io.decisioning.service.assessment.FactSource;
import io.decisioning.service.assessment.Facts;
import io.decisioning.service.assessment.Party;
import io.decisioning.service.assessment.ProfileFacts;
import io.decisioning.service.assessment.Subject;
import io.decisioning.service.assessment.Subjects;
import io.decisioning.service.assessment.EvaluationDate;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The retention figures of DESIGN.md section 11 (contract), over the party, as of the evaluation date D:
 * overdue instalments and the most days one is overdue, days to the next one due, missed payments of 12
 * months, renewals due within 60 days, policies lapsed in 24 months, the premium change on last year and
 * denied claims of 12 months.
 *
 * <p>The CRM's {@code premium_due} table is optional. Whether it holds any row is read with the customers
 * themselves (an uncorrelated {@code EXISTS}, evaluated once per statement): while it is empty, no customer
 * gets retention figures, this source runs no statement, and the packs that need them ({@code needs=premium_due})
 * do not run, so every assessment is what it was before retention existed. Otherwise one statement reads
 * the three kinds of figures for all the subjects and the other records of their parties, each from a
 * covering index in its order: instalments ({@code ix_premium_due_customer_features}), policies and claims
 * (V1's feature indexes).
 *
 * <p>As of a past date (a back-test), an instalment paid after D was still due on D, and a policy that was
 * in force on D counts as a renewal due whatever its status now (it may have lapsed since): the figures are
 * those the CRM would have shown on D, as far as its rows tell. As of today both readings are the contract's.
 */
@Component
@Order(RetentionFacts.ORDER)
class RetentionFacts implements FactSource {

    /** After the policy and claim figures (the premium change needs the annual premium), before the book's. */
    static final int ORDER = 150;

    private static final String SCHEDULE_KEPT = "(SELECT EXISTS (SELECT 1 FROM premium_due)) AS premium_schedule_kept";

    /** An instalment that was due on D: DUE, or paid only after D. */
    private static final String DUE_ON_D = "(status = 'DUE' OR paid_at >= :dNext)";

    /**
     * The instalment figures (kind I), policy figures (kind P) and claim figures (kind K) of each customer:
     * n1, n2 counts, day1, day2 dates, amount the premium in force a year ago.
     */
    private static final String FIGURES = """
            SELECT 'I' AS kind, customer_id,
                   SUM(CASE WHEN due_date < :d AND %4$s THEN 1 ELSE 0 END) AS n1,
                   SUM(CASE WHEN due_date > :d12m AND due_date <= :d30 AND (%4$s
                                 OR paid_at >= due_date + INTERVAL 31 DAY) THEN 1 ELSE 0 END) AS n2,
                   MIN(CASE WHEN due_date < :d AND %4$s THEN due_date END) AS day1,
                   MIN(CASE WHEN due_date >= :d AND %4$s THEN due_date END) AS day2,
                   0 AS amount
              FROM premium_due
             WHERE %1$s AND status IN ('DUE', 'PAID')
             GROUP BY customer_id
            UNION ALL
            SELECT 'P', customer_id,
                   SUM(CASE WHEN %5$s AND end_date >= :d AND end_date <= :d60 THEN 1 ELSE 0 END),
                   SUM(CASE WHEN status = 'LAPSED' AND end_date > :d24m AND end_date <= :d THEN 1 ELSE 0 END),
                   NULL, NULL,
                   SUM(CASE WHEN status <> 'CANCELLED' AND start_date <= :d1y AND end_date > :d1y THEN premium ELSE 0 END)
              FROM policy
             WHERE %2$s
             GROUP BY customer_id
            UNION ALL
            SELECT 'K', customer_id, SUM(CASE WHEN status = 'DENIED' THEN 1 ELSE 0 END), 0, NULL, NULL, 0
              FROM claim
             WHERE %3$s AND loss_date > :d12m AND loss_date <= :d
             GROUP BY customer_id""";

    /** A policy in force on D: ACTIVE as of today; as of a past date, any not cancelled that had started. */
    private static final String ACTIVE_TODAY = "status = 'ACTIVE'";
    private static final String IN_FORCE_THEN = "status <> 'CANCELLED' AND start_date <= :d";

    private final JdbcClient jdbc;
    private final EvaluationDate evaluationDate;

    RetentionFacts(JdbcClient jdbc, EvaluationDate evaluationDate) {
        this.jdbc = jdbc;
        this.evaluationDate = evaluationDate;
    }

    /** Whether the CRM keeps a premium schedule, read with the customers: each then starts with no figures (zeros). */
    @Override
    public CustomerColumns customerColumns(LocalDate asOf) {
        return new CustomerColumns("", SCHEDULE_KEPT, Map.of(), (row, subject, facts) -> {
            if (row.getBoolean("premium_schedule_kept")) {
                facts.profile(subject).retention(0, 0, null, 0, 0, 0, BigDecimal.ZERO, 0);
            }
        });
    }

    @Override
    public void read(Subjects subjects, Facts facts) {
        if (!subjects.hasCustomers() || !scheduleKept(subjects, facts)) {
            return;
        }
        LocalDate d = subjects.asOf();
        Subjects.Condition instalments = subjects.customersAndMembersIn("customer_id", "i");
        Subjects.Condition policies = subjects.customersAndMembersIn("customer_id", "p");
        Subjects.Condition claims = subjects.customersAndMembersIn("customer_id", "k");
        Map<Long, Figures> installmentFigures = new HashMap<>();
        Map<Long, Figures> policyFigures = new HashMap<>();
        Map<Long, Figures> claimFigures = new HashMap<>();
        boolean today = !d.isBefore(evaluationDate.today());
        jdbc.sql(FIGURES.formatted(instalments.sql(), policies.sql(), claims.sql(), DUE_ON_D,
                        today ? ACTIVE_TODAY : IN_FORCE_THEN))
                .params(instalments.params())
                .params(policies.params())
                .params(claims.params())
                .param("d", d)
                .param("dNext", d.plusDays(1).atStartOfDay())
                .param("d30", d.minusDays(30))
                .param("d60", d.plusDays(60))
                .param("d12m", d.minusMonths(12))
                .param("d24m", d.minusMonths(24))
                .param("d1y", d.minusYears(1))
                .query((RowCallbackHandler) rs -> (switch (rs.getString(1)) {
                    case "I" -> installmentFigures;
                    case "P" -> policyFigures;
                    default -> claimFigures;
                }).put(rs.getLong(2), Figures.of(rs)));
        for (Subject subject : subjects.all()) {
            if (subject.applicant()) {
                continue;
            }
            int overdue = 0;
            int missed = 0;
            LocalDate oldestOverdue = null;
            LocalDate nextDue = null;
            int renewals = 0;
            int lapsed = 0;
            BigDecimal yearAgo = BigDecimal.ZERO;
            int denied = 0;
            for (Party.Member member : subjects.membersOf(subject)) {
                Figures i = installmentFigures.get(member.customerId());
                if (i != null) {
                    overdue += i.n1();
                    missed += i.n2();
                    oldestOverdue = earlier(oldestOverdue, i.day1());
                    nextDue = earlier(nextDue, i.day2());
                }
                Figures p = policyFigures.get(member.customerId());
                if (p != null) {
                    renewals += p.n1();
                    lapsed += p.n2();
                    yearAgo = yearAgo.add(p.amount());
                }
                Figures k = claimFigures.get(member.customerId());
                if (k != null) {
                    denied += k.n1();
                }
            }
            facts.profile(subject).retention(overdue,
                    oldestOverdue == null ? 0 : (int) ChronoUnit.DAYS.between(oldestOverdue, d),
                    nextDue == null ? null : (int) ChronoUnit.DAYS.between(d, nextDue),
                    missed, renewals, lapsed, yearAgo, denied);
        }
    }

    /** Whether the customers were read with the CRM keeping a premium schedule (see {@link #customerColumns}). */
    private static boolean scheduleKept(Subjects subjects, Facts facts) {
        for (Subject subject : subjects.all()) {
            if (!subject.applicant()) {
                ProfileFacts profile = facts.profile(subject.customerId());
                return profile != null && profile.hasRetention();
            }
        }
        return false;
    }

    private static @Nullable LocalDate earlier(@Nullable LocalDate a, @Nullable LocalDate b) {
        return a == null ? b : b == null || a.isBefore(b) ? a : b;
    }

    /** One customer's figures of one kind (see {@link #FIGURES}). */
    private record Figures(int n1, int n2, @Nullable LocalDate day1, @Nullable LocalDate day2, BigDecimal amount) {

        /** A row of {@link #FIGURES}, by column position: kind, customer_id, n1, n2, day1, day2, amount. */
        static Figures of(ResultSet rs) throws SQLException {
            BigDecimal amount = rs.getBigDecimal(7);
            return new Figures(rs.getInt(3), rs.getInt(4), rs.getObject(5, LocalDate.class), rs.getObject(6, LocalDate.class),
                    amount == null ? BigDecimal.ZERO : amount);
        }
    }
}
