package io.decisioning.service.audit;

import io.decisioning.service.export.StreamingJdbc;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the audit trail ({@code audit_event}); {@link AuditTrail} writes it. Nothing here changes a
 * record: the trail is append-only.
 */
@Repository
class AuditRepository {

    private final JdbcClient jdbc;
    private final JdbcClient streaming;
    private final JsonMapper json;

    AuditRepository(JdbcClient jdbc, StreamingJdbc streaming, JsonMapper json) {
        this.jdbc = jdbc;
        this.streaming = streaming.client();
        this.json = json;
    }

    /**
     * The records matching the filter, newest (highest id) first, and their count. The trail holds a
     * record of every pre-bind check, so it grows large: the WHERE clause names only the criteria
     * given (fixed conditions, every value a bound parameter), so that each query can use its index
     * (actor, action, target, time) rather than a plan made for "any of them may be null".
     */
    AuditPage search(AuditFilter filter, int page, int size) {
        Where where = where(filter);
        List<AuditEvent> items = jdbc.sql(SELECT + where.sql() + " ORDER BY id DESC LIMIT :size OFFSET :offset")
                .params(where.params())
                .param("size", size)
                .param("offset", (long) page * size)
                .query(this::event)
                .list();
        return new AuditPage(items, count(filter));
    }

    long count(AuditFilter filter) {
        Where where = where(filter);
        return jdbc.sql("SELECT COUNT(*) FROM audit_event " + where.sql()).params(where.params()).query(Long.class).single();
    }

    /** Every record {@link #search} finds, newest first, streamed from the database. */
    void forEach(AuditFilter filter, Consumer<? super AuditEvent> each) {
        Where where = where(filter);
        StreamingJdbc.forEach(streaming.sql(SELECT + where.sql() + " ORDER BY id DESC").params(where.params()), this::event, each);
    }

    private static final String SELECT = "SELECT id, occurred_at, actor, action, target_type, target_id, detail FROM audit_event ";

    private record Where(String sql, Map<String, Object> params) {
    }

    private static Where where(AuditFilter filter) {
        List<String> conditions = new ArrayList<>();
        Map<String, Object> params = new LinkedHashMap<>();
        if (filter.actor() != null) {
            conditions.add("actor = :actor");
            params.put("actor", filter.actor());
        }
        if (filter.action() != null) {
            conditions.add("action = :action");
            params.put("action", filter.action());
        }
        if (filter.targetType() != null) {
            conditions.add("target_type = :targetType");
            params.put("targetType", filter.targetType());
        }
        if (filter.targetId() != null) {
            conditions.add("target_id = :targetId");
            params.put("targetId", filter.targetId());
        }
        if (filter.from() != null) {
            conditions.add("occurred_at >= :from");
            params.put("from", utc(filter.from()));
        }
        if (filter.to() != null) {
            conditions.add("occurred_at < :to");
            params.put("to", utc(filter.to()));
        }
        return new Where(conditions.isEmpty() ? "" : "WHERE " + String.join(" AND ", conditions), params);
    }

    private AuditEvent event(ResultSet rs, int row) throws SQLException {
        String detail = rs.getString("detail");
        return new AuditEvent(
                rs.getLong("id"),
                rs.getObject("occurred_at", LocalDateTime.class).toInstant(ZoneOffset.UTC),
                rs.getString("actor"),
                rs.getString("action"),
                rs.getString("target_type"),
                rs.getString("target_id"),
                detail == null ? null : json.readTree(detail));
    }

    private static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
