package io.decisioning.service.blacklist;

import io.decisioning.rules.BlacklistHit;
import io.decisioning.rules.MatchField;
import io.decisioning.rules.MatchStrength;
import io.decisioning.service.system.BulkSql;
import java.sql.Types;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import io.decisioning.service.identity.CustomerKeys;
import io.decisioning.service.identity.MatchKeys;

/**
 * Matches customers and applicants against the active blacklist entries (DESIGN.md section 4):
 * STRONG on the same id type and normalized id number, WEAK on the same normalized name and birth
 * date or the same normalized phone. An entry is active while it is not lifted and its
 * {@code expires_at}, if any, is after today. Every lookup is an equality on an indexed key.
 *
 * <p>Callers keep {@code customer_match_key} current with {@link #refreshKeys} whenever they
 * evaluate customers, so the set-based {@link #hitsFor(Collection, LocalDate)} and a newly added
 * entry find them.
 */
@Repository
public class BlacklistMatchRepository {

    /** Customer ids per statement in the set-based methods. */
    static final int CHUNK = 1000;

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate batch;

    BlacklistMatchRepository(JdbcClient jdbc, NamedParameterJdbcTemplate batch) {
        this.jdbc = jdbc;
        this.batch = batch;
    }

    /**
     * The active entries matching one customer or applicant: one hit per entry, STRONG if the id
     * number matched, else WEAK, with every field that matched. Three index lookups.
     *
     * @param customerNo the customer number the hits carry (the caller's label for an applicant)
     * @param today      the evaluation date in {@code rules.zone}; entries expiring on or before it no longer match
     */
    public List<BlacklistHit> hitsFor(String customerNo, MatchKeys keys, LocalDate today) {
        if (keys.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                        SELECT id, id_key, name_birth_key, phone_key, reason_code FROM blacklist_entry
                         WHERE id_key = :idKey AND status = 'ACTIVE' AND (expires_at IS NULL OR expires_at > :today)
                        UNION
                        SELECT id, id_key, name_birth_key, phone_key, reason_code FROM blacklist_entry
                         WHERE name_birth_key = :nameBirthKey AND status = 'ACTIVE' AND (expires_at IS NULL OR expires_at > :today)
                        UNION
                        SELECT id, id_key, name_birth_key, phone_key, reason_code FROM blacklist_entry
                         WHERE phone_key = :phoneKey AND status = 'ACTIVE' AND (expires_at IS NULL OR expires_at > :today)
                        ORDER BY id
                        """)
                .param("idKey", keys.idNumber(), Types.VARCHAR)
                .param("nameBirthKey", keys.nameBirthDate(), Types.VARCHAR)
                .param("phoneKey", keys.phone(), Types.VARCHAR)
                .param("today", today)
                .query((rs, row) -> {
                    MatchKeys entryKeys = new MatchKeys(rs.getString("id_key"), rs.getString("name_birth_key"),
                            rs.getString("phone_key"));
                    Hit hit = new Hit(rs.getLong("id"), rs.getString("reason_code"));
                    hit.fields.addAll(keys.fieldsMatching(entryKeys));
                    return hit.toBlacklistHit(customerNo);
                })
                .list();
    }

    /**
     * The hits of many customers at once, by their stored {@code customer_match_key} rows (so call
     * {@link #refreshKeys} first for customers whose data may have changed): a join with the active
     * entries on the key strings, {@value #CHUNK} customers per statement, never a query per
     * customer. Customers without hits are absent from the map.
     */
    public Map<Long, List<BlacklistHit>> hitsFor(Collection<Long> customerIds, LocalDate today) {
        Map<Long, Map<Long, Hit>> hitsByCustomer = new LinkedHashMap<>();
        Map<Long, String> customerNos = new HashMap<>();
        for (List<Long> chunk : chunks(customerIds)) {
            BulkSql.IdCondition ids = BulkSql.ids("k.customer_id", chunk, "id");
            jdbc.sql("""
                            SELECT k.customer_id, c.customer_no, e.id, e.reason_code, 'ID_NUMBER' AS field
                              FROM customer_match_key k
                              JOIN blacklist_entry e ON e.id_key = k.key_value
                              JOIN customer c ON c.id = k.customer_id
                             WHERE %1$s AND k.key_type = 'ID_NUMBER'
                               AND e.status = 'ACTIVE' AND (e.expires_at IS NULL OR e.expires_at > :today)
                            UNION ALL
                            SELECT k.customer_id, c.customer_no, e.id, e.reason_code, 'NAME_BIRTH_DATE' AS field
                              FROM customer_match_key k
                              JOIN blacklist_entry e ON e.name_birth_key = k.key_value
                              JOIN customer c ON c.id = k.customer_id
                             WHERE %1$s AND k.key_type = 'NAME_BIRTH_DATE'
                               AND e.status = 'ACTIVE' AND (e.expires_at IS NULL OR e.expires_at > :today)
                            UNION ALL
                            SELECT k.customer_id, c.customer_no, e.id, e.reason_code, 'PHONE' AS field
                              FROM customer_match_key k
                              JOIN blacklist_entry e ON e.phone_key = k.key_value
                              JOIN customer c ON c.id = k.customer_id
                             WHERE %1$s AND k.key_type = 'PHONE'
                               AND e.status = 'ACTIVE' AND (e.expires_at IS NULL OR e.expires_at > :today)
                            ORDER BY customer_id, id
                            """.formatted(ids.sql()))
                    .params(ids.params())
                    .param("today", today)
                    .query((RowCallbackHandler) rs -> {
                        long customerId = rs.getLong("customer_id");
                        String reasonCode = rs.getString("reason_code");
                        customerNos.put(customerId, rs.getString("customer_no"));
                        hitsByCustomer.computeIfAbsent(customerId, id -> new LinkedHashMap<>())
                                .computeIfAbsent(rs.getLong("id"), entryId -> new Hit(entryId, reasonCode))
                                .fields.add(MatchField.valueOf(rs.getString("field")));
                    });
        }
        Map<Long, List<BlacklistHit>> result = new LinkedHashMap<>();
        hitsByCustomer.forEach((customerId, hits) -> result.put(customerId,
                hits.values().stream().map(hit -> hit.toBlacklistHit(customerNos.get(customerId))).toList()));
        return result;
    }

    /**
     * Brings {@code customer_match_key} up to date for these customers: reads their stored keys
     * ({@value #CHUNK} customers per statement) and writes only what changed, as batches of
     * upserts and deletes. Runs in the caller's transaction, if any.
     */
    public void refreshKeys(List<CustomerKeys> customers) {
        for (List<CustomerKeys> chunk : chunks(customers)) {
            Map<Long, Map<MatchField, String>> stored = new HashMap<>();
            BulkSql.IdCondition ids = BulkSql.ids("customer_id", chunk.stream().map(CustomerKeys::customerId).toList(), "id");
            jdbc.sql("SELECT customer_id, key_type, key_value FROM customer_match_key WHERE " + ids.sql())
                    .params(ids.params())
                    .query((RowCallbackHandler) rs -> stored
                            .computeIfAbsent(rs.getLong("customer_id"), id -> new EnumMap<>(MatchField.class))
                            .put(MatchField.valueOf(rs.getString("key_type")), rs.getString("key_value")));
            List<Object[]> upserts = new ArrayList<>();
            List<SqlParameterSource> deletes = new ArrayList<>();
            for (CustomerKeys customer : chunk) {
                Map<MatchField, String> current = stored.getOrDefault(customer.customerId(), Map.of());
                for (MatchField field : MatchField.values()) {
                    String wanted = customer.keys().key(field);
                    if (wanted != null && !wanted.equals(current.get(field))) {
                        upserts.add(new Object[] {customer.customerId(), field.name(), wanted});
                    } else if (wanted == null && current.containsKey(field)) {
                        deletes.add(new MapSqlParameterSource()
                                .addValue("customerId", customer.customerId())
                                .addValue("keyType", field.name()));
                    }
                }
            }
            BulkSql.insert(batch.getJdbcOperations(), "INSERT INTO customer_match_key (customer_id, key_type, key_value) VALUES",
                    3, "ON DUPLICATE KEY UPDATE key_value = VALUES(key_value)", upserts);
            if (!deletes.isEmpty()) {
                batch.batchUpdate("""
                        DELETE FROM customer_match_key WHERE customer_id = :customerId AND key_type = :keyType
                        """, deletes.toArray(SqlParameterSource[]::new));
            }
        }
    }

    /**
     * The customers an entry with these details matches, whether or not it is active: those whose
     * stored match keys equal the entry's, and CRM customers never evaluated, found through the
     * customer table's indexes on id_number, phone and birth_date and compared after normalizing.
     * The raw id numbers and phones looked up are the usual spellings of the entry's keys; other
     * spellings are found once the customer has match keys. Ascending ids.
     */
    List<Long> customersMatching(@Nullable String idType, @Nullable String idNumber, @Nullable String name,
                                 @Nullable LocalDate birthDate, @Nullable String phone) {
        MatchKeys keys = MatchKeys.of(idType, idNumber, name, birthDate, phone);
        if (keys.isEmpty()) {
            return List.of();
        }
        Set<Long> customers = new TreeSet<>();
        customers.addAll(jdbc.sql("""
                        SELECT customer_id FROM customer_match_key WHERE key_type = 'ID_NUMBER' AND key_value = :idKey
                        UNION
                        SELECT customer_id FROM customer_match_key WHERE key_type = 'NAME_BIRTH_DATE' AND key_value = :nameBirthKey
                        UNION
                        SELECT customer_id FROM customer_match_key WHERE key_type = 'PHONE' AND key_value = :phoneKey
                        """)
                .param("idKey", keys.idNumber(), Types.VARCHAR)
                .param("nameBirthKey", keys.nameBirthDate(), Types.VARCHAR)
                .param("phoneKey", keys.phone(), Types.VARCHAR)
                .query(Long.class)
                .list());
        List<CustomerKeys> candidates = new ArrayList<>();
        if (keys.idNumber() != null && idNumber != null) {
            candidates.addAll(crmCustomers("""
                    SELECT id, id_type, id_number, name, birth_date, phone FROM customer WHERE id_number IN (:spellings)
                    """, "spellings", idNumberSpellings(idNumber)));
        }
        if (keys.phone() != null && phone != null) {
            candidates.addAll(crmCustomers("""
                    SELECT id, id_type, id_number, name, birth_date, phone FROM customer WHERE phone IN (:spellings)
                    """, "spellings", phoneSpellings(keys.phone(), phone)));
        }
        if (keys.nameBirthDate() != null) {
            candidates.addAll(crmCustomers("""
                    SELECT id, id_type, id_number, name, birth_date, phone FROM customer WHERE birth_date = :birthDate
                    """, "birthDate", birthDate));
        }
        candidates.stream()
                .filter(candidate -> !candidate.keys().fieldsMatching(keys).isEmpty())
                .forEach(candidate -> customers.add(candidate.customerId()));
        return List.copyOf(customers);
    }

    private List<CustomerKeys> crmCustomers(String sql, String parameter, @Nullable Object value) {
        return jdbc.sql(sql)
                .param(parameter, value)
                .query((rs, row) -> new CustomerKeys(rs.getLong("id"), MatchKeys.of(rs.getString("id_type"),
                        rs.getString("id_number"), rs.getString("name"), rs.getObject("birth_date", LocalDate.class),
                        rs.getString("phone"))))
                .list();
    }

    private static Set<String> idNumberSpellings(String idNumber) {
        String normalized = MatchKeys.normalize(idNumber);
        return new LinkedHashSet<>(List.of(normalized, normalized.toLowerCase(Locale.ROOT), idNumber.strip()));
    }

    /** "13800138000" is also stored as "+86 13800138000", "138-0013-8000", "+86 138 0013 8000" and so on. */
    private static Set<String> phoneSpellings(String digits, String asEntered) {
        Set<String> spellings = new LinkedHashSet<>();
        List<String> local = new ArrayList<>(List.of(digits));
        if (digits.length() == 11) {
            local.add(digits.substring(0, 3) + "-" + digits.substring(3, 7) + "-" + digits.substring(7));
            local.add(digits.substring(0, 3) + " " + digits.substring(3, 7) + " " + digits.substring(7));
        }
        for (String number : local) {
            for (String prefix : List.of("", "+86", "+86 ", "+86-", "86", "0086", "0086 ", "(+86)", "(+86) ")) {
                spellings.add(prefix + number);
            }
        }
        spellings.add(asEntered.strip());
        return spellings;
    }

    private static <T> List<List<T>> chunks(Collection<T> items) {
        List<T> all = List.copyOf(items);
        List<List<T>> chunks = new ArrayList<>();
        for (int from = 0; from < all.size(); from += CHUNK) {
            chunks.add(all.subList(from, Math.min(all.size(), from + CHUNK)));
        }
        return chunks;
    }

    /** A hit being collected: the entry and the fields it matched on so far. */
    private static final class Hit {

        private final long entryId;
        private final String reasonCode;
        private final Set<MatchField> fields = EnumSet.noneOf(MatchField.class);

        private Hit(long entryId, String reasonCode) {
            this.entryId = entryId;
            this.reasonCode = reasonCode;
        }

        private BlacklistHit toBlacklistHit(String customerNo) {
            MatchStrength strength = fields.contains(MatchField.ID_NUMBER) ? MatchStrength.STRONG : MatchStrength.WEAK;
            return new BlacklistHit(customerNo, entryId, strength, List.copyOf(fields), reasonCode);
        }
    }
}
