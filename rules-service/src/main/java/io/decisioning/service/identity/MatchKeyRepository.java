package io.decisioning.service.identity;

import io.decisioning.service.system.BulkSql;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Every evaluated customer's normalized identity keys ({@code customer_match_key}), kept as the
 * customer's data changes: how a new blacklist entry finds the customers it matches through an index,
 * and an identity number stored with spaces or full-width digits is found by its normalized form.
 */
@Repository
public class MatchKeyRepository {

    /** Customers per statement. */
    static final int CHUNK = 1000;

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate batch;

    MatchKeyRepository(JdbcClient jdbc, NamedParameterJdbcTemplate batch) {
        this.jdbc = jdbc;
        this.batch = batch;
    }

    /**
     * Brings {@code customer_match_key} up to date for these customers: reads their stored keys
     * ({@value #CHUNK} customers per statement) and writes only what changed, as batches of
     * upserts and deletes. Runs in the caller's transaction, if any.
     *
     * @return the customers that had keys stored and now have others (not those whose keys are stored for the first time)
     */
    public List<Long> refresh(List<CustomerKeys> customers) {
        List<Long> changed = new ArrayList<>();
        for (List<CustomerKeys> chunk : chunks(customers)) {
            Map<Long, Map<KeyType, String>> stored = new HashMap<>();
            BulkSql.IdCondition ids = BulkSql.ids("customer_id", chunk.stream().map(CustomerKeys::customerId).toList(), "id");
            jdbc.sql("SELECT customer_id, key_type, key_value FROM customer_match_key WHERE " + ids.sql())
                    .params(ids.params())
                    .query((RowCallbackHandler) rs -> stored
                            .computeIfAbsent(rs.getLong("customer_id"), id -> new EnumMap<>(KeyType.class))
                            .put(KeyType.valueOf(rs.getString("key_type")), rs.getString("key_value")));
            List<Object[]> upserts = new ArrayList<>();
            List<SqlParameterSource> deletes = new ArrayList<>();
            for (CustomerKeys customer : chunk) {
                Map<KeyType, String> current = stored.getOrDefault(customer.customerId(), Map.of());
                boolean differs = false;
                for (KeyType field : KeyType.values()) {
                    String wanted = customer.keys().key(field);
                    if (wanted != null && !wanted.equals(current.get(field))) {
                        upserts.add(new Object[] {customer.customerId(), field.name(), wanted});
                        differs = true;
                    } else if (wanted == null && current.containsKey(field)) {
                        deletes.add(new MapSqlParameterSource()
                                .addValue("customerId", customer.customerId())
                                .addValue("keyType", field.name()));
                        differs = true;
                    }
                }
                if (differs && !current.isEmpty()) {
                    changed.add(customer.customerId());
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
        return changed;
    }

    private static <T> List<List<T>> chunks(Collection<T> items) {
        List<T> all = List.copyOf(items);
        List<List<T>> chunks = new ArrayList<>();
        for (int from = 0; from < all.size(); from += CHUNK) {
            chunks.add(all.subList(from, Math.min(all.size(), from + CHUNK)));
        }
        return chunks;
    }
}
