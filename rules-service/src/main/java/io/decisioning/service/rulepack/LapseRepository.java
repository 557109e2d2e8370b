package io.decisioning.service.rulepack;

import io.decisioning.service.assessment.IdRange;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What a back-test compares its scores with, read from the CRM's policies: who was at risk on a date D and who of
 * them left within the horizon H after it (DESIGN.md section 11). Over the party (section 10): a customer's
 * policies are those of every record of its party ({@code party_member}); a record never resolved has its own.
 * <ul>
 *   <li><b>At risk</b> on D: a policy in force on D that is not CANCELLED ({@code start_date <= D < end_date}).</li>
 *   <li><b>Left</b> within H: such a policy (in force on D) that is LAPSED with end_date in (D, D + H], or that
 *       ended in (D, D + H] as EXPIRED without a renewal: a policy of the customer (any record of the party) in
 *       the same product line, not CANCELLED, starting within 30 days before or after its end. A policy still
 *       ACTIVE after its end date (the CRM has not updated it) does not count as left.</li>
 * </ul>
 */
@Repository
class LapseRepository {

    /** Days before or after a policy's end within which a policy of the same line starting is its renewal. */
    static final int RENEWAL_DAYS = 30;

    /** A policy r of the same line as p, not cancelled, starting within 30 days of p's end. */
    private static final String RENEWAL_OF_P = """
            r.id <> p.id AND r.product_line = p.product_line AND r.status <> 'CANCELLED'
            AND r.start_date BETWEEN p.end_date - INTERVAL %1$d DAY AND p.end_date + INTERVAL %1$d DAY""".formatted(RENEWAL_DAYS);

    /**
     * For each customer of the range at risk on :d, whether one of the policies of its party in force on :d
     * lapsed or ended unrenewed by :horizonEnd. The policies are the party's members' ({@code mm}), or the
     * customer's own when it has no party yet; a renewal is looked for among the same record's policies and the
     * other members'.
     */
    private static final String AT_RISK_AND_LEFT = """
            SELECT u.id AS customer_id,
                   MAX(CASE WHEN p.end_date <= :horizonEnd
                             AND (p.status = 'LAPSED'
                                  OR p.status = 'EXPIRED'
                                     AND NOT EXISTS (SELECT 1 FROM policy r
                                                      WHERE r.customer_id = p.customer_id AND %1$s)
                                     AND NOT EXISTS (SELECT 1 FROM party_member rm
                                                       JOIN policy r ON r.customer_id = rm.customer_id
                                                      WHERE rm.party_no = um.party_no AND rm.customer_id <> p.customer_id
                                                        AND %1$s))
                            THEN 1 ELSE 0 END) AS has_left
              FROM customer u
              LEFT JOIN party_member um ON um.customer_id = u.id
              LEFT JOIN party_member mm ON mm.party_no = um.party_no
              JOIN policy p ON p.customer_id = COALESCE(mm.customer_id, u.id)
             WHERE u.id BETWEEN :fromId AND :toId
               AND p.status <> 'CANCELLED' AND p.start_date <= :d AND p.end_date > :d
             GROUP BY u.id""".formatted(RENEWAL_OF_P);

    private final JdbcClient jdbc;

    LapseRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The customers of {@code range} at risk on {@code asOf}, each with whether it left within the
     * {@code horizonDays} after it; a customer not in the answer was not at risk.
     */
    Map<Long, Boolean> atRiskAndLeft(IdRange range, LocalDate asOf, int horizonDays) {
        Map<Long, Boolean> atRisk = new HashMap<>();
        jdbc.sql(AT_RISK_AND_LEFT)
                .param("fromId", range.fromId())
                .param("toId", range.toId())
                .param("d", asOf)
                .param("horizonEnd", asOf.plusDays(horizonDays))
                .query((RowCallbackHandler) rs -> atRisk.put(rs.getLong("customer_id"), rs.getInt("has_left") == 1));
        return atRisk;
    }

    /** The earliest due date of the CRM's premium schedule; empty when it keeps none. */
    Optional<LocalDate> oldestDueDate() {
        return Optional.ofNullable(jdbc.sql("SELECT MIN(due_date) AS oldest FROM premium_due")
                .query((rs, row) -> rs.getObject("oldest", LocalDate.class))
                .list().get(0));
    }
}
