package io.decisioning.service.customer;

import io.decisioning.rules.BlacklistHit;
import io.decisioning.rules.Grade;
import io.decisioning.rules.Tier;
import io.decisioning.rules.engine.Evaluation;
import io.decisioning.rules.engine.RaisedWarning;
import io.decisioning.rules.engine.Reason;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSourceUtils;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Current assessments (one row per customer) and their history (a row only when the outcome
 * changed). The outcome is grade, tier, scores, decision, warnings and blacklist hits; a change of
 * features alone or of pack versions alone is not a new history row.
 */
@Repository
class AssessmentRepository {

    private static final String COLUMNS = """
            customer_no, grade, tier, vip, value_score, risk_score, blacklisted, profile, warnings, reasons,
            rule_packs, evaluated_at, eval_trigger""";
    private static final TypeReference<List<RaisedWarning>> WARNINGS = new TypeReference<>() { };
    private static final TypeReference<List<Reason>> REASONS = new TypeReference<>() { };
    private static final TypeReference<Map<String, Integer>> PACKS = new TypeReference<>() { };

    private static final String UPSERT = """
            INSERT INTO assessment (customer_id, customer_no, grade, tier, vip, value_score, risk_score,
                blacklisted, decision, profile, warnings, blacklist_hits, reasons, rule_packs, outcome_hash,
                content_hash, evaluated_at, eval_trigger)
            VALUES (:customerId, :customerNo, :grade, :tier, :vip, :valueScore, :riskScore, :blacklisted,
                :decision, :profile, :warnings, :hits, :reasons, :rulePacks, :hash, :contentHash,
                :evaluatedAt, :trigger)
            ON DUPLICATE KEY UPDATE customer_no = VALUES(customer_no), grade = VALUES(grade),
                tier = VALUES(tier), vip = VALUES(vip), value_score = VALUES(value_score),
                risk_score = VALUES(risk_score), blacklisted = VALUES(blacklisted),
                decision = VALUES(decision), profile = VALUES(profile), warnings = VALUES(warnings),
                blacklist_hits = VALUES(blacklist_hits), reasons = VALUES(reasons),
                rule_packs = VALUES(rule_packs), outcome_hash = VALUES(outcome_hash),
                content_hash = VALUES(content_hash), evaluated_at = VALUES(evaluated_at),
                eval_trigger = VALUES(eval_trigger)
            """;
    private static final String INSERT_HISTORY = """
            INSERT INTO assessment_history (customer_id, customer_no, grade, tier, vip, value_score,
                risk_score, blacklisted, decision, profile, warnings, blacklist_hits, reasons,
                rule_packs, outcome_hash, evaluated_at, eval_trigger)
            VALUES (:customerId, :customerNo, :grade, :tier, :vip, :valueScore, :riskScore,
                :blacklisted, :decision, :profile, :warnings, :hits, :reasons, :rulePacks, :hash,
                :evaluatedAt, :trigger)
            """;

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate batch;
    private final JsonMapper json;

    AssessmentRepository(JdbcClient jdbc, NamedParameterJdbcTemplate batch, JsonMapper json) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.json = json;
    }

    Optional<Assessment> current(long customerId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM assessment WHERE customer_id = :id")
                .param("id", customerId)
                .query(this::assessment)
                .optional();
    }

    List<Assessment> history(long customerId, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM assessment_history WHERE customer_id = :id ORDER BY id DESC LIMIT :limit")
                .param("id", customerId)
                .param("limit", limit)
                .query(this::assessment)
                .list();
    }

    /**
     * Locks the customer's current assessment (if any) for the rest of the transaction and returns
     * its hashes. Every writer locks before it reads the CRM data it evaluates, so that of two
     * evaluations of one customer the one that read later also writes later: a nightly chunk cannot
     * overwrite what an event or a check stored from newer data meanwhile.
     */
    Optional<StoredHashes> lock(long customerId) {
        return jdbc.sql("SELECT outcome_hash, content_hash FROM assessment WHERE customer_id = :id FOR UPDATE")
                .param("id", customerId)
                .query((rs, n) -> new StoredHashes(rs.getString("outcome_hash"), rs.getString("content_hash")))
                .optional();
    }

    /** {@link #lock} for every customer in a range (a nightly chunk), in primary-key order. */
    Map<Long, StoredHashes> lock(IdRange range) {
        Map<Long, StoredHashes> locked = new HashMap<>();
        jdbc.sql("""
                        SELECT customer_id, outcome_hash, content_hash FROM assessment
                         WHERE customer_id BETWEEN :fromId AND :toId ORDER BY customer_id FOR UPDATE
                        """)
                .param("fromId", range.fromId())
                .param("toId", range.toId())
                .query((RowCallbackHandler) rs -> locked.put(rs.getLong("customer_id"),
                        new StoredHashes(rs.getString("outcome_hash"), rs.getString("content_hash"))));
        return locked;
    }

    /** {@link #lock} for these customers (a batch of events), in primary-key order. */
    Map<Long, StoredHashes> lock(List<Long> customerIds) {
        Map<Long, StoredHashes> locked = new HashMap<>();
        if (customerIds.isEmpty()) {
            return locked;
        }
        jdbc.sql("""
                        SELECT customer_id, outcome_hash, content_hash FROM assessment
                         WHERE customer_id IN (:ids) ORDER BY customer_id FOR UPDATE
                        """)
                .param("ids", customerIds)
                .query((RowCallbackHandler) rs -> locked.put(rs.getLong("customer_id"),
                        new StoredHashes(rs.getString("outcome_hash"), rs.getString("content_hash"))));
        return locked;
    }

    /**
     * Stores the evaluation as the customer's current assessment and appends history when the
     * outcome changed. Must run inside the caller's transaction, after {@link #lock}.
     *
     * @return true when the outcome changed (or the customer had no assessment)
     */
    boolean save(long customerId, Evaluation evaluation, Trigger trigger, Instant evaluatedAt,
                 Optional<StoredHashes> previous) {
        String outcomeHash = outcomeHash(evaluation);
        Map<String, Object> row = row(customerId, evaluation, trigger, evaluatedAt, outcomeHash);
        if (previous.isPresent() && previous.get().content().equals(row.get("contentHash"))) {
            // Nothing but the time and trigger changed: touch the row instead of rewriting its JSON.
            jdbc.sql("UPDATE assessment SET evaluated_at = :evaluatedAt, eval_trigger = :trigger WHERE customer_id = :customerId")
                    .params(row)
                    .update();
            return false;
        }
        boolean changed = previous.map(old -> !old.outcome().equals(outcomeHash)).orElse(true);
        jdbc.sql(UPSERT)
                .params(row)
                .update();
        if (changed) {
            jdbc.sql(INSERT_HISTORY)
                    .params(row)
                    .update();
        }
        return changed;
    }

    /**
     * Stores many evaluations at once (a chunk of the nightly run, a batch of events) with a few
     * set-based statements: the current rows are locked and read in one query, unchanged ones are only
     * touched (one UPDATE), changed ones upserted in one batch, history appended in one batch. Must
     * run inside the caller's transaction.
     *
     * @param previous what {@link #lock} returned for these customers before their data was read
     */
    Saved saveAll(List<ToStore> evaluations, Trigger trigger, Instant evaluatedAt, Map<Long, StoredHashes> previous) {
        if (evaluations.isEmpty()) {
            return new Saved(Set.of());
        }
        List<Long> touched = new ArrayList<>();
        List<Map<String, Object>> upserts = new ArrayList<>();
        List<Map<String, Object>> history = new ArrayList<>();
        Set<Long> changed = new HashSet<>();
        for (ToStore item : evaluations) {
            StoredHashes old = previous.get(item.customerId());
            String outcomeHash = outcomeHash(item.evaluation());
            Map<String, Object> row = row(item.customerId(), item.evaluation(), trigger, evaluatedAt, outcomeHash);
            if (old != null && old.content().equals(row.get("contentHash"))) {
                touched.add(item.customerId());
                continue;
            }
            upserts.add(row);
            if (old == null || !old.outcome().equals(outcomeHash)) {
                history.add(row);
                changed.add(item.customerId());
            }
        }
        if (!touched.isEmpty()) {
            jdbc.sql("UPDATE assessment SET evaluated_at = :evaluatedAt, eval_trigger = :trigger WHERE customer_id IN (:ids)")
                    .param("evaluatedAt", LocalDateTime.ofInstant(evaluatedAt, ZoneOffset.UTC))
                    .param("trigger", trigger.name())
                    .param("ids", touched)
                    .update();
        }
        if (!upserts.isEmpty()) {
            batch.batchUpdate(UPSERT, SqlParameterSourceUtils.createBatch(upserts));
        }
        if (!history.isEmpty()) {
            batch.batchUpdate(INSERT_HISTORY, SqlParameterSourceUtils.createBatch(history));
        }
        return new Saved(changed);
    }

    /** A customer's evaluation to store. */
    record ToStore(long customerId, Evaluation evaluation) {
    }

    /** What {@link #saveAll} did: the customers whose outcome changed (or who had no assessment). */
    record Saved(Set<Long> changed) {
    }

    private Map<String, Object> row(long customerId, Evaluation e, Trigger trigger, Instant evaluatedAt, String hash) {
        String profile = json.writeValueAsString(Features.of(e.profile()));
        String warnings = json.writeValueAsString(e.warnings());
        String hits = json.writeValueAsString(e.blacklistHits());
        String reasons = json.writeValueAsString(e.reasons());
        String rulePacks = json.writeValueAsString(new TreeMap<>(e.rulePacks()));
        String contentHash = sha256(String.join("\u0000", hash, e.customerNo(), e.decision().name(), profile, warnings,
                hits, reasons, rulePacks));
        return Map.ofEntries(
                Map.entry("customerId", customerId),
                Map.entry("customerNo", e.customerNo()),
                Map.entry("grade", e.grade().name()),
                Map.entry("tier", e.tier().name()),
                Map.entry("vip", e.vip()),
                Map.entry("valueScore", e.valueScore()),
                Map.entry("riskScore", e.riskScore()),
                Map.entry("blacklisted", e.blacklisted()),
                Map.entry("decision", e.decision().name()),
                Map.entry("profile", profile),
                Map.entry("warnings", warnings),
                Map.entry("hits", hits),
                Map.entry("reasons", reasons),
                Map.entry("rulePacks", rulePacks),
                Map.entry("hash", hash),
                Map.entry("contentHash", contentHash),
                Map.entry("evaluatedAt", LocalDateTime.ofInstant(evaluatedAt, ZoneOffset.UTC)),
                Map.entry("trigger", trigger.name()));
    }

    /** A digest of what the business sees change: grade, tier, scores, decision, warnings, hits. */
    static String outcomeHash(Evaluation e) {
        String warnings = e.warnings().stream()
                .map(w -> w.type() + ":" + w.severity())
                .sorted()
                .collect(Collectors.joining(","));
        String hits = e.blacklistHits().stream()
                .sorted(Comparator.comparingLong(BlacklistHit::entryId))
                .map(h -> h.entryId() + ":" + h.strength())
                .collect(Collectors.joining(","));
        return sha256(String.join("|", e.grade().name(), e.tier().name(), Integer.toString(e.valueScore()),
                Integer.toString(e.riskScore()), e.decision().name(), warnings, hits));
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    record StoredHashes(String outcome, String content) {
    }

    private Assessment assessment(ResultSet rs, int row) throws SQLException {
        return new Assessment(
                rs.getString("customer_no"),
                Grade.valueOf(rs.getString("grade")),
                Tier.valueOf(rs.getString("tier")),
                rs.getBoolean("vip"),
                rs.getInt("value_score"),
                rs.getInt("risk_score"),
                rs.getBoolean("blacklisted"),
                json.readValue(rs.getString("warnings"), WARNINGS),
                json.readValue(rs.getString("profile"), Features.class),
                json.readValue(rs.getString("reasons"), REASONS),
                json.readValue(rs.getString("rule_packs"), PACKS),
                rs.getObject("evaluated_at", LocalDateTime.class).toInstant(ZoneOffset.UTC),
                Trigger.valueOf(rs.getString("eval_trigger")));
    }
}
