package io.decisioning.service.event;

import io.decisioning.service.system.BranchScope;
import io.decisioning.service.system.BulkSql;
import io.decisioning.service.system.SignIn;
import io.decisioning.service.system.SignInChangedException;
import io.decisioning.service.system.UserAccount;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The table {@code event_inbox} (V6): every accepted event and its processing state, and the copying
 * of the CRM's {@code crm_event} rows into it. Due times and leases use the database's clock, which
 * all nodes share.
 */
@Repository
class EventInbox {

    private static final String COLUMNS = """
            id, event_id, type, customer_no, occurred_at, source, received_at, status, attempts, next_attempt_at,
            processed_at, last_error""";

    /** An event posted alone, stored only while its user is as they signed in ({@link SignIn}). */
    private static final String ACCEPT = """
            INSERT INTO event_inbox (event_id, type, customer_no, occurred_at, source, received_by, received_at, status,
                attempts, next_attempt_at)
            VALUES (:eventId, :type, :customerNo, :occurredAt, %s, :user, UTC_TIMESTAMP(3), :status, 0, UTC_TIMESTAMP(3))
            """.formatted(SignIn.ifUnchanged("'API'"));

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate batch;

    EventInbox(JdbcClient jdbc, NamedParameterJdbcTemplate batch) {
        this.jdbc = jdbc;
        this.batch = batch;
    }

    /**
     * Stores an event from the API as PENDING, only if the user is still as they signed in
     * ({@link SignIn}); false when its eventId is already known.
     *
     * @throws SignInChangedException when the user changed: nothing is stored
     */
    boolean accept(NewEvent event, UserAccount user) {
        try {
            jdbc.sql(ACCEPT)
                    .params(SignIn.params(user))
                    .param("status", EventStatus.PENDING.name())
                    .param("eventId", event.eventId())
                    .param("type", event.type().name())
                    .param("customerNo", event.customerNo())
                    .param("occurredAt", LocalDateTime.ofInstant(event.occurredAt().toInstant(), ZoneOffset.UTC))
                    .param("user", user.getUsername())
                    .update();
            return true;
        } catch (DuplicateKeyException duplicate) {
            return false;
        } catch (DataIntegrityViolationException e) {
            if (SignIn.refused(e, "source")) {
                throw new SignInChangedException(user.getUsername());
            }
            throw e;
        }
    }

    /**
     * Stores a batch of events from the API as PENDING, in their order (ascending ids, so each customer's
     * events are processed in the order sent), in the caller's transaction; for each event, true when it
     * was new. Multi-row inserts ({@link BulkSql}): a thousand events are a few statements, not a
     * thousand round trips.
     *
     * @throws DuplicateKeyException when another request stored one of the new eventIds meanwhile
     */
    List<Boolean> acceptAll(List<NewEvent> events, String user) {
        Set<String> known = new HashSet<>(jdbc.sql("SELECT event_id FROM event_inbox WHERE event_id IN (:eventIds)")
                .param("eventIds", events.stream().map(NewEvent::eventId).distinct().toList())
                .query(String.class)
                .list());
        LocalDateTime now = jdbc.sql("SELECT UTC_TIMESTAMP(3)").query(LocalDateTime.class).single();
        List<Boolean> fresh = new ArrayList<>(events.size());
        List<Object[]> rows = new ArrayList<>(events.size());
        for (NewEvent event : events) {
            boolean isNew = known.add(event.eventId());
            fresh.add(isNew);
            if (isNew) {
                rows.add(new Object[] {event.eventId(), event.type().name(), event.customerNo(),
                        LocalDateTime.ofInstant(event.occurredAt().toInstant(), ZoneOffset.UTC), "API", user, now,
                        EventStatus.PENDING.name(), 0, now});
            }
        }
        BulkSql.insert(batch.getJdbcOperations(), """
                INSERT INTO event_inbox (event_id, type, customer_no, occurred_at, source, received_by, received_at, status,
                    attempts, next_attempt_at)
                VALUES\s""", 10, "", rows);
        return fresh;
    }

    /**
     * Stores events the service raises itself (source SERVICE) as PENDING, in the caller's transaction, one per
     * customer, with fresh event ids: they commit or roll back with the change that raised them.
     */
    void enqueue(EventType type, List<String> customerNos, String user) {
        if (customerNos.isEmpty()) {
            return;
        }
        LocalDateTime now = jdbc.sql("SELECT UTC_TIMESTAMP(3)").query(LocalDateTime.class).single();
        List<Object[]> rows = new ArrayList<>(customerNos.size());
        for (String customerNo : customerNos) {
            rows.add(new Object[] {"svc-" + java.util.UUID.randomUUID(), type.name(), customerNo, now, "SERVICE", user, now,
                    EventStatus.PENDING.name(), 0, now});
        }
        BulkSql.insert(batch.getJdbcOperations(), """
                INSERT INTO event_inbox (event_id, type, customer_no, occurred_at, source, received_by, received_at, status,
                    attempts, next_attempt_at)
                VALUES\s""", 10, "", rows);
    }

    /**
     * Copies up to {@code limit} unconsumed {@code crm_event} rows into the inbox and marks them
     * consumed, in the caller's transaction. Rows locked by another node are skipped, so several
     * nodes can import at once. A row whose eventId is already in the inbox (also posted through
     * the API) is only marked consumed; a row of an unknown type is parked at once with the reason.
     *
     * @return the rows consumed
     */
    int importCrmEvents(int limit) {
        List<CrmRow> rows = jdbc.sql("""
                        SELECT id, event_id, type, customer_no, occurred_at FROM crm_event
                         WHERE consumed_at IS NULL ORDER BY id LIMIT :limit FOR UPDATE SKIP LOCKED
                        """)
                .param("limit", limit)
                .query((rs, n) -> new CrmRow(rs.getLong("id"), rs.getString("event_id"), rs.getString("type"),
                        rs.getString("customer_no"), rs.getObject("occurred_at", LocalDateTime.class)))
                .list();
        if (rows.isEmpty()) {
            return 0;
        }
        List<SqlParameterSource> inserts = new ArrayList<>(rows.size());
        for (CrmRow row : rows) {
            boolean known = EventType.known(row.type());
            inserts.add(new MapSqlParameterSource()
                    .addValue("eventId", row.eventId())
                    .addValue("type", row.type())
                    .addValue("customerNo", row.customerNo())
                    .addValue("occurredAt", row.occurredAt())
                    .addValue("status", (known ? EventStatus.PENDING : EventStatus.PARKED).name())
                    .addValue("error", known ? null : "Unknown event type '" + row.type() + "' in crm_event row "
                            + row.id() + "; expected one of " + List.of(EventType.values()) + "."));
        }
        batch.batchUpdate("""
                INSERT IGNORE INTO event_inbox (event_id, type, customer_no, occurred_at, source, received_at, status,
                    attempts, next_attempt_at, last_error)
                VALUES (:eventId, :type, :customerNo, :occurredAt, 'CRM', UTC_TIMESTAMP(3), :status, 0, UTC_TIMESTAMP(3),
                    :error)
                """, inserts.toArray(SqlParameterSource[]::new));
        jdbc.sql("UPDATE crm_event SET consumed_at = UTC_TIMESTAMP(3) WHERE id IN (:ids)")
                .param("ids", rows.stream().map(CrmRow::id).toList())
                .update();
        return rows.size();
    }

    /**
     * Claims up to {@code limit} due events, oldest first, for {@code node} until the lease ends, in
     * the caller's (short) transaction: rows another node is claiming are skipped. Each claim counts
     * as an attempt.
     */
    List<Claimed> claim(int limit, String node, Duration lease) {
        List<Claimed> due = jdbc.sql("""
                        SELECT id, event_id, type, customer_no, attempts FROM event_inbox
                         WHERE status = :pending AND next_attempt_at <= UTC_TIMESTAMP(3)
                         ORDER BY status, next_attempt_at, id LIMIT :limit FOR UPDATE SKIP LOCKED
                        """)
                .param("pending", EventStatus.PENDING.name())
                .param("limit", limit)
                .query((rs, n) -> new Claimed(rs.getLong("id"), rs.getString("event_id"), rs.getString("type"),
                        rs.getString("customer_no"),
                        rs.getInt("attempts") + 1))
                .list();
        if (!due.isEmpty()) {
            jdbc.sql("""
                            UPDATE event_inbox SET status = :processing, attempts = attempts + 1, claimed_by = :node,
                                   lease_until = UTC_TIMESTAMP(3) + INTERVAL :lease SECOND
                             WHERE id IN (:ids)
                            """)
                    .param("processing", EventStatus.PROCESSING.name())
                    .param("node", node)
                    .param("lease", Math.max(1, lease.toSeconds()))
                    .param("ids", due.stream().map(Claimed::id).toList())
                    .update();
        }
        return due;
    }

    /**
     * Claims whose lease ran out (their node died or hung) become due again. Found first with a plain
     * read (no locks; almost always nothing), then released by id: an UPDATE ranging over every
     * PROCESSING row would take locks next to the rows other workers are claiming and deadlock with them.
     */
    int releaseExpiredLeases() {
        List<Long> expired = jdbc.sql("""
                        SELECT id FROM event_inbox
                         WHERE status = :processing AND lease_until < UTC_TIMESTAMP(3)
                         ORDER BY id LIMIT 1000
                        """)
                .param("processing", EventStatus.PROCESSING.name())
                .query(Long.class)
                .list();
        if (expired.isEmpty()) {
            return 0;
        }
        return jdbc.sql("""
                        UPDATE event_inbox SET status = :pending, claimed_by = NULL, lease_until = NULL,
                               last_error = COALESCE(last_error, 'The claim of a node expired before it finished.')
                         WHERE id IN (:ids) AND status = :processing AND lease_until < UTC_TIMESTAMP(3)
                        """)
                .param("pending", EventStatus.PENDING.name())
                .param("processing", EventStatus.PROCESSING.name())
                .param("ids", expired)
                .update();
    }

    void done(List<Long> ids) {
        if (ids.isEmpty()) {
            return;
        }
        jdbc.sql("""
                        UPDATE event_inbox SET status = :done, processed_at = UTC_TIMESTAMP(3), lease_until = NULL
                         WHERE id IN (:ids) AND status = :processing
                        """)
                .param("done", EventStatus.DONE.name())
                .param("processing", EventStatus.PROCESSING.name())
                .param("ids", ids)
                .update();
    }

    /** A failed attempt: due again after {@code backoff}, or PARKED once the attempts are used up. */
    void failed(Claimed event, String error, int maxAttempts, Duration backoff) {
        boolean park = event.attempt() >= maxAttempts;
        jdbc.sql("""
                        UPDATE event_inbox SET status = :status, last_error = :error, claimed_by = NULL, lease_until = NULL,
                               next_attempt_at = UTC_TIMESTAMP(3) + INTERVAL :delay SECOND
                         WHERE id = :id AND status = :processing
                        """)
                .param("status", (park ? EventStatus.PARKED : EventStatus.PENDING).name())
                .param("processing", EventStatus.PROCESSING.name())
                .param("error", truncate(error))
                .param("delay", park ? 0 : backoff.toSeconds())
                .param("id", event.id())
                .update();
    }

    /** A parked event becomes due again with fresh attempts; false unless it was PARKED. */
    boolean retry(String eventId) {
        return jdbc.sql("""
                        UPDATE event_inbox SET status = :pending, attempts = 0, next_attempt_at = UTC_TIMESTAMP(3)
                         WHERE event_id = :eventId AND status = :parked
                        """)
                .param("pending", EventStatus.PENDING.name())
                .param("parked", EventStatus.PARKED.name())
                .param("eventId", eventId)
                .update() == 1;
    }

    Optional<StoredEvent> find(String eventId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM event_inbox WHERE event_id = :eventId")
                .param("eventId", eventId)
                .query(EventInbox::stored)
                .optional();
    }

    /** The event if {@code user} may see its customer (see {@link #VISIBLE}). */
    Optional<StoredEvent> find(String eventId, UserAccount user) {
        List<String> conditions = new ArrayList<>(List.of("event_id = :eventId"));
        if (!UserAccount.HEAD_OFFICE.equals(user.branchCode())) {
            conditions.add(VISIBLE);
        }
        return scoped(jdbc.sql("SELECT " + COLUMNS + " FROM event_inbox WHERE " + String.join(" AND ", conditions)), user)
                .param("eventId", eventId)
                .query(EventInbox::stored)
                .optional();
    }

    List<StoredEvent> list(@Nullable EventStatus status, @Nullable String customerNo, UserAccount user, int page, int size) {
        return scoped(jdbc.sql("SELECT " + COLUMNS + " FROM event_inbox" + where(status, customerNo, user)
                        + " ORDER BY id DESC LIMIT :size OFFSET :offset"), user)
                .param("status", status == null ? null : status.name())
                .param("customerNo", customerNo)
                .param("size", size)
                .param("offset", (long) page * size)
                .query(EventInbox::stored)
                .list();
    }

    long count(@Nullable EventStatus status, @Nullable String customerNo, UserAccount user) {
        return scoped(jdbc.sql("SELECT COUNT(*) FROM event_inbox" + where(status, customerNo, user)), user)
                .param("status", status == null ? null : status.name())
                .param("customerNo", customerNo)
                .query(Long.class)
                .single();
    }

    /**
     * A user outside head office sees the events of customers of their branch and below ("GD" sees
     * "GD" and "GD-SZ", not "GDX", as {@link UserAccount#canSee}); events naming no known customer only
     * head office sees.
     */
    private static final String VISIBLE = "EXISTS (SELECT 1 FROM customer c WHERE c.customer_no = event_inbox.customer_no AND "
            + BranchScope.visible("c") + ")";

    private static JdbcClient.StatementSpec scoped(JdbcClient.StatementSpec statement, UserAccount user) {
        return BranchScope.seesAll(user) ? statement : BranchScope.bind(statement, user);
    }

    private static String where(@Nullable EventStatus status, @Nullable String customerNo, UserAccount user) {
        List<String> conditions = new ArrayList<>();
        if (status != null) {
            conditions.add("status = :status");
        }
        if (customerNo != null) {
            conditions.add("customer_no = :customerNo");
        }
        if (!UserAccount.HEAD_OFFICE.equals(user.branchCode())) {
            conditions.add(VISIBLE);
        }
        return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }

    private static StoredEvent stored(ResultSet rs, int row) throws SQLException {
        LocalDateTime processed = rs.getObject("processed_at", LocalDateTime.class);
        return new StoredEvent(
                rs.getLong("id"),
                rs.getString("event_id"),
                rs.getString("type"),
                rs.getString("customer_no"),
                utc(rs.getObject("occurred_at", LocalDateTime.class)),
                rs.getString("source"),
                utc(rs.getObject("received_at", LocalDateTime.class)),
                EventStatus.valueOf(rs.getString("status")),
                rs.getInt("attempts"),
                utc(rs.getObject("next_attempt_at", LocalDateTime.class)),
                processed == null ? null : utc(processed),
                rs.getString("last_error"));
    }

    private static Instant utc(LocalDateTime time) {
        return time.toInstant(ZoneOffset.UTC);
    }

    private static String truncate(String text) {
        return text.length() <= 2000 ? text : text.substring(0, 1997) + "...";
    }

    private record CrmRow(long id, String eventId, String type, String customerNo, LocalDateTime occurredAt) {
    }

    /** An event claimed for processing; {@code attempt} counts this one. */
    record Claimed(long id, String eventId, String type, String customerNo, int attempt) {

        /** Whether the CRM says the customer's own data changed (its identity, name, birth date, phone...). */
        boolean customerUpdated() {
            return EventType.CUSTOMER_UPDATED.name().equals(type);
        }
    }
}
