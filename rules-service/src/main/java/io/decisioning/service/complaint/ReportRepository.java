package io.decisioning.service.complaint;

import io.decisioning.service.system.BranchScope;
import io.decisioning.service.system.UserAccount;
import java.time.LocalDateTime;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The rows the monthly complaint analysis counts, within the caller's branch scope (and a branch's subtree when
 * asked), each read by a range of one index of V24: complaints received in a period ({@code ix_complaint_received}),
 * complaints decided in one ({@code ix_complaint_decided}) with their clocks, and a set of customers' complaints of a
 * year ({@code ix_complaint_customer}).
 */
@Repository
class ReportRepository {

    private static final String SCOPE = BranchScope.visible("k")
            + " AND (:branch IS NULL OR k.branch_code = :branch OR k.branch_code LIKE :subBranches ESCAPE '!')";
    private static final String RECEIVED = """
            SELECT k.customer_id, k.branch_code, k.category, k.channel
              FROM complaint k
             WHERE k.received_at >= :from AND k.received_at < :to AND %s""".formatted(SCOPE);
    private static final String DECIDED = """
            SELECT k.branch_code, k.category, k.channel, k.received_at, k.decided_at, k.root_cause, n.state
              FROM complaint k LEFT JOIN complaint_clock n ON n.complaint_id = k.id
             WHERE k.decided_at >= :from AND k.decided_at < :to AND k.status IN ('DECIDED', 'CLOSED') AND %s"""
            .formatted(SCOPE);
    private static final String YEAR_COUNTS = """
            SELECT k.customer_id, COUNT(*)
              FROM complaint k
             WHERE k.customer_id IN (:customers) AND k.received_at >= :from AND k.received_at < :to AND %s
             GROUP BY k.customer_id""".formatted(SCOPE);

    private final JdbcClient jdbc;

    ReportRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** One complaint received in a period. */
    record Received(@Nullable Long customerId, String branchCode, @Nullable String category, String channel) {
    }

    /** One complaint decided in a period, with its clock's state (null when not clocked). */
    record Decided(String branchCode, @Nullable String category, String channel, LocalDateTime receivedAt,
                   LocalDateTime decidedAt, @Nullable String rootCause, @Nullable String state) {
    }

    void received(LocalDateTime from, LocalDateTime to, @Nullable String branch, UserAccount user,
                  java.util.function.Consumer<Received> each) {
        bind(jdbc.sql(RECEIVED), branch, user).param("from", from).param("to", to)
                .query((RowCallbackHandler) rs -> each.accept(new Received(rs.getObject(1, Long.class), rs.getString(2),
                        rs.getString(3), rs.getString(4))));
    }

    void decided(LocalDateTime from, LocalDateTime to, @Nullable String branch, UserAccount user,
                 java.util.function.Consumer<Decided> each) {
        bind(jdbc.sql(DECIDED), branch, user).param("from", from).param("to", to)
                .query((RowCallbackHandler) rs -> each.accept(new Decided(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getObject(4, LocalDateTime.class), rs.getObject(5, LocalDateTime.class), rs.getString(6),
                        rs.getString(7))));
    }

    /** How many complaints each of these customers received in the period (only those with any). */
    Map<Long, Long> counts(java.util.Collection<Long> customers, LocalDateTime from, LocalDateTime to,
                           @Nullable String branch, UserAccount user) {
        Map<Long, Long> counts = new java.util.HashMap<>();
        java.util.List<Long> ids = java.util.List.copyOf(customers);
        for (int at = 0; at < ids.size(); at += 1000) {
            bind(jdbc.sql(YEAR_COUNTS), branch, user).param("customers", ids.subList(at, Math.min(ids.size(), at + 1000)))
                    .param("from", from).param("to", to)
                    .query((RowCallbackHandler) rs -> counts.put(rs.getLong(1), rs.getLong(2)));
        }
        return counts;
    }

    private static JdbcClient.StatementSpec bind(JdbcClient.StatementSpec statement, @Nullable String branch, UserAccount user) {
        return BranchScope.bind(statement, user)
                .param("branch", branch)
                .param("subBranches", branch == null ? null : BranchScope.likePrefix(branch) + "-%");
    }
}
