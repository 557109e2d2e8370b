package io.decisioning.service.blacklist;

import io.decisioning.service.export.StreamingJdbc;
import io.decisioning.service.identity.IdType;
import io.decisioning.service.identity.MatchKeys;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/** Blacklist entries: add, find, search and lift. Entries are never deleted. */
@Repository
class BlacklistRepository {

    private static final String COLUMNS = """
            id, id_type, id_number, name, birth_date, phone, reason_code, note, expires_at, status,
            created_by, created_at, lifted_by, lifted_at, lift_reason""";

    private final JdbcClient jdbc;
    private final JdbcClient streaming;

    BlacklistRepository(JdbcClient jdbc, StreamingJdbc streaming) {
        this.jdbc = jdbc;
        this.streaming = streaming.client();
    }

    /** Stores a validated entry with its match keys; returns its id. */
    long add(NewBlacklistEntry entry, String createdBy, Instant createdAt) {
        MatchKeys keys = entry.keys();
        KeyHolder id = new GeneratedKeyHolder();
        jdbc.sql("""
                        INSERT INTO blacklist_entry (id_type, id_number, id_number_key, id_key, name, name_key, birth_date,
                                                     name_birth_key, phone, phone_key, reason_code, note, expires_at, status,
                                                     created_by, created_at)
                        VALUES (:idType, :idNumber, :idNumberKey, :idKey, :name, :nameKey, :birthDate,
                                :nameBirthKey, :phone, :phoneKey, :reasonCode, :note, :expiresAt, 'ACTIVE',
                                :createdBy, :createdAt)
                        """)
                .param("idType", entry.idType() == null ? null : entry.idType().name())
                .param("idNumber", entry.idNumber())
                .param("idNumberKey", entry.idNumber() == null ? null
                        : MatchKeys.comparableNumber(entry.idType() == null ? null : entry.idType().name(), entry.idNumber()))
                .param("idKey", keys.idNumber())
                .param("name", entry.name())
                .param("nameKey", entry.name() == null ? null : MatchKeys.normalize(entry.name()))
                .param("birthDate", entry.birthDate())
                .param("nameBirthKey", keys.nameBirthDate())
                .param("phone", entry.phone())
                .param("phoneKey", keys.phone())
                .param("reasonCode", entry.reasonCode().name())
                .param("note", entry.note())
                .param("expiresAt", entry.expiresAt())
                .param("createdBy", createdBy)
                .param("createdAt", utc(createdAt))
                .update(id);
        return Objects.requireNonNull(id.getKey(), "generated id").longValue();
    }

    Optional<BlacklistEntry> find(long id) {
        return jdbc.sql("""
                        SELECT %s FROM blacklist_entry WHERE id = :id
                        """.formatted(COLUMNS))
                .param("id", id)
                .query(BlacklistRepository::entry)
                .optional();
    }

    /**
     * Entries whose normalized id number or phone equals the query, or whose normalized name contains it; all entries
     * for a blank query; only those of {@code status} when given. Newest first.
     */
    BlacklistPage search(String query, @Nullable EntryStatus status, int page, int size) {
        var items = matching(jdbc, "SELECT " + COLUMNS, query, status, " ORDER BY id DESC LIMIT :size OFFSET :offset")
                .param("size", size)
                .param("offset", (long) page * size)
                .query(BlacklistRepository::entry)
                .list();
        return new BlacklistPage(items, count(query, status));
    }

    long count(String query, @Nullable EntryStatus status) {
        return matching(jdbc, "SELECT COUNT(*)", query, status, "").query(Long.class).single();
    }

    /** Every entry {@link #search} finds, newest first, streamed from the database. */
    void forEach(String query, @Nullable EntryStatus status, Consumer<? super BlacklistEntry> each) {
        StreamingJdbc.forEach(matching(streaming, "SELECT " + COLUMNS, query, status, " ORDER BY id DESC"),
                BlacklistRepository::entry, each);
    }

    private static JdbcClient.StatementSpec matching(JdbcClient client, String select, String query,
                                                     @Nullable EntryStatus status, String rest) {
        String normalized = MatchKeys.normalize(query);
        String idNumberKey = MatchKeys.comparableNumber(IdType.RESIDENT_ID.name(), query); // a 15-digit ID finds its 18 digits
        String phone = MatchKeys.normalizePhone(query);
        String namePattern = "%" + normalized.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
        return client.sql(select + """
                         FROM blacklist_entry
                        WHERE (:all OR id_number_key = :idNumberKey OR phone_key = :phoneKey
                               OR name_key LIKE :namePattern ESCAPE '!')
                          AND (:status IS NULL OR status = :status)""" + rest)
                .param("all", normalized.isEmpty())
                .param("idNumberKey", idNumberKey)
                .param("phoneKey", phone.isEmpty() ? null : phone, Types.VARCHAR)
                .param("namePattern", namePattern)
                .param("status", status == null ? null : status.name(), Types.VARCHAR);
    }

    /** Lifts an active entry; false when there is no active entry with this id. */
    boolean lift(long id, String liftedBy, Instant liftedAt, String reason) {
        return jdbc.sql("""
                        UPDATE blacklist_entry
                           SET status = 'LIFTED', lifted_by = :liftedBy, lifted_at = :liftedAt, lift_reason = :reason
                         WHERE id = :id AND status = 'ACTIVE'
                        """)
                .param("id", id)
                .param("liftedBy", liftedBy)
                .param("liftedAt", utc(liftedAt))
                .param("reason", reason)
                .update() == 1;
    }

    private static BlacklistEntry entry(ResultSet rs, int row) throws SQLException {
        String idType = rs.getString("id_type");
        return new BlacklistEntry(
                rs.getLong("id"),
                idType == null ? null : IdType.valueOf(idType),
                rs.getString("id_number"),
                rs.getString("name"),
                rs.getObject("birth_date", LocalDate.class),
                rs.getString("phone"),
                ReasonCode.valueOf(rs.getString("reason_code")),
                rs.getString("note"),
                rs.getObject("expires_at", LocalDate.class),
                EntryStatus.valueOf(rs.getString("status")),
                rs.getString("created_by"),
                rs.getObject("created_at", LocalDateTime.class).toInstant(ZoneOffset.UTC),
                rs.getString("lifted_by"),
                instant(rs.getObject("lifted_at", LocalDateTime.class)),
                rs.getString("lift_reason"));
    }

    private static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static @Nullable Instant instant(@Nullable LocalDateTime utc) {
        return utc == null ? null : utc.toInstant(ZoneOffset.UTC);
    }
}
