package io.decisioning.service.warning;

import io.decisioning.rules.Severity;
import io.decisioning.rules.WarningType;
import io.decisioning.rules.engine.Sentence;
import io.decisioning.service.export.StreamingJdbc;
import io.decisioning.service.system.BranchScope;
import io.decisioning.service.system.UserAccount;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient.StatementSpec;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Warnings as people review them: listed, read, acknowledged and resolved, only for customers the
 * user's branch may see. The system's side of the lifecycle (raise, re-grade, auto-resolve) is the
 * evaluation's (the assessment package).
 */
@Repository
class WarningReviewRepository {

    private static final String COLUMNS = """
            w.id, c.customer_no, w.type, w.severity, w.message, w.message_zh, w.status, w.raised_at,
            w.acknowledged_by, w.acknowledged_at, w.acknowledge_note, w.resolved_by, w.resolved_at, w.resolve_note""";

    /**
     * The SQL form of {@link UserAccount#canSee}: the customer's branch is the user's or below it
     * ("GD" sees "GD" and "GD-SZ", not "GDX"); head office sees all. Bound by {@link BranchScope#bind}.
     */
    private static final String VISIBLE = BranchScope.visible("c");

    /** Every criterion of a {@link WarningFilter}; a null parameter does not filter. */
    private static final String FILTERED = """
            FROM warning w
            JOIN customer c ON c.id = w.customer_id
            WHERE (:status IS NULL OR w.status = :status)
              AND (:type IS NULL OR w.type = :type)
              AND (:category IS NULL OR w.type IN (:categoryTypes))
              AND (:accountManager IS NULL OR c.account_manager = :accountManager)
              AND (:severity IS NULL OR w.severity = :severity)
              AND (:customerNo IS NULL OR c.customer_no = :customerNo)
              AND (:filterBranch IS NULL OR c.branch_code = :filterBranch OR c.branch_code LIKE :filterSubBranches ESCAPE '!')
              AND %s
            """.formatted(VISIBLE);

    private final JdbcClient jdbc;
    private final JdbcClient streaming;

    WarningReviewRepository(JdbcClient jdbc, StreamingJdbc streaming) {
        this.jdbc = jdbc;
        this.streaming = streaming.client();
    }

    /** The warnings matching the filter that the user may see, newest (highest id) first. */
    WarningPage list(WarningFilter filter, UserAccount user, int page, int size) {
        List<Warning> items = filtered("""
                        SELECT %s
                        %s
                        ORDER BY w.id DESC
                        LIMIT :size OFFSET :offset
                        """.formatted(COLUMNS, FILTERED), filter, user)
                .param("size", size)
                .param("offset", (long) page * size)
                .query(WarningReviewRepository::warning)
                .list();
        return new WarningPage(items, count(filter, user));
    }

    /** How many warnings match the filter that the user may see. */
    long count(WarningFilter filter, UserAccount user) {
        return filtered("SELECT COUNT(*)\n" + FILTERED, filter, user).query(Long.class).single();
    }

    /** Every warning matching the filter that the user may see, newest first, streamed from the database. */
    void forEach(WarningFilter filter, UserAccount user, Consumer<? super Warning> each) {
        StreamingJdbc.forEach(filtered(streaming, "SELECT %s\n%s\nORDER BY w.id DESC".formatted(COLUMNS, FILTERED), filter, user),
                WarningReviewRepository::warning, each);
    }

    /** The warning, if it exists and the user may see its customer. */
    Optional<Warning> find(long id, UserAccount user) {
        return BranchScope.bind(jdbc.sql("""
                        SELECT %s
                          FROM warning w
                          JOIN customer c ON c.id = w.customer_id
                         WHERE w.id = :id AND %s
                        """.formatted(COLUMNS, VISIBLE)), user)
                .param("id", id)
                .query(WarningReviewRepository::warning)
                .optional();
    }

    /** The customer the warning is about; empty when there is no such warning. */
    Optional<Long> customerId(long id) {
        return jdbc.sql("SELECT customer_id FROM warning WHERE id = :id")
                .param("id", id)
                .query(Long.class)
                .optional();
    }

    /**
     * Locks the warning's row until the caller's transaction ends and returns its current status.
     * Evaluations lock the same rows when they synchronise warnings, so a person's change and the
     * system's never overwrite each other.
     */
    Optional<WarningStatus> lockStatus(long id) {
        return jdbc.sql("SELECT status FROM warning WHERE id = :id FOR UPDATE")
                .param("id", id)
                .query((rs, row) -> WarningStatus.valueOf(rs.getString("status")))
                .optional();
    }

    /** Marks a locked OPEN warning ACKNOWLEDGED. */
    void acknowledge(long id, String by, Instant at, @Nullable String note) {
        jdbc.sql("""
                        UPDATE warning
                           SET status = 'ACKNOWLEDGED', acknowledged_by = :by, acknowledged_at = :at,
                               acknowledge_note = :note
                         WHERE id = :id
                        """)
                .param("id", id)
                .param("by", by)
                .param("at", utc(at))
                .param("note", note, Types.VARCHAR)
                .update();
    }

    /** Marks a locked OPEN or ACKNOWLEDGED warning RESOLVED by a person. */
    void resolve(long id, String by, Instant at, String note) {
        jdbc.sql("""
                        UPDATE warning
                           SET status = 'RESOLVED', resolved_by = :by, resolved_at = :at, resolve_note = :note
                         WHERE id = :id
                        """)
                .param("id", id)
                .param("by", by)
                .param("at", utc(at))
                .param("note", note)
                .update();
    }

    private StatementSpec filtered(String sql, WarningFilter filter, UserAccount user) {
        return filtered(jdbc, sql, filter, user);
    }

    private static StatementSpec filtered(JdbcClient client, String sql, WarningFilter filter, UserAccount user) {
        return BranchScope.bind(client.sql(sql), user)
                .param("status", filter.status() == null ? null : filter.status().name(), Types.VARCHAR)
                .param("type", filter.type() == null ? null : filter.type().name(), Types.VARCHAR)
                .param("category", filter.category() == null ? null : filter.category().name(), Types.VARCHAR)
                .param("categoryTypes", Arrays.stream(WarningType.values())
                        .filter(type -> filter.category() == null || type.category() == filter.category())
                        .map(WarningType::name).toList())
                .param("accountManager", filter.accountManager(), Types.VARCHAR)
                .param("severity", filter.severity() == null ? null : filter.severity().name(), Types.VARCHAR)
                .param("customerNo", filter.customerNo(), Types.VARCHAR)
                .param("filterBranch", filter.branch(), Types.VARCHAR)
                .param("filterSubBranches", filter.branch() == null ? null : BranchScope.likePrefix(filter.branch()) + "-%",
                        Types.VARCHAR);
    }


    /** A warning raised before messages had Chinese (no {@code message_zh}) reads in English in both languages. */
    private static Sentence message(String message, @Nullable String messageZh) {
        return messageZh == null ? Sentence.of(message) : new Sentence(message, messageZh);
    }

    private static Warning warning(ResultSet rs, int row) throws SQLException {
        WarningType type = WarningType.valueOf(rs.getString("type"));
        return new Warning(
                rs.getLong("id"),
                rs.getString("customer_no"),
                type,
                type.category(),
                Severity.valueOf(rs.getString("severity")),
                message(rs.getString("message"), rs.getString("message_zh")),
                WarningStatus.valueOf(rs.getString("status")),
                rs.getObject("raised_at", LocalDateTime.class).toInstant(ZoneOffset.UTC),
                rs.getString("acknowledged_by"),
                instant(rs.getObject("acknowledged_at", LocalDateTime.class)),
                rs.getString("acknowledge_note"),
                rs.getString("resolved_by"),
                instant(rs.getObject("resolved_at", LocalDateTime.class)),
                rs.getString("resolve_note"));
    }

    private static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static @Nullable Instant instant(@Nullable LocalDateTime utc) {
        return utc == null ? null : utc.toInstant(ZoneOffset.UTC);
    }
}
