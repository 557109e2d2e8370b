package io.decisioning.service.audit;

import io.decisioning.service.export.Rows;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The append-only audit trail: every change (and every pre-bind check) with who, when, what, on
 * what, and the outcome. Written in the caller's transaction, so a change and its record stand or
 * fall together; read through {@code GET /api/v1/audit} ({@link #search}). Nothing updates a record;
 * housekeeping deletes those older than {@code rules.housekeeping.audit-age}, 7 years by default.
 */
@Component
public class AuditTrail {

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate batch;
    private final JsonMapper json;
    private final AuditRepository records;
    private final Clock clock;

    AuditTrail(JdbcClient jdbc, NamedParameterJdbcTemplate batch, JsonMapper json, AuditRepository records, Clock clock) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.json = json;
        this.records = records;
        this.clock = clock;
    }

    /**
     * @param action     what was done, e.g. "BLACKLIST_ADD", "PRE_BIND_CHECK"
     * @param targetType what kind of thing it was done to, e.g. "BLACKLIST_ENTRY", "CUSTOMER"
     * @param detail     what changed and the outcome, stored as JSON: a map, or a record of the same fields
     */
    public void record(String actor, String action, String targetType, String targetId, Object detail) {
        jdbc.sql("""
                        INSERT INTO audit_event (occurred_at, actor, action, target_type, target_id, detail)
                        VALUES (:at, :actor, :action, :targetType, :targetId, :detail)
                        """)
                .param("at", LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC))
                .param("actor", actor)
                .param("action", action)
                .param("targetType", targetType)
                .param("targetId", targetId)
                .param("detail", json.writeValueAsString(detail))
                .update();
    }

    /** One record per target of the same action, written as one batch (e.g. warnings the system resolved in a chunk). */
    public void recordAll(String actor, String action, String targetType, List<Target> targets) {
        if (targets.isEmpty()) {
            return;
        }
        LocalDateTime at = LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
        batch.batchUpdate("""
                INSERT INTO audit_event (occurred_at, actor, action, target_type, target_id, detail)
                VALUES (:at, :actor, :action, :targetType, :targetId, :detail)
                """, targets.stream().map(target -> new MapSqlParameterSource()
                .addValue("at", at)
                .addValue("actor", actor)
                .addValue("action", action)
                .addValue("targetType", targetType)
                .addValue("targetId", target.id())
                .addValue("detail", json.writeValueAsString(target.detail()))).toArray(SqlParameterSource[]::new));
    }

    /**
     * The records matching the filter, newest first, with their count. {@code page} counts from 0. No
     * transaction: at READ COMMITTED each statement sees its own snapshot anyway, and this class stays
     * unproxied on the pre-bind path.
     */
    AuditPage search(AuditFilter filter, int page, int size) {
        return records.search(filter, page, size);
    }

    /** The records of {@link #search}, all of them, to export. */
    Rows<AuditEvent> rows(AuditFilter filter) {
        return Rows.of(() -> records.count(filter), each -> records.forEach(filter, each));
    }

    /** The thing an action was done to, and what changed. */
    public record Target(String id, Map<String, ?> detail) {
    }
}
