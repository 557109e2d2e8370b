package io.decisioning.service.manager;

import io.decisioning.rules.Entitlement;
import io.decisioning.service.assessment.AssessmentRepository;
import io.decisioning.service.system.BranchScope;
import io.decisioning.service.system.UserAccount;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** An account manager's book: the CRM records that name them, with their assessment, contacts and open warnings. */
@Repository
class ManagerBookRepository {

    private final JdbcClient jdbc;

    ManagerBookRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The raw rows of a manager's book within the user's branch scope, by record. */
    List<Row> book(String code, UserAccount user) {
        return BranchScope.bind(jdbc.sql("""
                        SELECT c.customer_no, c.name, c.branch_code, a.tier, a.vip, a.entitlements, s.last_contact_at,
                               s.last_visit_at,
                               (SELECT GROUP_CONCAT(DISTINCT w.type ORDER BY w.type SEPARATOR ',') FROM warning w
                                 WHERE w.customer_id = COALESCE(pm.primary_customer_id, c.id)
                                   AND w.status IN ('OPEN', 'ACKNOWLEDGED')) AS open_warnings
                          FROM customer c
                          LEFT JOIN assessment a ON a.customer_id = c.id
                          LEFT JOIN customer_contact_summary s ON s.customer_id = c.id
                          LEFT JOIN party_member pm ON pm.customer_id = c.id
                         WHERE c.account_manager = :code AND\s""" + BranchScope.visible("c") + " ORDER BY c.id"), user)
                .param("code", code)
                .query((rs, n) -> new Row(rs.getString("customer_no"), rs.getString("name"), rs.getString("branch_code"),
                        rs.getString("tier"), rs.getBoolean("vip"), AssessmentRepository.entitlements(rs.getString("entitlements")),
                        rs.getObject("last_contact_at", LocalDateTime.class), rs.getObject("last_visit_at", LocalDateTime.class),
                        rs.getString("open_warnings")))
                .list();
    }

    /** A record of the book as read. */
    record Row(String customerNo, String name, String branchCode, @Nullable String tier, boolean vip,
               List<Entitlement> entitlements, @Nullable LocalDateTime lastContact, @Nullable LocalDateTime lastVisit,
               @Nullable String openWarnings) {

        java.time.@Nullable Instant lastContactAt() {
            return lastContact == null ? null : lastContact.toInstant(ZoneOffset.UTC);
        }

        java.time.@Nullable Instant lastVisitAt() {
            return lastVisit == null ? null : lastVisit.toInstant(ZoneOffset.UTC);
        }
    }
}
