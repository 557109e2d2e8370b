package io.decisioning.service.manager;

import io.decisioning.service.system.BranchScope;
import io.decisioning.service.system.UserAccount;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The figures of the monthly visit report ({@link VisitReport}), set-based: one statement over the managed customers
 * grouped by manager (the month's contacts joined as one grouped derived table; the last contact before the month read
 * only for the PLATINUM and GOLD customers, through {@code ix_customer_contact_kind}), one over the month's contacts
 * ({@code ix_customer_contact_occurred}).
 */
@Repository
class VisitReportRepository {

    private static final String CUSTOMERS = """
            SELECT code, COUNT(*) AS customers, SUM(vip) AS vips, SUM(due) AS due, SUM(due AND done) AS done,
                   SUM(due AND NOT done AND (:past OR late)) AS overdue
              FROM (SELECT code, vip,
                           tier = 'PLATINUM' OR tier = 'GOLD' AND COALESCE(last_before, :never) < :goldDue AS due,
                           tier = 'PLATINUM' AND visited = 1 OR tier = 'GOLD' AND contacted = 1 AS done,
                           tier = 'PLATINUM' AND COALESCE(last_before, :never) < :platinumLate
                             OR tier = 'GOLD' AND COALESCE(last_before, :never) < :goldLate AS late
                      FROM (SELECT c.account_manager AS code, COALESCE(a.vip, FALSE) AS vip, a.tier,
                                   CASE a.tier
                                     WHEN 'PLATINUM' THEN (SELECT MAX(x.occurred_at) FROM customer_contact x
                                                            WHERE x.customer_id = c.id AND x.kind = 'VISIT'
                                                              AND x.occurred_at < :from)
                                     WHEN 'GOLD' THEN (SELECT MAX(x.occurred_at) FROM customer_contact x
                                                        WHERE x.customer_id = c.id AND x.occurred_at < :from)
                                   END AS last_before,
                                   COALESCE(m.visited, 0) AS visited, COALESCE(m.contacted, 0) AS contacted
                              FROM customer c
                              LEFT JOIN assessment a ON a.customer_id = c.id
                              LEFT JOIN (SELECT customer_id, MAX(kind = 'VISIT') AS visited, 1 AS contacted
                                           FROM customer_contact
                                          WHERE occurred_at >= :from AND occurred_at < :next GROUP BY customer_id) m
                                     ON m.customer_id = c.id
                             WHERE c.account_manager IS NOT NULL AND %s) t) u
             GROUP BY code""";

    private static final String CONTACTS = """
            SELECT c.account_manager AS code, COUNT(*) AS contacts, SUM(x.kind = 'VISIT') AS visits,
                   COUNT(x.satisfaction) AS surveys, COALESCE(SUM(x.satisfaction), 0) AS satisfaction
              FROM customer_contact x JOIN customer c ON c.id = x.customer_id
             WHERE x.occurred_at >= :from AND x.occurred_at < :next AND c.account_manager IS NOT NULL AND %s
             GROUP BY c.account_manager""";

    private final JdbcClient jdbc;

    VisitReportRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The figures of one manager, by code. */
    record Figures(long customers, long vips, long due, long done, long overdue, long contacts, long visits,
                   long surveys, long satisfactionSum) {

        @Nullable Double averageSatisfaction() {
            return surveys == 0 ? null : (double) satisfactionSum / surveys;
        }
    }

    /**
     * The figures per manager code for the customers of {@code branch}'s subtree (all for null) that the user sees.
     *
     * @param bounds the month's instants (UTC) and the cut-offs of due and late contacts
     */
    Map<String, Figures> figures(@Nullable String branch, UserAccount user, Bounds bounds) {
        String scope = BranchScope.visible("c") + " AND (:branch IS NULL OR c.branch_code = :branch"
                + " OR c.branch_code LIKE :subBranches ESCAPE '!')";
        Map<String, long[]> counts = new HashMap<>();
        BranchScope.bind(jdbc.sql(CUSTOMERS.formatted(scope)), user)
                .param("branch", branch)
                .param("subBranches", branch == null ? null : BranchScope.likePrefix(branch) + "-%")
                .param("from", bounds.from())
                .param("next", bounds.next())
                .param("never", LocalDateTime.of(1000, 1, 1, 0, 0))
                .param("goldDue", bounds.goldDue())
                .param("past", bounds.past())
                .param("platinumLate", bounds.platinumLate())
                .param("goldLate", bounds.goldLate())
                .query((RowCallbackHandler) rs -> counts.put(rs.getString("code"), new long[] {rs.getLong("customers"),
                        rs.getLong("vips"), rs.getLong("due"), rs.getLong("done"), rs.getLong("overdue")}));
        Map<String, long[]> contacts = new HashMap<>();
        BranchScope.bind(jdbc.sql(CONTACTS.formatted(scope)), user)
                .param("branch", branch)
                .param("subBranches", branch == null ? null : BranchScope.likePrefix(branch) + "-%")
                .param("from", bounds.from())
                .param("next", bounds.next())
                .query((RowCallbackHandler) rs -> contacts.put(rs.getString("code"), new long[] {rs.getLong("contacts"),
                        rs.getLong("visits"), rs.getLong("surveys"), rs.getLong("satisfaction")}));
        Map<String, Figures> figures = new HashMap<>();
        counts.forEach((code, c) -> {
            long[] x = contacts.getOrDefault(code, new long[4]);
            figures.put(code, new Figures(c[0], c[1], c[2], c[3], c[4], x[0], x[1], x[2], x[3]));
        });
        return figures;
    }

    /**
     * The instants (UTC, as stored) a month's report compares contacts with.
     *
     * @param from         the month's first instant
     * @param next         the next month's first instant
     * @param goldDue      a GOLD customer's call falls due in the month when its last contact is before this (92 days
     *                     before the month's last day)
     * @param past         whether the month is over (every due contact not done is overdue)
     * @param platinumLate in the current month, a PLATINUM visit is overdue when the last was before this (31 days ago)
     * @param goldLate     in the current month, a GOLD call is overdue when the last contact was before this (92 days ago)
     */
    record Bounds(LocalDateTime from, LocalDateTime next, LocalDateTime goldDue, boolean past, LocalDateTime platinumLate,
                  LocalDateTime goldLate) {
    }
}
