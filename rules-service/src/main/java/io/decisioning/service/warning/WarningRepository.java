package io.decisioning.service.warning;

import io.decisioning.rules.engine.RaisedWarning;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Warnings and their lifecycle (DESIGN.md section 4): a warning is raised when its rule holds and
 * no OPEN or ACKNOWLEDGED warning of that type exists for the customer; it is RESOLVED by the system
 * when a later evaluation no longer raises it.
 */
@Repository
public class WarningRepository {

    static final String SYSTEM = "system";

    private final JdbcClient jdbc;

    WarningRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Brings the customer's open warnings in line with what the rules raise now. Runs in the
     * caller's transaction; the customer's open warnings are locked first.
     */
    public void sync(long customerId, String customerNo, List<RaisedWarning> raised, Instant now) {
        LocalDateTime at = LocalDateTime.ofInstant(now, ZoneOffset.UTC);
        Map<String, OpenWarning> open = new HashMap<>();
        jdbc.sql("""
                        SELECT id, type, severity, message FROM warning
                        WHERE customer_id = :customerId AND status IN ('OPEN', 'ACKNOWLEDGED')
                        ORDER BY id FOR UPDATE
                        """)
                .param("customerId", customerId)
                .query((rs, row) -> new OpenWarning(rs.getLong("id"), rs.getString("type"), rs.getString("severity"),
                        rs.getString("message")))
                .list()
                .forEach(warning -> open.putIfAbsent(warning.type(), warning));
        for (RaisedWarning warning : raised) {
            OpenWarning existing = open.remove(warning.type().name());
            if (existing == null) {
                jdbc.sql("""
                                INSERT INTO warning (customer_id, customer_no, type, severity, message, status, raised_at)
                                VALUES (:customerId, :customerNo, :type, :severity, :message, 'OPEN', :at)
                                """)
                        .param("customerId", customerId)
                        .param("customerNo", customerNo)
                        .param("type", warning.type().name())
                        .param("severity", warning.severity().name())
                        .param("message", truncate(warning.message()))
                        .param("at", at)
                        .update();
            } else if (!existing.severity().equals(warning.severity().name())
                    || !existing.message().equals(truncate(warning.message()))) {
                jdbc.sql("UPDATE warning SET severity = :severity, message = :message WHERE id = :id")
                        .param("severity", warning.severity().name())
                        .param("message", truncate(warning.message()))
                        .param("id", existing.id())
                        .update();
            }
        }
        for (OpenWarning gone : open.values()) {
            jdbc.sql("""
                            UPDATE warning SET status = 'RESOLVED', resolved_by = :by, resolved_at = :at,
                                resolve_note = 'No longer raised by the rules.'
                            WHERE id = :id
                            """)
                    .param("by", SYSTEM)
                    .param("at", at)
                    .param("id", gone.id())
                    .update();
        }
    }

    static String truncate(String message) {
        return message.length() <= 1000 ? message : message.substring(0, 997) + "...";
    }

    private record OpenWarning(long id, String type, String severity, String message) {
    }
}
