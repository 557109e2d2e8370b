package io.decisioning.service.assessment;

import io.decisioning.rules.BlacklistHit;
import io.decisioning.rules.Entitlement;
import io.decisioning.rules.Grade;
import io.decisioning.rules.Scorecard;
import io.decisioning.rules.Tier;
import io.decisioning.rules.WarningCategory;
import io.decisioning.rules.engine.CustomerWarning;
import io.decisioning.rules.engine.Evaluation;
import io.decisioning.rules.engine.NearMiss;
import io.decisioning.rules.engine.Reason;
import io.decisioning.rules.engine.Sentence;
import io.decisioning.service.identity.MatchKeys;
import io.decisioning.service.system.BulkSql;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Current assessments (one row per customer) and their history (a row only when the outcome
 * changed). The outcome is grade, tier, scores, decision, warnings and blacklist hits; a change of
 * features alone or of pack versions alone is not a new history row.
 *
 * <p>A current assessment is two rows (V12): {@code assessment}, which every evaluation locks, compares by
 * its hashes and touches, and {@code assessment_detail}, its explanation as JSON, written only when the
 * content changed. An unchanged night then reads and writes a few hundred bytes a customer, not 1.7 KB.
 */
@Repository
public class AssessmentRepository {

    /** History rows keep no near misses (they explain the current outcome only). */
    private static final String HISTORY_COLUMNS_READ = """
            customer_no, grade, tier, vip, value_score, risk_score, churn_score, blacklisted, profile, warnings, reasons,
            NULL AS near_misses, rule_packs, evaluated_at, eval_trigger, NULL AS party_no, NULL AS party_records,
            NULL AS primary_customer_no, entitlements""";
    private static final TypeReference<List<CustomerWarning>> WARNINGS = new TypeReference<>() { };
    private static final TypeReference<List<Reason>> REASONS = new TypeReference<>() { };
    private static final TypeReference<List<NearMiss>> NEAR_MISSES = new TypeReference<>() { };
    private static final TypeReference<Map<String, Integer>> PACKS = new TypeReference<>() { };

    /** A current assessment: the row every evaluation locks and touches, with its explanation beside it. */
    private static final String CURRENT = """
            SELECT a.customer_no, a.grade, a.tier, a.vip, a.value_score, a.risk_score, a.churn_score, a.blacklisted,
                   d.profile,
                   d.warnings, d.reasons, d.near_misses, a.rule_packs, a.evaluated_at, a.eval_trigger,
                   pm.party_no, pm.records AS party_records, pc.customer_no AS primary_customer_no, a.entitlements
              FROM assessment a JOIN assessment_detail d ON d.customer_id = a.customer_id
              LEFT JOIN party_member pm ON pm.customer_id = a.customer_id
              LEFT JOIN customer pc ON pc.id = pm.primary_customer_id
             WHERE a.customer_id = :id""";

    /** The current assessment's outcome, hashes and time (V12: the explanation is in {@link #UPSERT_DETAIL}). */
    private static final String UPSERT = """
            INSERT INTO assessment (customer_id, customer_no, grade, tier, vip, value_score, risk_score, churn_score,
                retention_reasons, blacklisted, decision, rule_packs, outcome_hash, content_hash, match_keys_hash,
                evaluated_at, eval_trigger, entitlements)
            VALUES (:customerId, :customerNo, :grade, :tier, :vip, :valueScore, :riskScore, :churnScore,
                :retentionReasons, :blacklisted, :decision, :rulePacks, :hash, :contentHash, :matchKeys, :evaluatedAt,
                :trigger, :entitlements)
            ON DUPLICATE KEY UPDATE customer_no = VALUES(customer_no), grade = VALUES(grade),
                tier = VALUES(tier), vip = VALUES(vip), value_score = VALUES(value_score),
                risk_score = VALUES(risk_score), churn_score = VALUES(churn_score),
                retention_reasons = VALUES(retention_reasons), blacklisted = VALUES(blacklisted),
                decision = VALUES(decision), rule_packs = VALUES(rule_packs), outcome_hash = VALUES(outcome_hash),
                content_hash = VALUES(content_hash), match_keys_hash = VALUES(match_keys_hash),
                evaluated_at = VALUES(evaluated_at), eval_trigger = VALUES(eval_trigger), entitlements = VALUES(entitlements)
            """;
    /** An unchanged assessment: only its time, trigger and match-key digest are written. */
    private static final String TOUCH_ONE = """
            UPDATE assessment SET evaluated_at = :evaluatedAt, eval_trigger = :trigger, match_keys_hash = :matchKeys
             WHERE customer_id = :customerId""";
    /** The current assessment's explanation: written with {@link #UPSERT} when the content changed, else left. */
    private static final String UPSERT_DETAIL = """
            INSERT INTO assessment_detail (customer_id, profile, warnings, blacklist_hits, reasons, near_misses)
            VALUES (:customerId, :profile, :warnings, :hits, :reasons, :nearMisses)
            ON DUPLICATE KEY UPDATE profile = VALUES(profile), warnings = VALUES(warnings),
                blacklist_hits = VALUES(blacklist_hits), reasons = VALUES(reasons), near_misses = VALUES(near_misses)
            """;

    /** {@link #UPSERT} as multi-row statements for {@link #saveAll} ({@link BulkSql#insert}). */
    private static final String UPSERT_HEAD = UPSERT.substring(0, UPSERT.indexOf("VALUES") + "VALUES".length()) + " ";
    private static final int UPSERT_COLUMNS = 18;
    private static final String UPSERT_TAIL = UPSERT.substring(UPSERT.indexOf("ON DUPLICATE KEY UPDATE")).strip();
    private static final String DETAIL_HEAD = UPSERT_DETAIL.substring(0, UPSERT_DETAIL.indexOf("VALUES") + "VALUES".length()) + " ";
    private static final int DETAIL_COLUMNS = 6;
    private static final String DETAIL_TAIL = UPSERT_DETAIL.substring(UPSERT_DETAIL.indexOf("ON DUPLICATE KEY UPDATE")).strip();
    private static final String HISTORY_HEAD = """
            INSERT INTO assessment_history (customer_id, customer_no, grade, tier, vip, value_score,
                risk_score, churn_score, blacklisted, decision, profile, warnings, blacklist_hits, reasons,
                rule_packs, outcome_hash, evaluated_at, eval_trigger, entitlements)
            VALUES """;
    private static final int HISTORY_COLUMNS = 19;

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate batch;
    private final JsonMapper json;

    AssessmentRepository(JdbcClient jdbc, NamedParameterJdbcTemplate batch, JsonMapper json) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.json = json;
    }

    Optional<Assessment> current(long customerId) {
        return jdbc.sql(CURRENT)
                .param("id", customerId)
                .query(this::assessment)
                .optional();
    }

    List<Assessment> history(long customerId, int limit) {
        return jdbc.sql("SELECT " + HISTORY_COLUMNS_READ + " FROM assessment_history WHERE customer_id = :id ORDER BY id DESC LIMIT :limit")
                .param("id", customerId)
                .param("limit", limit)
                .query(this::assessment)
                .list();
    }

    /**
     * Locks the current assessments of these customers (those that have one) until the caller's
     * transaction ends, in primary-key order, and returns their hashes by customer id: what an
     * evaluation that rewrites them compares with what it read.
     */
    Map<Long, StoredHashes> lock(Collection<Long> customerIds) {
        Map<Long, StoredHashes> locked = new HashMap<>();
        if (customerIds.isEmpty()) {
            return locked;
        }
        BulkSql.IdCondition ids = BulkSql.ids("customer_id", customerIds, "id");
        jdbc.sql("SELECT customer_id, outcome_hash, content_hash, match_keys_hash FROM assessment WHERE " + ids.sql()
                        + " ORDER BY customer_id FOR UPDATE")
                .params(ids.params())
                .query((RowCallbackHandler) rs -> locked.put(rs.getLong("customer_id"), storedHashes(rs)));
        return locked;
    }

    /**
     * Sets the time and trigger of the assessments whose content the evaluation found unchanged, each
     * only where it still has the content the evaluation read ({@code content_hash}, which names the
     * customer, so the one list of hashes cannot match another customer's row): one statement, and no
     * lock taken before. A row that another evaluation rewrote since it was read is left alone.
     *
     * @param contentHashes the content hash read and found again, by customer id
     * @return the customers whose row was not touched: rewritten since it was read, or gone
     */
    Set<Long> touch(Map<Long, String> contentHashes, Trigger trigger, Instant evaluatedAt) {
        if (contentHashes.isEmpty()) {
            return Set.of();
        }
        BulkSql.IdCondition ids = BulkSql.ids("customer_id", contentHashes.keySet(), "id");
        int touched = jdbc.sql("UPDATE assessment SET evaluated_at = :evaluatedAt, eval_trigger = :trigger WHERE "
                        + ids.sql() + " AND content_hash IN (:hashes)")
                .param("evaluatedAt", LocalDateTime.ofInstant(evaluatedAt, ZoneOffset.UTC))
                .param("trigger", trigger.name())
                .params(ids.params())
                .param("hashes", List.copyOf(contentHashes.values()))
                .update();
        if (touched == contentHashes.size()) {
            return Set.of();
        }
        Set<Long> missed = new HashSet<>(contentHashes.keySet());
        jdbc.sql("SELECT customer_id, content_hash FROM assessment WHERE " + ids.sql())
                .params(ids.params())
                .query((RowCallbackHandler) rs -> {
                    if (rs.getString("content_hash").equals(contentHashes.get(rs.getLong("customer_id")))) {
                        missed.remove(rs.getLong("customer_id"));
                    }
                });
        return missed;
    }

    /**
     * Marks a customer's assessment to be rewritten at its next evaluation, even if its content comes out
     * unchanged (its warnings are then synchronised again): after a person resolved a warning whose rule
     * may still hold. Locks the row; runs in the caller's transaction.
     */
    public void markForRewrite(long customerId) {
        jdbc.sql("UPDATE assessment SET content_hash = :mark WHERE customer_id = :customerId")
                .param("mark", REWRITE)
                .param("customerId", customerId)
                .update();
    }

    /** A content hash no evaluation computes: the assessment is rewritten at its next evaluation. */
    private static final String REWRITE = "-".repeat(64);

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
        List<SqlParameterSource> touchedWithNewKeys = new ArrayList<>();
        List<Object[]> upserts = new ArrayList<>();
        List<Object[]> details = new ArrayList<>();
        List<Object[]> history = new ArrayList<>();
        Set<Long> changed = new HashSet<>();
        LocalDateTime at = LocalDateTime.ofInstant(evaluatedAt, ZoneOffset.UTC);
        for (ToStore item : evaluations) {
            StoredHashes old = previous.get(item.customerId());
            Row row = row(item.customerId(), item.evaluation(), item.matchKeys(), trigger, at);
            if (old != null && old.content().equals(row.contentHash())) {
                if (old.hasMatchKeys(item.matchKeys())) {
                    touched.add(item.customerId());
                } else {
                    touchedWithNewKeys.add(new MapSqlParameterSource().addValue("evaluatedAt", at)
                            .addValue("trigger", trigger.name()).addValue("matchKeys", item.matchKeys())
                            .addValue("customerId", item.customerId()));
                }
                continue;
            }
            upserts.add(row.upsertValues());
            details.add(row.detailValues());
            if (old == null || !old.outcome().equals(row.outcomeHash())) {
                history.add(row.historyValues());
                changed.add(item.customerId());
            }
        }
        if (!touched.isEmpty()) {
            BulkSql.IdCondition ids = BulkSql.ids("customer_id", touched, "id");
            jdbc.sql("UPDATE assessment SET evaluated_at = :evaluatedAt, eval_trigger = :trigger WHERE " + ids.sql())
                    .param("evaluatedAt", at)
                    .param("trigger", trigger.name())
                    .params(ids.params())
                    .update();
        }
        if (!touchedWithNewKeys.isEmpty()) { // rare: a customer's identity, name, birth date or phone changed alone
            batch.batchUpdate(TOUCH_ONE, touchedWithNewKeys.toArray(SqlParameterSource[]::new));
        }
        BulkSql.insert(batch.getJdbcOperations(), UPSERT_HEAD, UPSERT_COLUMNS, UPSERT_TAIL, upserts);
        BulkSql.insert(batch.getJdbcOperations(), DETAIL_HEAD, DETAIL_COLUMNS, DETAIL_TAIL, details);
        BulkSql.insert(batch.getJdbcOperations(), HISTORY_HEAD, HISTORY_COLUMNS, "", history);
        return new Saved(changed);
    }

    /**
     * A customer's evaluation to store, with the fingerprint of the match keys stored for the customer in
     * the same transaction.
     */
    record ToStore(long customerId, Evaluation evaluation, String matchKeys) {
    }

    /** What {@link #saveAll} did: the customers whose outcome changed (or who had no assessment). */
    record Saved(Set<Long> changed) {
    }

    private Row row(long customerId, Evaluation e, String matchKeys, Trigger trigger, LocalDateTime evaluatedAt) {
        String outcomeHash = outcomeHash(e);
        return new Row(customerId, e, outcomeHash, contentHash(e, outcomeHash), matchKeys, evaluatedAt, trigger);
    }

    /**
     * An assessment row as stored: the evaluation with its hashes; its JSON columns are written only
     * when the row is (unchanged rows are only touched, and need no JSON).
     */
    private final class Row {

        private final long customerId;
        private final Evaluation e;
        private final String outcomeHash;
        private final String contentHash;
        private final String matchKeys;
        private final LocalDateTime evaluatedAt;
        private final Trigger trigger;
        private String @org.jspecify.annotations.Nullable [] columns;

        Row(long customerId, Evaluation e, String outcomeHash, String contentHash, String matchKeys,
            LocalDateTime evaluatedAt, Trigger trigger) {
            this.customerId = customerId;
            this.e = e;
            this.outcomeHash = outcomeHash;
            this.contentHash = contentHash;
            this.matchKeys = matchKeys;
            this.evaluatedAt = evaluatedAt;
            this.trigger = trigger;
        }

        String outcomeHash() {
            return outcomeHash;
        }

        String contentHash() {
            return contentHash;
        }

        /** profile, warnings, hits, reasons, rule packs, near misses and retention reasons as JSON, made once. */
        private String[] json() {
            if (columns == null) {
                columns = new String[] {
                        json.writeValueAsString(Features.of(e.profile())),
                        json.writeValueAsString(e.warnings()),
                        json.writeValueAsString(e.blacklistHits()),
                        json.writeValueAsString(e.reasons()),
                        json.writeValueAsString(new TreeMap<>(e.rulePacks())),
                        json.writeValueAsString(e.nearMisses()),
                        retentionReasons(e)};
            }
            return columns;
        }

        /** The values of {@link #UPSERT_HEAD}'s columns, in order. */
        Object[] upsertValues() {
            String[] j = json();
            return new Object[] {customerId, e.customerNo(), e.grade().name(), e.tier().name(), e.vip(), e.valueScore(),
                    e.riskScore(), e.churnScore(), j[6], e.blacklisted(), e.decision().name(), j[4], outcomeHash, contentHash,
                    matchKeys, evaluatedAt, trigger.name(), entitlements(e)};
        }

        /** The values of {@link #DETAIL_HEAD}'s columns, in order. */
        Object[] detailValues() {
            String[] j = json();
            return new Object[] {customerId, j[0], j[1], j[2], j[3], j[5]};
        }

        /** The values of {@link #HISTORY_HEAD}'s columns, in order. */
        Object[] historyValues() {
            String[] j = json();
            return new Object[] {customerId, e.customerNo(), e.grade().name(), e.tier().name(), e.vip(), e.valueScore(),
                    e.riskScore(), e.churnScore(), e.blacklisted(), e.decision().name(), j[0], j[1], j[2], j[3], j[4],
                    outcomeHash, evaluatedAt, trigger.name(), entitlements(e)};
        }
    }

    /**
     * A digest of everything stored but the time and trigger (the outcome hash, the customer number,
     * the decision and what the JSON columns hold), fed field by field rather than from the JSON, so
     * that an unchanged assessment is recognised without writing its JSON. Every component of the
     * records stored as JSON is fed; {@link ContentDigest} checks at start-up that their shapes are
     * the ones fed here.
     */
    static String contentHash(Evaluation e, String outcomeHash) {
        ContentDigest d = new ContentDigest(SHA_256.get());
        d.text(outcomeHash).text(e.customerNo()).text(e.decision().name()).number(Sentence.WORDS);
        Features f = Features.of(e.profile());
        d.number(f.annualPremium()).number(f.premium3y()).number(f.paid3y()).number(f.lossRatio3y())
                .number(f.claims12m()).number(f.earlyClaims12m()).number(f.claimFreeYears()).number(f.tenureYears())
                .number(f.premiumSharePct()).number(f.premiumRankPct()).number(f.productLines())
                .number(f.partyRecords()).number(f.partyBranches()).number(f.possibleDuplicates());
        // fed only when known, so that a CRM without a premium schedule finds every assessment as it was stored
        if (f.hasRetention()) {
            d.number(f.overdueInstallments()).number(f.maxDaysOverdue())
                    .number(f.nextDueDays() == null ? null : f.nextDueDays().doubleValue())
                    .number(f.missedPayments12m()).number(f.renewalsDue60d()).number(f.lapsed24m())
                    .number(f.premiumChangePct()).number(f.deniedClaims12m());
            d.number(e.churnScore() == null ? -1 : e.churnScore());
        }
        d.text(f.managerStatus() == null ? null : f.managerStatus().name()).number(f.managerLevel())
                .number(f.daysSinceLastVisit()).number(f.daysSinceLastContact()).number(f.daysToBirthday())
                .number(f.partyAccountManagers());
        // fed only when the CRM keeps complaints (DESIGN.md section 13), so that a CRM without them keeps every hash; the
        // clocks are the content of complaint_clock, which is written only with a rewritten assessment
        if (e.profile().hasComplaints()) {
            d.number(e.profile().openComplaints()).number(e.profile().complaints12m()).number(e.complaints().size());
            for (io.decisioning.rules.engine.ComplaintClock clock : e.complaints()) {
                io.decisioning.rules.Complaint c = clock.complaint();
                d.text(c.complaintNo()).text(c.status().name()).text(c.complexity() == null ? null : c.complexity().name())
                        .text(c.channel() == null ? null : c.channel().name()).text(c.receivedDate().toString())
                        .number(c.daysSinceReceived()).number(c.daysToDecision()).number(clock.timeLimitDays())
                        .text(clock.state() == null ? null : clock.state().name())
                        .text(clock.reason() == null ? null : clock.reason().pack() + ":" + clock.reason().version() + " "
                                + clock.reason().rule());
            }
        }
        d.number(e.warnings().size());
        for (CustomerWarning w : e.warnings()) {
            d.text(w.type().name()).text(w.severity().name()).sentence(w.message());
        }
        d.number(e.blacklistHits().size());
        for (BlacklistHit h : e.blacklistHits()) {
            d.text(h.customerNo()).number(h.entryId()).text(h.strength().name()).number(h.matchedOn().size());
            h.matchedOn().forEach(field -> d.text(field.name()));
            d.text(h.reasonCode());
        }
        d.number(e.reasons().size());
        for (Reason r : e.reasons()) {
            d.text(r.pack()).number(r.version()).text(r.rule()).sentence(r.message());
        }
        d.number(e.nearMisses().size());
        for (NearMiss m : e.nearMisses()) {
            d.text(m.pack()).number(m.version()).text(m.rule()).text(m.outcome()).sentence(m.message());
        }
        Map<String, Integer> packs = new TreeMap<>(e.rulePacks());
        d.number(packs.size());
        packs.forEach((pack, version) -> d.text(pack).number(version));
        return HEX.formatHex(d.digest());
    }

    /**
     * A digest of a customer's match keys (128 bits of SHA-256, as hex), stored with the assessment so that
     * an evaluation can tell whether the customer's stored {@code customer_match_key} rows are still these
     * without reading them.
     */
    static String matchKeysHash(MatchKeys keys) {
        byte[] digest = new ContentDigest(SHA_256.get()).text(keys.idNumber()).text(keys.nameBirthDate())
                .text(keys.phone()).text(keys.identity()).text(keys.namePhone()).digest();
        return HEX.formatHex(digest, 0, 16);
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
        String outcome = String.join("|", e.grade().name(), e.tier().name(), Integer.toString(e.valueScore()),
                Integer.toString(e.riskScore()), e.decision().name(), warnings, hits);
        // the churn score only when there is one, so that a CRM without a premium schedule keeps every hash
        if (e.churnScore() != null) {
            outcome += "|churn " + e.churnScore();
        }
        // the entitlements (DESIGN.md section 12) when any pack grants some: a change of services is a change of outcome
        if (!e.entitlements().isEmpty()) {
            outcome += "|services " + entitlements(e);
        }
        // each complaint's state (DESIGN.md section 13) when the party has complaints: a state reached is a change of outcome
        if (!e.complaints().isEmpty()) {
            outcome += "|complaints " + e.complaints().stream()
                    .map(clock -> clock.complaintNo() + ":" + (clock.state() == null ? "-" : clock.state().name()))
                    .collect(Collectors.joining(","));
        }
        return sha256(outcome);
    }

    /** The services granted, comma-separated in the order of Entitlement (as stored); null when none. */
    static @org.jspecify.annotations.Nullable String entitlements(Evaluation e) {
        return e.entitlements().isEmpty() ? null
                : e.entitlements().stream().map(Enum::name).collect(Collectors.joining(","));
    }

    /**
     * What a salesperson reads on a due list (DESIGN.md section 11): the churn scorecard's reasons that gave
     * points, without the points ("2 missed payments in 12 months"), then the RETENTION warnings' messages;
     * a JSON array, null when there is none.
     */
    private String retentionReasons(Evaluation e) {
        if (e.churnScore() == null) {
            return null;
        }
        List<Sentence> reasons = new ArrayList<>();
        for (Reason reason : e.reasons()) {
            if (reason.card() == Scorecard.CHURN && reason.points() != 0) {
                reasons.add(reason.messageWithoutPoints());
            }
        }
        for (CustomerWarning warning : e.warnings()) {
            if (warning.category() == WarningCategory.RETENTION) {
                reasons.add(warning.message());
            }
        }
        return reasons.isEmpty() ? null : json.writeValueAsString(reasons);
    }

    private static String sha256(String text) {
        MessageDigest digest = SHA_256.get();
        digest.reset();
        return HEX.formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static final HexFormat HEX = HexFormat.of();
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    });

    /**
     * What an evaluation compares with: the stored outcome and content hashes, and the digest of the match
     * keys stored for the customer ({@link #matchKeysHash}; null
     * for rows written before V13).
     */
    record StoredHashes(String outcome, String content, @org.jspecify.annotations.Nullable String matchKeys) {

        /** Whether the customer's stored match keys are these (else they are read and brought up to date). */
        boolean hasMatchKeys(String fingerprint) {
            return fingerprint.equals(matchKeys);
        }
    }

    /** The hashes of a row that has {@code outcome_hash, content_hash, match_keys_hash}; null when they are (no assessment). */
    static @org.jspecify.annotations.Nullable StoredHashes storedHashes(ResultSet rs) throws SQLException {
        String outcome = rs.getString("outcome_hash");
        return outcome == null ? null
                : new StoredHashes(outcome, rs.getString("content_hash"), rs.getString("match_keys_hash"));
    }

    private Assessment assessment(ResultSet rs, int row) throws SQLException {
        String nearMisses = rs.getString("near_misses");
        return new Assessment(
                rs.getString("customer_no"),
                Grade.valueOf(rs.getString("grade")),
                Tier.valueOf(rs.getString("tier")),
                rs.getBoolean("vip"),
                rs.getInt("value_score"),
                rs.getInt("risk_score"),
                rs.getObject("churn_score") == null ? null : rs.getInt("churn_score"),
                rs.getBoolean("blacklisted"),
                json.readValue(rs.getString("warnings"), WARNINGS),
                json.readValue(rs.getString("profile"), Features.class),
                json.readValue(rs.getString("reasons"), REASONS),
                json.readValue(rs.getString("rule_packs"), PACKS),
                rs.getObject("evaluated_at", LocalDateTime.class).toInstant(ZoneOffset.UTC),
                Trigger.valueOf(rs.getString("eval_trigger")),
                nearMisses == null ? null : json.readValue(nearMisses, NEAR_MISSES),
                rs.getObject("party_no") == null ? null : rs.getLong("party_no"),
                rs.getObject("party_records") == null ? null : rs.getInt("party_records"),
                rs.getString("primary_customer_no"),
                entitlements(rs.getString("entitlements")));
    }

    /** The stored services: comma-separated names; none when null (rows stored before V23, or no service granted). */
    public static List<Entitlement> entitlements(@org.jspecify.annotations.Nullable String stored) {
        if (stored == null || stored.isEmpty()) {
            return List.of();
        }
        List<Entitlement> services = new ArrayList<>();
        for (String name : stored.split(",")) {
            try {
                services.add(Entitlement.valueOf(name));
            } catch (IllegalArgumentException retired) {
                // a service no longer in the vocabulary is not shown
            }
        }
        return services;
    }
}
