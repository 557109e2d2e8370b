package io.decisioning.service.assessment;

import io.decisioning.service.identity.MatchKeys;
import io.decisioning.service.system.BulkSql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Who is evaluated: the rows of the CRM's customer table a {@link Selection} names, with what every
 * evaluation needs of them (number, type, branch and identity keys), what is stored about them (their
 * current assessment's hashes) and the {@link CustomerColumns} of the fact sources, all in one
 * statement. Nothing is locked: the CRM's rows never are, and the assessment is locked only where it
 * is to be rewritten ({@link AssessmentRepository#lock}).
 */
@Repository
class SubjectRepository {

    private static final String COLUMNS = """
            c.id, c.customer_no, c.customer_type, c.branch_code, c.id_type, c.id_number, c.name, c.birth_date, c.phone,
            a.outcome_hash, a.content_hash, a.match_keys_hash, pm.party_no, pm.primary_customer_id,
            CASE WHEN pm.records > 1 THEN (SELECT pc.customer_no FROM customer pc WHERE pc.id = pm.primary_customer_id)
            END AS primary_customer_no, pm.records AS party_records, pm.candidates AS party_candidates""";

    private final JdbcClient jdbc;

    SubjectRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The selected customers that exist, by ascending id, with their stored hashes and the sources' columns. */
    Read read(Selection selection, LocalDate asOf, List<CustomerColumns> sourceColumns) {
        StringBuilder sql = new StringBuilder("SELECT ").append(COLUMNS);
        Map<String, Object> params = new HashMap<>();
        for (CustomerColumns columns : sourceColumns) {
            sql.append(",\n").append(columns.columns());
            params.putAll(columns.params());
        }
        // the primary record's number is looked up for the few records in a party of several (a record alone is its own)
        sql.append("\n  FROM customer c LEFT JOIN assessment a ON a.customer_id = c.id LEFT JOIN party_member pm ON pm.customer_id = c.id");
        for (CustomerColumns columns : sourceColumns) {
            if (!columns.join().isEmpty()) {
                sql.append("\n  ").append(columns.join());
            }
        }
        if (selection.range() != null) {
            sql.append("\n WHERE c.id BETWEEN :fromId AND :toId");
            params.put("fromId", selection.range().fromId());
            params.put("toId", selection.range().toId());
        } else if (selection.customerNo() != null) {
            sql.append("\n WHERE (c.customer_no = :customerNo");
            params.put("customerNo", selection.customerNo());
        } else {
            BulkSql.IdCondition ids = BulkSql.ids("c.id", selection.ids(), "id");
            sql.append("\n WHERE (").append(ids.sql());
            params.putAll(ids.params());
        }
        if (selection.range() == null) {
            if (!selection.also().isEmpty()) {
                BulkSql.IdCondition also = BulkSql.ids("c.id", selection.also(), "also");
                sql.append(" OR ").append(also.sql());
                params.putAll(also.params());
            }
            sql.append(')');
        }
        sql.append("\n ORDER BY c.id");
        Facts facts = new Facts();
        Map<Long, AssessmentRepository.StoredHashes> stored = new HashMap<>();
        Map<Long, String> keyDigests = new HashMap<>();
        jdbc.sql(sql.toString())
                .params(params)
                .query((RowCallbackHandler) rs -> {
                    AssessmentRepository.StoredHashes hashes = AssessmentRepository.storedHashes(rs);
                    MatchKeys keys = keys(rs);
                    String keyDigest = AssessmentRepository.matchKeysHash(keys);
                    // what an applicant stated is about the customer the check named, not the rest of its party
                    MatchKeys stated = selection.stated() != null && rs.getString("customer_no").equals(selection.customerNo())
                            ? selection.stated() : null;
                    Subject subject = subject(rs, keys, stated, hashes != null && hashes.hasMatchKeys(keyDigest), party(rs));
                    facts.add(subject);
                    keyDigests.put(subject.customerId(), keyDigest);
                    if (hashes != null) {
                        stored.put(subject.customerId(), hashes);
                    }
                    for (CustomerColumns columns : sourceColumns) {
                        columns.reader().read(rs, subject, facts);
                    }
                });
        List<Subject> read = facts.subjects();
        Map<Long, List<Party.Member>> parties = parties(read);
        Subjects subjects = new Subjects(read, asOf, selection.range(), parties);
        for (Subject subject : read) {
            List<Party.Member> members = subjects.membersOf(subject);
            facts.profile(subject).party(members.size(),
                    (int) members.stream().map(Party.Member::branchCode).distinct().count(),
                    members.stream().mapToInt(Party.Member::candidates).sum());
        }
        return new Read(subjects, stored, keyDigests, facts);
    }

    /**
     * The records of the subjects' parties of more than one record, by party number, in one statement; none
     * (and no statement) when every subject is alone, as most are.
     */
    private Map<Long, List<Party.Member>> parties(List<Subject> subjects) {
        Set<Long> partyNos = new TreeSet<>();
        for (Subject subject : subjects) {
            if (subject.inLargerParty()) {
                partyNos.add(subject.party().partyNo());
            }
        }
        if (partyNos.isEmpty()) {
            return Map.of();
        }
        Map<Long, List<Party.Member>> parties = new HashMap<>();
        jdbc.sql("""
                        SELECT m.party_no, m.candidates, c.id, c.customer_no, c.branch_code, c.id_type, c.id_number, c.name,
                               c.birth_date, c.phone
                          FROM party_member m JOIN customer c ON c.id = m.customer_id
                         WHERE m.party_no IN (:parties)
                         ORDER BY m.party_no, c.id""")
                .param("parties", List.copyOf(partyNos))
                .query((RowCallbackHandler) rs -> parties.computeIfAbsent(rs.getLong("party_no"), p -> new ArrayList<>())
                        .add(new Party.Member(rs.getLong("id"), rs.getString("customer_no"), rs.getString("branch_code"),
                                keys(rs), rs.getInt("candidates"))));
        return parties;
    }

    /** The customer with this number, if there is one. */
    Optional<Subject> byCustomerNo(String customerNo) {
        return jdbc.sql("""
                        SELECT c.id, c.customer_no, c.customer_type, c.branch_code, c.id_type, c.id_number, c.name,
                               c.birth_date, c.phone
                          FROM customer c WHERE c.customer_no = :customerNo""")
                .param("customerNo", customerNo)
                .query((rs, row) -> subject(rs, keys(rs), null, false, null))
                .optional();
    }

    private static Subject subject(ResultSet rs, MatchKeys keys, @Nullable MatchKeys stated, boolean keysStored,
                                   @Nullable Party party) throws SQLException {
        return new Subject(rs.getLong("id"), rs.getString("customer_no"), rs.getString("customer_type"),
                rs.getString("branch_code"), keys, stated, keysStored, party);
    }

    private static @Nullable Party party(ResultSet rs) throws SQLException {
        long partyNo = rs.getLong("party_no");
        if (rs.wasNull()) {
            return null;
        }
        String primaryNo = rs.getString("primary_customer_no");
        return new Party(partyNo, rs.getLong("primary_customer_id"), primaryNo == null ? rs.getString("customer_no") : primaryNo,
                rs.getInt("party_records"), rs.getInt("party_candidates"));
    }

    private static MatchKeys keys(ResultSet rs) throws SQLException {
        return MatchKeys.of(rs.getString("id_type"), rs.getString("id_number"), rs.getString("name"),
                rs.getObject("birth_date", LocalDate.class), rs.getString("phone"));
    }

    /**
     * The customers read, the hashes of the current assessment of those who have one and the digest of each
     * one's current match keys ({@link AssessmentRepository#matchKeysHash}), by customer id, and the facts the
     * sources' columns gave.
     */
    record Read(Subjects subjects, Map<Long, AssessmentRepository.StoredHashes> stored, Map<Long, String> keyDigests,
                Facts facts) {
    }
}
