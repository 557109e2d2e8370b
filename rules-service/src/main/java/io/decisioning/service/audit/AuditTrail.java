package io.decisioning.service.audit;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The append-only audit trail: every change (and every pre-bind check) with who, when, what, on
 * what, and the outcome. Written in the caller's transaction, so a change and its record stand or
 * fall together.
 */
@Component
public class AuditTrail {

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Clock clock;

    AuditTrail(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = Clock.systemUTC();
    }

    /**
     * @param action     what was done, e.g. "BLACKLIST_ADD", "PRE_BIND_CHECK"
     * @param targetType what kind of thing it was done to, e.g. "BLACKLIST_ENTRY", "CUSTOMER"
     * @param detail     what changed and the outcome, stored as JSON
     */
    public void record(String actor, String action, String targetType, String targetId, Map<String, ?> detail) {
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
}
