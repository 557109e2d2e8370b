package io.decisioning.service.assessment;

import io.decisioning.service.identity.MatchKeys;
import io.decisioning.service.system.BulkSql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
            a.outcome_hash, a.content_hash, a.match_keys_hash""";

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
        sql.append("\n  FROM customer c LEFT JOIN assessment a ON a.customer_id = c.id");
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
            sql.append("\n WHERE c.customer_no = :customerNo");
            params.put("customerNo", selection.customerNo());
        } else {
            BulkSql.IdCondition ids = BulkSql.ids("c.id", selection.ids(), "id");
            sql.append("\n WHERE ").append(ids.sql());
            params.putAll(ids.params());
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
                    Subject subject = subject(rs, keys, selection.stated(), hashes != null && hashes.hasMatchKeys(keyDigest));
                    facts.add(subject);
                    keyDigests.put(subject.customerId(), keyDigest);
                    if (hashes != null) {
                        stored.put(subject.customerId(), hashes);
                    }
                    for (CustomerColumns columns : sourceColumns) {
                        columns.reader().read(rs, subject, facts);
                    }
                });
        return new Read(new Subjects(facts.subjects(), asOf, selection.range()), stored, keyDigests, facts);
    }

    /** The customer with this number, if there is one. */
    Optional<Subject> byCustomerNo(String customerNo) {
        return jdbc.sql("""
                        SELECT c.id, c.customer_no, c.customer_type, c.branch_code, c.id_type, c.id_number, c.name,
                               c.birth_date, c.phone
                          FROM customer c WHERE c.customer_no = :customerNo""")
                .param("customerNo", customerNo)
                .query((rs, row) -> subject(rs, keys(rs), null, false))
                .optional();
    }

    private static Subject subject(ResultSet rs, MatchKeys keys, @Nullable MatchKeys stated, boolean keysStored)
            throws SQLException {
        return new Subject(rs.getLong("id"), rs.getString("customer_no"), rs.getString("customer_type"),
                rs.getString("branch_code"), keys, stated, keysStored);
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
