package io.decisioning.service.complaint;

import io.decisioning.service.export.StreamingJdbc;
import io.decisioning.service.system.BranchScope;
import io.decisioning.service.system.UserAccount;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The time-limit work queue over the CRM's complaints and the service's clocks: by state (OVERDUE, AT_RISK, ON_TRACK,
 * UNCLASSIFIED, MISSED, MET, WITHDRAWN), then the nearest deadline, then the oldest; a complaint not clocked yet reads
 * UNCLASSIFIED. Within the caller's branch scope, by the complaint's branch.
 */
@Repository
class QueueRepository {

    private static final String FROM = """
              FROM complaint k
              LEFT JOIN complaint_clock n ON n.complaint_id = k.id
              LEFT JOIN customer c ON c.id = k.customer_id
             WHERE %s
               AND (:branch IS NULL OR k.branch_code = :branch OR k.branch_code LIKE :subBranches ESCAPE '!')
               AND (:category IS NULL OR k.category = :category)
               AND (:customerId IS NULL OR k.customer_id = :customerId)
               AND (:state IS NULL OR COALESCE(n.state, 'UNCLASSIFIED') = :state)""";
    private static final String SELECT = """
            SELECT k.complaint_no, c.customer_no, k.channel, k.category, k.complexity, k.received_at,
                   n.deadline, COALESCE(n.state, 'UNCLASSIFIED') AS state, k.branch_code, k.status, k.decided_at,
                   k.root_cause, n.rule_id""";
    private static final String ORDER = """
             ORDER BY COALESCE(n.queue_rank, 3), n.deadline IS NULL, n.deadline, k.received_at, k.id""";
    private static final String PAGE = " LIMIT :size OFFSET :offset";

    private final JdbcClient jdbc;
    private final JdbcClient streaming;

    QueueRepository(JdbcClient jdbc, StreamingJdbc streaming) {
        this.jdbc = jdbc;
        this.streaming = streaming.client();
    }

    /** A filter of the queue; every part optional. */
    record Filter(@Nullable QueueState state, @Nullable String branch, @Nullable String category, @Nullable Long customerId) {
    }

    List<QueueItem> page(Filter filter, UserAccount user, LocalDate today, int page, int size) {
        return bind(jdbc.sql(SELECT + FROM.formatted(BranchScope.visible("k")) + ORDER + PAGE), filter, user)
                .param("size", size)
                .param("offset", (long) page * size)
                .query((rs, row) -> item(rs, today))
                .list();
    }

    /** Every complaint of {@link #page}'s filter, in the queue's order, streamed from the database. */
    void forEach(Filter filter, UserAccount user, LocalDate today, Consumer<? super QueueItem> each) {
        StreamingJdbc.forEach(bind(streaming.sql(SELECT + FROM.formatted(BranchScope.visible("k")) + ORDER), filter, user),
                (rs, row) -> item(rs, today), each);
    }

    long count(Filter filter, UserAccount user) {
        return bind(jdbc.sql("SELECT COUNT(*)" + FROM.formatted(BranchScope.visible("k"))), filter, user)
                .query(Long.class).single();
    }

    private static JdbcClient.StatementSpec bind(JdbcClient.StatementSpec statement, Filter filter, UserAccount user) {
        return BranchScope.bind(statement, user)
                .param("branch", filter.branch())
                .param("subBranches", filter.branch() == null ? null : BranchScope.likePrefix(filter.branch()) + "-%")
                .param("category", filter.category())
                .param("customerId", filter.customerId())
                .param("state", filter.state() == null ? null : filter.state().name());
    }

    private static QueueItem item(ResultSet rs, LocalDate today) throws SQLException {
        QueueState state = QueueState.valueOf(rs.getString("state"));
        LocalDate deadline = rs.getObject("deadline", LocalDate.class);
        boolean open = state == QueueState.OVERDUE || state == QueueState.AT_RISK || state == QueueState.ON_TRACK;
        LocalDateTime decided = rs.getObject("decided_at", LocalDateTime.class);
        return new QueueItem(rs.getString("complaint_no"), rs.getString("customer_no"), rs.getString("channel"),
                rs.getString("category"), rs.getString("complexity"),
                rs.getObject("received_at", LocalDateTime.class).toInstant(ZoneOffset.UTC), deadline, state,
                open && deadline != null ? (int) ChronoUnit.DAYS.between(today, deadline) : null,
                rs.getString("branch_code"), rs.getString("status"),
                decided == null ? null : decided.toInstant(ZoneOffset.UTC), rs.getString("root_cause"), rs.getString("rule_id"));
    }
}
