package io.decisioning.service.assessment;

import io.decisioning.rules.engine.CustomerWarning;
import io.decisioning.service.audit.AuditTrail;
import io.decisioning.service.system.BulkSql;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The system's side of the warning lifecycle (DESIGN.md section 4), for the customers of one evaluation
 * at once: a warning is raised when its rule holds and no OPEN or ACKNOWLEDGED warning of that type
 * exists for the customer; it is RESOLVED by the system when a later evaluation no longer raises it.
 * Their open warnings are locked and read with one query, and the raises (multi-row inserts), severity
 * changes and system resolutions (batches) are written together. People's side is the warning package.
 */
@Repository
class WarningSync {

    /** Who resolved a warning the rules no longer raise. */
    static final String SYSTEM = "system";
    static final String RESOLVE_NOTE = "No longer raised by the rules.";

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate batch;
    private final AuditTrail audit;

    WarningSync(JdbcClient jdbc, NamedParameterJdbcTemplate batch, AuditTrail audit) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.audit = audit;
    }

    /** What the rules raise now for one customer. */
    record Raised(long customerId, String customerNo, List<CustomerWarning> warnings) {

        public Raised {
            Objects.requireNonNull(customerNo, "customerNo");
            warnings = List.copyOf(warnings);
        }
    }

    /** Counts of what changed. */
    record Result(int raised, int updated, int resolved) {
    }

    /** Brings the open warnings of these customers in line with what the rules raise now, in the caller's transaction. */
    Result syncAll(List<Raised> customers, Instant now) {
        if (customers.isEmpty()) {
            return new Result(0, 0, 0);
        }
        LocalDateTime at = LocalDateTime.ofInstant(now, ZoneOffset.UTC);
        Map<Long, Map<String, Open>> open = new HashMap<>();
        BulkSql.IdCondition ids = BulkSql.ids("customer_id", customers.stream().map(Raised::customerId).toList(), "id");
        jdbc.sql("""
                        SELECT id, customer_id, type, severity, message, message_zh, status FROM warning
                         WHERE %s AND status IN ('OPEN', 'ACKNOWLEDGED')
                         ORDER BY id FOR UPDATE
                        """.formatted(ids.sql()))
                .params(ids.params())
                .query((RowCallbackHandler) rs -> open
                        .computeIfAbsent(rs.getLong("customer_id"), id -> new HashMap<>())
                        .putIfAbsent(rs.getString("type"), new Open(rs.getLong("id"), rs.getString("severity"),
                                rs.getString("message"), rs.getString("message_zh"), rs.getString("status"))));
        List<Object[]> inserts = new ArrayList<>();
        List<SqlParameterSource> updates = new ArrayList<>();
        List<SqlParameterSource> resolves = new ArrayList<>();
        List<AuditTrail.Target> resolved = new ArrayList<>();
        for (Raised customer : customers) {
            Map<String, Open> existing = open.getOrDefault(customer.customerId(), new HashMap<>());
            for (CustomerWarning warning : customer.warnings()) {
                Open current = existing.remove(warning.type().name());
                String message = truncate(warning.message().en());
                String messageZh = truncate(warning.message().zh());
                if (current == null) {
                    inserts.add(new Object[] {customer.customerId(), customer.customerNo(), warning.type().name(),
                            warning.severity().name(), message, messageZh, "OPEN", at});
                } else if (!current.severity().equals(warning.severity().name()) || !current.message().equals(message)
                        || !messageZh.equals(current.messageZh())) {
                    updates.add(new MapSqlParameterSource()
                            .addValue("id", current.id())
                            .addValue("severity", warning.severity().name())
                            .addValue("message", message)
                            .addValue("messageZh", messageZh));
                }
            }
            existing.forEach((type, gone) -> {
                resolves.add(new MapSqlParameterSource()
                        .addValue("id", gone.id())
                        .addValue("by", SYSTEM)
                        .addValue("at", at));
                resolved.add(new AuditTrail.Target(Long.toString(gone.id()), Map.of("customerNo", customer.customerNo(),
                        "type", type, "severity", gone.severity(), "from", gone.status(), "to", "RESOLVED",
                        "note", RESOLVE_NOTE)));
            });
        }
        BulkSql.insert(batch.getJdbcOperations(),
                "INSERT INTO warning (customer_id, customer_no, type, severity, message, message_zh, status, raised_at) VALUES",
                8, "",
                inserts);
        if (!updates.isEmpty()) {
            batch.batchUpdate("UPDATE warning SET severity = :severity, message = :message, message_zh = :messageZh WHERE id = :id",
                    updates.toArray(SqlParameterSource[]::new));
        }
        if (!resolves.isEmpty()) {
            batch.batchUpdate("""
                    UPDATE warning SET status = 'RESOLVED', resolved_by = :by, resolved_at = :at,
                        resolve_note = :note
                     WHERE id = :id
                    """, resolves.stream().map(r -> ((MapSqlParameterSource) r).addValue("note", RESOLVE_NOTE))
                    .toArray(SqlParameterSource[]::new));
            audit.recordAll(SYSTEM, "WARNING_AUTO_RESOLVE", "WARNING", resolved);
        }
        return new Result(inserts.size(), updates.size(), resolves.size());
    }

    private record Open(long id, String severity, String message, @Nullable String messageZh, String status) {
    }

    private static String truncate(String message) {
        return message.length() <= 1000 ? message : message.substring(0, 997) + "...";
    }
}
