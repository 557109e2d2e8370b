package io.decisioning.service.identity;

import io.decisioning.service.export.StreamingJdbc;
import io.decisioning.service.system.BranchScope;
import io.decisioning.service.system.BulkSql;
import io.decisioning.service.system.UserAccount;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The party tables ({@code party_member}, {@code party_number}, {@code identity_candidate},
 * {@code identity_decision}, V15) and the reads party resolution needs from the CRM and the match keys.
 */
@Repository
class PartyRepository {

    /** Ids per statement. */
    static final int CHUNK = 1000;
    /** The key types records are paired on. */
    static final List<KeyType> PAIRING_KEYS = List.of(KeyType.IDENTITY, KeyType.NAME_BIRTH_DATE, KeyType.NAME_PHONE,
            KeyType.PHONE);

    private final JdbcClient jdbc;
    private final JdbcClient streaming;
    private final JdbcOperations operations;

    PartyRepository(JdbcClient jdbc, StreamingJdbc streaming, JdbcOperations operations) {
        this.jdbc = jdbc;
        this.streaming = streaming.client();
        this.operations = operations;
    }

    /** A record's stored party. */
    record Stored(long partyNo, long primaryCustomerId, int records, LinkKind link, Set<Evidence> evidence,
                  LocalDateTime linkedAt) {
    }

    /**
     * Locks the party number counter until the transaction ends, which puts resolutions one after the
     * other, and returns the next free number.
     */
    long lockNumbers() {
        return jdbc.sql("SELECT next_no FROM party_number WHERE id = 1 FOR UPDATE").query(Long.class).single();
    }

    void setNextNumber(long next) {
        jdbc.sql("UPDATE party_number SET next_no = :next WHERE id = 1").param("next", next).update();
    }

    /** What the last resolution of the whole book was done with; nulls before the first. */
    record WholeBook(@Nullable String linking, @Nullable Instant resolvedAt) {
    }

    WholeBook wholeBook() {
        return jdbc.sql("SELECT linking, resolved_at FROM party_number WHERE id = 1")
                .query((rs, n) -> {
                    LocalDateTime at = rs.getObject("resolved_at", LocalDateTime.class);
                    return new WholeBook(rs.getString("linking"), at == null ? null : at.toInstant(ZoneOffset.UTC));
                })
                .single();
    }

    void wholeBookResolved(String linking, Instant at) {
        jdbc.sql("UPDATE party_number SET linking = :linking, resolved_at = :at WHERE id = 1")
                .param("linking", linking)
                .param("at", LocalDateTime.ofInstant(at, ZoneOffset.UTC))
                .update();
    }

    /** The records that have a party. */
    long members() {
        return jdbc.sql("SELECT COUNT(*) FROM party_member").query(Long.class).single();
    }

    /** Lists these records as having other identity keys than at their last resolution ({@code identity_change}). */
    void keysChanged(Collection<Long> ids) {
        BulkSql.insert(operations, "INSERT IGNORE INTO identity_change (customer_id) VALUES", 1, "",
                ids.stream().distinct().map(id -> new Object[] {id}).toList());
    }

    /** The records whose identity keys changed since their last resolution, in the order of their ids. */
    List<Long> recordsWithChangedKeys() {
        return jdbc.sql("SELECT customer_id FROM identity_change ORDER BY customer_id").query(Long.class).list();
    }

    /** Takes these records off the list of changed keys: they are resolved. */
    void keysResolved(Collection<Long> ids) {
        for (List<Long> chunk : chunks(ids)) {
            jdbc.sql("DELETE FROM identity_change WHERE customer_id IN (:ids)").param("ids", chunk).update();
        }
    }

    /**
     * The records that share a pairing key with another record in {@code customer_match_key}, leaving out
     * keys shared by more than {@code limit} records (a phone by more than {@code phoneLimit}): a placeholder
     * number or a switchboard says nothing of who is who, and its pairs would grow with its square.
     */
    Set<Long> recordsSharingKeys(int limit, int phoneLimit) {
        // One walk of the key index, grouped in its order, each group's records concatenated (the index holds the
        // customer id): joining the groups back to the index instead took MariaDB 90 s for a million customers.
        Set<Long> ids = new HashSet<>();
        jdbc.sql("""
                        SELECT GROUP_CONCAT(customer_id) AS ids
                          FROM customer_match_key
                         WHERE key_type IN ('IDENTITY', 'NAME_BIRTH_DATE', 'NAME_PHONE', 'PHONE')
                         GROUP BY key_type, key_value
                        HAVING COUNT(*) >= 2 AND COUNT(*) <= CASE WHEN key_type = 'PHONE' THEN :phoneLimit ELSE :limit END
                        """)
                .param("limit", limit)
                .param("phoneLimit", phoneLimit)
                .query((RowCallbackHandler) rs -> {
                    for (String id : rs.getString(1).split(",")) {
                        ids.add(Long.parseLong(id));
                    }
                });
        return ids;
    }

    /** The records whose stored pairing keys equal one of these keys: (type, value) to customer ids. */
    Map<KeyType, Map<String, Set<Long>>> recordsWithKeys(Collection<MatchKeys> keys) {
        Map<KeyType, Map<String, Set<Long>>> found = new HashMap<>();
        for (KeyType type : PAIRING_KEYS) {
            Set<String> values = keys.stream().map(k -> k.key(type)).filter(v -> v != null).collect(Collectors.toSet());
            for (List<String> chunk : chunks(values)) {
                jdbc.sql("SELECT key_value, customer_id FROM customer_match_key WHERE key_type = :type AND key_value IN (:values)")
                        .param("type", type.name())
                        .param("values", chunk)
                        .query((RowCallbackHandler) rs -> found.computeIfAbsent(type, t -> new HashMap<>())
                                .computeIfAbsent(rs.getString(1), v -> new HashSet<>()).add(rs.getLong(2)));
            }
        }
        return found;
    }

    /**
     * The records without a party: never resolved (new in the CRM), by ascending id. None without looking
     * when there are as many parties' records as CRM records (most nights: the look costs seconds at a
     * million); a record the CRM deleted leaves its party row behind, so a new one may then be missed here,
     * and is resolved at its first evaluation instead.
     */
    List<Long> recordsWithoutParty() {
        long customers = jdbc.sql("SELECT COUNT(*) FROM customer").query(Long.class).single();
        long members = jdbc.sql("SELECT COUNT(*) FROM party_member").query(Long.class).single();
        if (members >= customers) {
            return List.of();
        }
        return jdbc.sql("""
                        SELECT c.id FROM customer c LEFT JOIN party_member m ON m.customer_id = c.id
                         WHERE m.customer_id IS NULL ORDER BY c.id""")
                .query(Long.class).list();
    }

    /** The records of the CRM. */
    long countRecords() {
        return jdbc.sql("SELECT COUNT(*) FROM customer").query(Long.class).single();
    }

    /** The members of parties of more than one record. */
    Set<Long> membersOfLargerParties() {
        return new HashSet<>(jdbc.sql("SELECT customer_id FROM party_member WHERE records > 1").query(Long.class).list());
    }

    /** The primary record of the record's party; empty when the record has no party yet. */
    java.util.Optional<Long> primaryOf(long customerId) {
        return jdbc.sql("SELECT primary_customer_id FROM party_member WHERE customer_id = :id")
                .param("id", customerId).query(Long.class).optional();
    }

    /** All members of these parties. */
    Set<Long> membersOf(Collection<Long> partyNos) {
        Set<Long> ids = new HashSet<>();
        for (List<Long> chunk : chunks(partyNos)) {
            ids.addAll(jdbc.sql("SELECT customer_id FROM party_member WHERE party_no IN (:parties)")
                    .param("parties", chunk).query(Long.class).list());
        }
        return ids;
    }

    /** The CRM records with these ids (those that exist), fresh from {@code customer}. */
    Map<Long, IdentityRecord> records(Collection<Long> ids) {
        Map<Long, IdentityRecord> records = new HashMap<>();
        for (List<Long> chunk : chunks(ids)) {
            BulkSql.IdCondition condition = BulkSql.ids("id", chunk, "id");
            jdbc.sql("""
                            SELECT id, customer_no, customer_type, branch_code, name, id_type, id_number, birth_date, phone
                              FROM customer WHERE""" + " " + condition.sql())
                    .params(condition.params())
                    .query((RowCallbackHandler) rs -> records.put(rs.getLong("id"), IdentityRecord.of(rs.getLong("id"),
                            rs.getString("customer_no"), rs.getString("customer_type"), rs.getString("branch_code"),
                            rs.getString("name"), rs.getString("id_type"), rs.getString("id_number"),
                            rs.getObject("birth_date", LocalDate.class), rs.getString("phone"))));
        }
        return records;
    }

    /** The stored parties of these records (of those that have one). */
    Map<Long, Stored> memberships(Collection<Long> ids) {
        Map<Long, Stored> stored = new HashMap<>();
        for (List<Long> chunk : chunks(ids)) {
            BulkSql.IdCondition condition = BulkSql.ids("customer_id", chunk, "id");
            jdbc.sql("""
                            SELECT customer_id, party_no, primary_customer_id, records, link, evidence, linked_at
                              FROM party_member WHERE""" + " " + condition.sql())
                    .params(condition.params())
                    .query((RowCallbackHandler) rs -> stored.put(rs.getLong("customer_id"), stored(rs)));
        }
        return stored;
    }

    /** What people decided about pairs with a record among these; all decisions when {@code ids} is null. */
    List<Linker.Decision> decisions(@Nullable Collection<Long> ids) {
        List<Linker.Decision> decisions = new ArrayList<>();
        RowCallbackHandler row = rs -> decisions.add(new Linker.Decision(rs.getLong("customer_id_a"),
                rs.getLong("customer_id_b"), Linker.Decision.Kind.valueOf(rs.getString("kind")), rs.getString("keys_a"),
                rs.getString("keys_b")));
        String select = "SELECT customer_id_a, customer_id_b, kind, keys_a, keys_b FROM identity_decision";
        if (ids == null) {
            jdbc.sql(select).query(row);
            return decisions;
        }
        Set<String> seen = new HashSet<>();
        for (List<Long> chunk : chunks(ids)) {
            jdbc.sql(select + " WHERE customer_id_a IN (:ids) UNION " + select + " WHERE customer_id_b IN (:ids)")
                    .param("ids", chunk)
                    .query((RowCallbackHandler) rs -> {
                        if (seen.add(rs.getLong("customer_id_a") + ":" + rs.getLong("customer_id_b"))) {
                            row.processRow(rs);
                        }
                    });
        }
        return decisions;
    }

    /** The records of pending candidates: all, or those paired with one of {@code ids}. */
    Set<Long> recordsOfPendingCandidates(@Nullable Collection<Long> ids) {
        Set<Long> records = new HashSet<>();
        RowCallbackHandler row = rs -> {
            records.add(rs.getLong(1));
            records.add(rs.getLong(2));
        };
        if (ids == null) {
            jdbc.sql("SELECT customer_id_a, customer_id_b FROM identity_candidate WHERE status = 'PENDING'").query(row);
            return records;
        }
        for (List<Long> chunk : chunks(ids)) {
            jdbc.sql("""
                            SELECT customer_id_a, customer_id_b FROM identity_candidate WHERE customer_id_a IN (:ids) AND status = 'PENDING'
                            UNION
                            SELECT customer_id_a, customer_id_b FROM identity_candidate WHERE customer_id_b IN (:ids) AND status = 'PENDING'
                            """)
                    .param("ids", chunk)
                    .query(row);
        }
        return records;
    }

    /**
     * Writes the memberships that changed; a record keeps its {@code linked_at} while its party and link stay.
     *
     * @return the records whose party, primary, size or link changed
     */
    List<Long> saveMemberships(Collection<Linker.Membership> members, Map<Long, Stored> old, Instant now) {
        LocalDateTime at = LocalDateTime.ofInstant(now, ZoneOffset.UTC);
        List<Object[]> rows = new ArrayList<>();
        List<Long> changed = new ArrayList<>();
        for (Linker.Membership m : members) {
            Stored before = old.get(m.customerId());
            String evidence = evidence(m.evidence());
            boolean sameParty = before != null && before.partyNo() == m.partyNo() && before.link() == m.link();
            if (sameParty && before.primaryCustomerId() == m.primaryCustomerId() && before.records() == m.records()
                    && evidence(before.evidence()).equals(evidence)) {
                continue;
            }
            if (!sameParty || before.primaryCustomerId() != m.primaryCustomerId() || before.records() != m.records()) {
                changed.add(m.customerId());
            }
            rows.add(new Object[] {m.customerId(), m.partyNo(), m.primaryCustomerId(), m.records(), m.link().name(),
                    evidence.isEmpty() ? null : evidence, sameParty ? before.linkedAt() : at});
        }
        BulkSql.insert(operations, """
                        INSERT INTO party_member (customer_id, party_no, primary_customer_id, records, link, evidence, linked_at)
                        VALUES""", 7, """
                        ON DUPLICATE KEY UPDATE party_no = VALUES(party_no), primary_customer_id = VALUES(primary_customer_id),
                            records = VALUES(records), link = VALUES(link), evidence = VALUES(evidence),
                            linked_at = VALUES(linked_at)""", rows);
        return changed;
    }

    /**
     * Makes the PENDING candidates among the records in {@code scope} exactly {@code candidates}: new pairs
     * are added, pairs no longer for review are dropped, and a pair kept apart whose records have changed
     * since is proposed again. Decided candidates stay as they are otherwise.
     *
     * @return the records whose pending candidates changed
     */
    Set<Long> syncCandidates(Set<Long> scope, List<Linker.Candidate> candidates, Instant now) {
        Map<String, Object[]> existing = new HashMap<>();
        for (List<Long> chunk : chunks(scope)) {
            jdbc.sql("""
                            SELECT id, customer_id_a, customer_id_b, status FROM identity_candidate WHERE customer_id_a IN (:ids)
                            """)
                    .param("ids", chunk)
                    .query((RowCallbackHandler) rs -> {
                        if (scope.contains(rs.getLong(3))) {
                            existing.put(IdentityRecord.pairId(rs.getLong(2), rs.getLong(3)),
                                    new Object[] {rs.getLong(1), rs.getString(4)});
                        }
                    });
        }
        Set<Long> touched = new HashSet<>();
        Set<String> wanted = new HashSet<>();
        LocalDateTime at = LocalDateTime.ofInstant(now, ZoneOffset.UTC);
        List<Object[]> inserts = new ArrayList<>();
        for (Linker.Candidate candidate : candidates) {
            String pair = IdentityRecord.pairId(candidate.a(), candidate.b());
            wanted.add(pair);
            Object[] old = existing.get(pair);
            if (old == null) {
                inserts.add(new Object[] {candidate.a(), candidate.b(), evidence(candidate.evidence()), candidate.rule(),
                        "PENDING", at});
                touched.add(candidate.a());
                touched.add(candidate.b());
            } else if ("REJECTED".equals(old[1])) {
                jdbc.sql("""
                                UPDATE identity_candidate SET status = 'PENDING', evidence = :evidence, rule = :rule, created_at = :at,
                                       decided_by = NULL, decided_at = NULL, note = NULL
                                 WHERE id = :id""")
                        .param("evidence", evidence(candidate.evidence())).param("rule", candidate.rule())
                        .param("at", at).param("id", old[0]).update();
                touched.add(candidate.a());
                touched.add(candidate.b());
            }
        }
        BulkSql.insert(operations, """
                INSERT INTO identity_candidate (customer_id_a, customer_id_b, evidence, rule, status, created_at) VALUES""",
                6, "", inserts);
        List<Long> stale = new ArrayList<>();
        existing.forEach((pair, old) -> {
            if ("PENDING".equals(old[1]) && !wanted.contains(pair)) {
                stale.add((Long) old[0]);
                Arrays.stream(pair.split(":")).map(Long::valueOf).forEach(touched::add);
            }
        });
        for (List<Long> chunk : chunks(stale)) {
            jdbc.sql("DELETE FROM identity_candidate WHERE id IN (:ids) AND status = 'PENDING'").param("ids", chunk).update();
        }
        return touched;
    }

    /** Counts again the pending candidates of these records ({@code party_member.candidates}). */
    void recountCandidates(java.util.Collection<Long> ids) {
        for (List<Long> chunk : chunks(ids)) {
            jdbc.sql("""
                            UPDATE party_member m
                               SET candidates =
                                   (SELECT COUNT(*) FROM identity_candidate a WHERE a.customer_id_a = m.customer_id AND a.status = 'PENDING')
                                 + (SELECT COUNT(*) FROM identity_candidate b WHERE b.customer_id_b = m.customer_id AND b.status = 'PENDING')
                             WHERE m.customer_id IN (:ids)""")
                    .param("ids", chunk)
                    .update();
        }
    }

    /**
     * Gives every CRM record without a party a party of its own, numbered from {@code firstNo} in the
     * order of their ids, in one statement.
     *
     * @return how many there were
     */
    int addSingletons(long firstNo, Instant now) {
        return jdbc.sql("""
                        INSERT INTO party_member (customer_id, party_no, primary_customer_id, records, link, evidence, linked_at)
                        SELECT c.id, :first - 1 + ROW_NUMBER() OVER (ORDER BY c.id), c.id, 1, 'ALONE', NULL, :at
                          FROM customer c LEFT JOIN party_member m ON m.customer_id = c.id
                         WHERE m.customer_id IS NULL
                        """)
                .param("first", firstNo)
                .param("at", LocalDateTime.ofInstant(now, ZoneOffset.UTC))
                .update();
    }

    private static Stored stored(ResultSet rs) throws SQLException {
        return new Stored(rs.getLong("party_no"), rs.getLong("primary_customer_id"), rs.getInt("records"),
                LinkKind.valueOf(rs.getString("link")), evidenceOf(rs.getString("evidence")),
                rs.getObject("linked_at", LocalDateTime.class));
    }

    static String evidence(Set<Evidence> evidence) {
        return evidence.stream().sorted().map(Enum::name).collect(Collectors.joining(","));
    }

    static Set<Evidence> evidenceOf(@Nullable String text) {
        Set<Evidence> evidence = EnumSet.noneOf(Evidence.class);
        if (text != null && !text.isBlank()) {
            Arrays.stream(text.split(",")).map(String::trim).map(Evidence::valueOf).forEach(evidence::add);
        }
        return evidence;
    }

    static <T> List<List<T>> chunks(Collection<T> items) {
        List<T> all = new ArrayList<>(new LinkedHashSet<>(items));
        List<List<T>> chunks = new ArrayList<>();
        for (int from = 0; from < all.size(); from += CHUNK) {
            chunks.add(all.subList(from, Math.min(all.size(), from + CHUNK)));
        }
        return chunks;
    }

    // ---- what people see and do (the party API) ----

    /** A CRM record by number, with its party number when it has one. */
    record RecordRef(long customerId, String customerNo, String branchCode, @Nullable Long partyNo) {
    }

    java.util.Optional<RecordRef> recordByNo(String customerNo) {
        return jdbc.sql("""
                        SELECT c.id, c.customer_no, c.branch_code, m.party_no
                          FROM customer c LEFT JOIN party_member m ON m.customer_id = c.id
                         WHERE c.customer_no = :no""")
                .param("no", customerNo)
                .query((rs, row) -> new RecordRef(rs.getLong(1), rs.getString(2), rs.getString(3),
                        rs.getObject(4) == null ? null : rs.getLong(4)))
                .optional();
    }

    /** A member of a party, as the API shows it. */
    record MemberRow(long customerId, String customerNo, String branchCode, long primaryCustomerId, LinkKind link,
                     LocalDateTime linkedAt, Set<Evidence> evidence) {
    }

    /** The members of a party, by ascending id; empty for an unknown party number. */
    List<MemberRow> membersOfParty(long partyNo) {
        return jdbc.sql("""
                        SELECT m.customer_id, c.customer_no, c.branch_code, m.primary_customer_id, m.link, m.linked_at, m.evidence
                          FROM party_member m JOIN customer c ON c.id = m.customer_id
                         WHERE m.party_no = :party
                         ORDER BY m.customer_id""")
                .param("party", partyNo)
                .query((rs, row) -> new MemberRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4),
                        LinkKind.valueOf(rs.getString(5)), rs.getObject(6, LocalDateTime.class), evidenceOf(rs.getString(7))))
                .list();
    }

    private static final String CANDIDATE_COLUMNS = """
            ic.id, ca.customer_no AS no_a, cb.customer_no AS no_b, ca.branch_code AS branch_a, cb.branch_code AS branch_b,
            ic.customer_id_a, ic.customer_id_b, ic.evidence, ic.rule, ic.status, ic.created_at, ic.decided_by,
            ic.decided_at, ic.note""";

    /** The candidates of a status whose two records the caller may both see. */
    private static final String CANDIDATES_IN_SCOPE = """
             FROM identity_candidate ic
             JOIN customer ca ON ca.id = ic.customer_id_a
             JOIN customer cb ON cb.id = ic.customer_id_b
            WHERE ic.status = :status AND %s AND %s""".formatted(BranchScope.visible("ca"), BranchScope.visible("cb"));

    /** A candidate with its records' numbers and branches. */
    record CandidateRow(CandidateView view, long customerIdA, long customerIdB, String branchA, String branchB) {
    }

    /** A page of candidates in this status whose two records the user may see, newest first, and their number. */
    CandidateView.Page candidates(CandidateStatus status, int page, int size, UserAccount user) {
        List<CandidateView> items = BranchScope.bind(jdbc.sql(
                        "SELECT " + CANDIDATE_COLUMNS + CANDIDATES_IN_SCOPE + " ORDER BY ic.id DESC LIMIT :size OFFSET :offset"), user)
                .param("status", status.name())
                .param("size", size)
                .param("offset", (long) page * size)
                .query((rs, row) -> candidate(rs).view())
                .list();
        return new CandidateView.Page(items, countCandidates(status, user));
    }

    long countCandidates(CandidateStatus status, UserAccount user) {
        return BranchScope.bind(jdbc.sql("SELECT COUNT(*)" + CANDIDATES_IN_SCOPE), user)
                .param("status", status.name())
                .query(Long.class).single();
    }

    /** Every candidate {@link #candidates} finds, newest first, streamed from the database. */
    void forEachCandidate(CandidateStatus status, UserAccount user, Consumer<? super CandidateView> each) {
        StreamingJdbc.forEach(BranchScope.bind(streaming.sql(
                                "SELECT " + CANDIDATE_COLUMNS + CANDIDATES_IN_SCOPE + " ORDER BY ic.id DESC"), user)
                        .param("status", status.name()),
                (rs, row) -> candidate(rs).view(), each);
    }

    /** The candidate, locked until the transaction ends. */
    java.util.Optional<CandidateRow> lockCandidate(long id) {
        return jdbc.sql("""
                        SELECT %s
                          FROM identity_candidate ic
                          JOIN customer ca ON ca.id = ic.customer_id_a
                          JOIN customer cb ON cb.id = ic.customer_id_b
                         WHERE ic.id = :id FOR UPDATE""".formatted(CANDIDATE_COLUMNS))
                .param("id", id)
                .query((rs, row) -> candidate(rs))
                .optional();
    }

    void decideCandidate(long id, CandidateStatus status, String user, Instant at, @Nullable String note) {
        jdbc.sql("""
                        UPDATE identity_candidate SET status = :status, decided_by = :user, decided_at = :at, note = :note
                         WHERE id = :id""")
                .param("status", status.name()).param("user", user)
                .param("at", LocalDateTime.ofInstant(at, ZoneOffset.UTC)).param("note", note).param("id", id)
                .update();
    }

    /** Records what a person decided about two records (replacing what was decided before about them). */
    void saveDecision(IdentityRecord x, IdentityRecord y, Linker.Decision.Kind kind, String user, Instant at,
                      @Nullable String reason) {
        IdentityRecord a = x.customerId() < y.customerId() ? x : y;
        IdentityRecord b = a == x ? y : x;
        jdbc.sql("""
                        INSERT INTO identity_decision (customer_id_a, customer_id_b, kind, keys_a, keys_b, decided_by, decided_at, reason)
                        VALUES (:a, :b, :kind, :keysA, :keysB, :user, :at, :reason)
                        ON DUPLICATE KEY UPDATE kind = VALUES(kind), keys_a = VALUES(keys_a), keys_b = VALUES(keys_b),
                            decided_by = VALUES(decided_by), decided_at = VALUES(decided_at), reason = VALUES(reason)""")
                .param("a", a.customerId()).param("b", b.customerId()).param("kind", kind.name())
                .param("keysA", a.keysDigest()).param("keysB", b.keysDigest()).param("user", user)
                .param("at", LocalDateTime.ofInstant(at, ZoneOffset.UTC)).param("reason", reason)
                .update();
    }

    /** Gives a record a party of its own with this new number (a record split off, DESIGN.md section 10). */
    void moveToNewParty(long customerId, long partyNo, Instant at) {
        jdbc.sql("""
                        UPDATE party_member SET party_no = :party, primary_customer_id = customer_id, records = 1, link = 'ALONE',
                               evidence = NULL, linked_at = :at
                         WHERE customer_id = :id""")
                .param("party", partyNo).param("at", LocalDateTime.ofInstant(at, ZoneOffset.UTC)).param("id", customerId)
                .update();
    }

    private static CandidateRow candidate(ResultSet rs) throws SQLException {
        LocalDateTime decided = rs.getObject("decided_at", LocalDateTime.class);
        CandidateView view = new CandidateView(rs.getLong("id"), rs.getString("no_a"), rs.getString("no_b"),
                List.copyOf(evidenceOf(rs.getString("evidence"))), rs.getString("rule"),
                CandidateStatus.valueOf(rs.getString("status")),
                rs.getObject("created_at", LocalDateTime.class).toInstant(ZoneOffset.UTC), rs.getString("decided_by"),
                decided == null ? null : decided.toInstant(ZoneOffset.UTC), rs.getString("note"));
        return new CandidateRow(view, rs.getLong("customer_id_a"), rs.getLong("customer_id_b"), rs.getString("branch_a"),
                rs.getString("branch_b"));
    }
}
