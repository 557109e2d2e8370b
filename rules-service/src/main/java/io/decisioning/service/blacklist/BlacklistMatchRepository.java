package io.decisioning.service.blacklist;

import io.decisioning.rules.BlacklistHit;
import io.decisioning.rules.MatchField;
import io.decisioning.rules.MatchStrength;
import io.decisioning.service.assessment.Subjects;
import io.decisioning.service.identity.CustomerKeys;
import io.decisioning.service.identity.MatchKeys;
import io.decisioning.service.identity.ResidentId;
import java.sql.Types;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Matches customers and applicants against the active blacklist entries (DESIGN.md section 4):
 * STRONG on the same id type and normalized id number, WEAK on the same normalized name and birth
 * date or the same normalized phone. An entry is active while it is not lifted and its
 * {@code expires_at}, if any, is after today. Every lookup is an equality on an indexed key. The other
 * way round, a new or lifted entry finds the customers it matches through their stored keys
 * ({@code customer_match_key}, kept by every evaluation) and the CRM's own indexes.
 */
@Repository
public class BlacklistMatchRepository {

    private final JdbcClient jdbc;

    BlacklistMatchRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The active entries that share a key with any of these keys or with the keys stored in
     * {@code customer_match_key} for the customers of {@code storedKeysOf}, each with its own keys: one
     * statement, every key an equality on an indexed column; an entry found twice is listed once.
     *
     * @param storedKeysOf a condition on {@code k.customer_id} naming the customers whose stored keys are
     *                     joined, or null
     * @param today        the evaluation date in {@code rules.zone}; entries expiring on or before it no
     *                     longer match
     */
    List<ActiveEntry> activeEntriesMatching(Collection<MatchKeys> keys, Subjects.@Nullable Condition storedKeysOf,
                                            LocalDate today) {
        Set<String> idKeys = new LinkedHashSet<>();
        Set<String> nameBirthKeys = new LinkedHashSet<>();
        Set<String> phoneKeys = new LinkedHashSet<>();
        for (MatchKeys k : keys) {
            addIfPresent(idKeys, k.idNumber());
            addIfPresent(nameBirthKeys, k.nameBirthDate());
            addIfPresent(phoneKeys, k.phone());
        }
        List<String> matches = new ArrayList<>(3);
        Map<String, Object> params = new HashMap<>();
        if (!idKeys.isEmpty()) {
            matches.add("id_key IN (:idKeys)");
            params.put("idKeys", List.copyOf(idKeys));
        }
        if (!nameBirthKeys.isEmpty()) {
            matches.add("name_birth_key IN (:nameBirthKeys)");
            params.put("nameBirthKeys", List.copyOf(nameBirthKeys));
        }
        if (!phoneKeys.isEmpty()) {
            matches.add("phone_key IN (:phoneKeys)");
            params.put("phoneKeys", List.copyOf(phoneKeys));
        }
        List<String> selects = new ArrayList<>(4);
        if (storedKeysOf != null) {
            params.putAll(storedKeysOf.params());
            for (MatchField field : MatchField.values()) {
                selects.add("""
                        SELECT e.id, e.id_key, e.name_birth_key, e.phone_key, e.reason_code
                          FROM customer_match_key k JOIN blacklist_entry e ON e.%s = k.key_value
                         WHERE %s AND k.key_type = '%s'
                           AND e.status = 'ACTIVE' AND (e.expires_at IS NULL OR e.expires_at > :today)"""
                        .formatted(entryColumn(field), storedKeysOf.sql(), field.name()));
            }
        }
        if (!matches.isEmpty()) {
            selects.add("""
                    SELECT id, id_key, name_birth_key, phone_key, reason_code FROM blacklist_entry
                     WHERE status = 'ACTIVE' AND (expires_at IS NULL OR expires_at > :today) AND (%s)"""
                    .formatted(String.join(" OR ", matches)));
        }
        if (selects.isEmpty()) {
            return List.of();
        }
        Map<Long, ActiveEntry> entries = new LinkedHashMap<>();
        jdbc.sql(String.join("\nUNION ALL\n", selects))
                .params(params)
                .param("today", today)
                .query((RowCallbackHandler) rs -> {
                    long id = rs.getLong("id");
                    if (!entries.containsKey(id)) {
                        entries.put(id, new ActiveEntry(id, new MatchKeys(rs.getString("id_key"),
                                rs.getString("name_birth_key"), rs.getString("phone_key")), rs.getString("reason_code")));
                    }
                });
        return List.copyOf(entries.values());
    }

    /** The column of {@code blacklist_entry} that holds the key of this type. */
    private static String entryColumn(MatchField field) {
        return switch (field) {
            case ID_NUMBER -> "id_key";
            case NAME_BIRTH_DATE -> "name_birth_key";
            case PHONE -> "phone_key";
        };
    }

    /**
     * The active entries matching one customer or applicant: one hit per entry, STRONG if the id
     * number matched, else WEAK, with every field that matched, by entry id.
     *
     * @param customerNo the customer number the hits carry (the caller's label for an applicant)
     */
    public List<BlacklistHit> hitsFor(String customerNo, MatchKeys keys, LocalDate today) {
        return activeEntriesMatching(List.of(keys), null, today).stream()
                .sorted(Comparator.comparingLong(ActiveEntry::id))
                .map(entry -> entry.hitFor(customerNo, keys))
                .flatMap(Optional::stream)
                .toList();
    }

    private static void addIfPresent(Set<String> keys, @Nullable String key) {
        if (key != null) {
            keys.add(key);
        }
    }

    /** An active blacklist entry, with the keys it matches on. */
    public record ActiveEntry(long id, MatchKeys keys, String reasonCode) {

        /**
         * The hit of this entry on a customer or applicant with these keys (and more keys of theirs, such
         * as what an applicant stated): every field any of them matched; empty when none did.
         */
        public Optional<BlacklistHit> hitFor(String customerNo, MatchKeys first, @Nullable MatchKeys... more) {
            Set<MatchField> fields = EnumSet.noneOf(MatchField.class);
            fields.addAll(first.fieldsMatching(keys));
            for (MatchKeys other : more) {
                if (other != null) {
                    fields.addAll(other.fieldsMatching(keys));
                }
            }
            if (fields.isEmpty()) {
                return Optional.empty();
            }
            MatchStrength strength = fields.contains(MatchField.ID_NUMBER) ? MatchStrength.STRONG : MatchStrength.WEAK;
            return Optional.of(new BlacklistHit(customerNo, id, strength, List.copyOf(fields), reasonCode));
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
                    """, "spellings", idNumberSpellings(idType, idNumber)));
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

    private static Set<String> idNumberSpellings(@Nullable String idType, String idNumber) {
        Set<String> spellings = new LinkedHashSet<>(ResidentId.storedForms(idType, MatchKeys.normalize(idNumber)));
        spellings.add(idNumber.strip());
        return spellings;
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
}
