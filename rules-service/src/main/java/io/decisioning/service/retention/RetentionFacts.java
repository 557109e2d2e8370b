package io.decisioning.service.retention;

import io.decisioning.service.assessment.CustomerColumns;
import io.decisioning.service.assessment.EvaluationDate;
import io.decisioning.service.assessment.FactSource;
import io.decisioning.service.assessment.Facts;
import io.decisioning.service.assessment.Party;
import io.decisioning.service.assessment.Subject;
import io.decisioning.service.assessment.Subjects;
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
 * the instalment figures for all the subjects and the other records of their parties from the only instalments
 * that can count (see {@link #FIGURES}); the figures of policies and claims come with the section 4 features'
 * statement of {@code PolicyClaimFacts}, which reads those rows already.
 *
 * <p>As of a past date (a back-test), an instalment PAID after D was still due on D: the figures are those the
 * CRM would have shown on D, as far as its rows tell. As of today the reading is the contract's.
 */
@Component
@Order(RetentionFacts.ORDER)
class RetentionFacts implements FactSource {

    /** After the policy and claim figures, before the book's. */
    static final int ORDER = 150;

    private static final String SCHEDULE_KEPT = "(SELECT EXISTS (SELECT 1 FROM premium_due)) AS premium_schedule_kept";

    /**
     * The instalments that were due on D: DUE, or (for a past D, a back-test) PAID only after D. Read through
     * {@code ix_premium_due_open} (V21), one range per status and set of customers.
     */
    private static final String DUE_TODAY = "status = 'DUE'";
    private static final String DUE_ON_D = "(status = 'DUE' OR status = 'PAID' AND paid_at >= :dNext)";

    /**
     * The instalment figures of each customer: instalments overdue, missed payments of 12 months, the oldest overdue due
     * date and the next due date, from the two kinds of instalment that can count, each read through an index of its
     * own (V21) and summed per customer by the caller: those due on D (all four figures), and those paid more than 30
     * days after their due date within the window of missed payments ({@code paid_late}; for a past D, those paid by D,
     * the others being due on D). Nothing else of a
     * schedule is read: most of it is paid, on time, and older every year.
     */
    private static final String FIGURES = """
            SELECT customer_id,
                   SUM(CASE WHEN due_date < :d THEN 1 ELSE 0 END) AS overdue,
                   SUM(CASE WHEN due_date > :d12m AND due_date <= :d30 THEN 1 ELSE 0 END) AS missed,
                   MIN(CASE WHEN due_date < :d THEN due_date END) AS oldest_overdue,
                   MIN(CASE WHEN due_date >= :d THEN due_date END) AS next_due
              FROM premium_due FORCE INDEX (ix_premium_due_open)
             WHERE %1$s AND %2$s
             GROUP BY customer_id
            UNION ALL
            SELECT customer_id, 0, COUNT(*), NULL, NULL
              FROM premium_due FORCE INDEX (ix_premium_due_late)
             WHERE paid_late = 1 AND %1$s AND due_date > :d12m AND due_date <= :d30%3$s
             GROUP BY customer_id""";

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
                facts.profile(subject).scheduleKept();
            }
        });
    }

    @Override
    public void read(Subjects subjects, Facts facts) {
        if (!subjects.hasCustomers() || !facts.scheduleKept()) {
            return;
        }
        LocalDate d = subjects.asOf();
        Subjects.Condition instalments = subjects.customersAndMembersIn("customer_id", "i");
        Map<Long, Instalments> byCustomer = new HashMap<>();
        jdbc.sql(figures(instalments.sql(), d.isBefore(evaluationDate.today())))
                .params(instalments.params())
                .param("d", d)
                .param("dNext", d.plusDays(1).atStartOfDay())
                .param("d30", d.minusDays(30))
                .param("d12m", d.minusMonths(12))
                .query((RowCallbackHandler) rs -> byCustomer.merge(rs.getLong(1), Instalments.of(rs), Instalments::plus));
        for (Subject subject : subjects.all()) {
            if (subject.applicant()) {
                continue;
            }
            int overdue = 0;
            int missed = 0;
            LocalDate oldestOverdue = null;
            LocalDate nextDue = null;
            for (Party.Member member : subjects.membersOf(subject)) {
                Instalments i = byCustomer.get(member.customerId());
                if (i != null) {
                    overdue += i.overdue();
                    missed += i.missed();
                    oldestOverdue = earlier(oldestOverdue, i.oldestOverdue());
                    nextDue = earlier(nextDue, i.nextDue());
                }
            }
            facts.profile(subject).instalments(overdue,
                    oldestOverdue == null ? 0 : (int) ChronoUnit.DAYS.between(oldestOverdue, d),
                    nextDue == null ? null : (int) ChronoUnit.DAYS.between(d, nextDue), missed);
        }
    }

    /** {@link #FIGURES} for the customers of a condition on {@code customer_id}, as of today or a past date. */
    static String figures(String customers, boolean past) {
        return FIGURES.formatted(customers, past ? DUE_ON_D : DUE_TODAY, past ? " AND paid_at < :dNext" : "");
    }

    private static @Nullable LocalDate earlier(@Nullable LocalDate a, @Nullable LocalDate b) {
        return a == null ? b : b == null || a.isBefore(b) ? a : b;
    }

    /** One customer's instalment figures (see {@link #FIGURES}). */
    private record Instalments(int overdue, int missed, @Nullable LocalDate oldestOverdue, @Nullable LocalDate nextDue) {

        static Instalments of(ResultSet rs) throws SQLException {
            return new Instalments(rs.getInt(2), rs.getInt(3), rs.getObject(4, LocalDate.class), rs.getObject(5, LocalDate.class));
        }

        /** The figures of a customer's instalments due on D with those of the customer's late payments. */
        Instalments plus(Instalments other) {
            return new Instalments(overdue + other.overdue, missed + other.missed, earlier(oldestOverdue, other.oldestOverdue),
                    earlier(nextDue, other.nextDue));
        }
    }
}
