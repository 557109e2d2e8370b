package io.decisioning.service.manager;

import io.decisioning.service.export.StreamingJdbc;
import io.decisioning.service.system.BranchScope;
import io.decisioning.service.system.BulkSql;
import io.decisioning.service.system.UserAccount;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Assignment proposals (V23 {@code assignment_proposal}) and what planning them reads: needs, candidates, parties. */
@Repository
class ProposalRepository {

    /**
     * A record as planning reads it (its manager as the register knows them, its tier, its party of several), when it
     * has no open proposal; the caller's conditions follow the final {@code AND}.
     */
    private static final String NEEDING = """
            SELECT c.id, c.customer_no, c.branch_code, c.account_manager, a.tier, m.status AS manager_status,
                   m.level AS manager_level, pm.party_no
              FROM customer c
              LEFT JOIN assessment a ON a.customer_id = c.id
              LEFT JOIN account_manager m ON m.code = c.account_manager
              LEFT JOIN party_member pm ON pm.customer_id = c.id AND pm.records > 1
             WHERE NOT EXISTS (SELECT 1 FROM assignment_proposal p WHERE p.open_customer_id = c.id)
               AND\s""";

    /**
     * The VIP records whose own manager is not an ACTIVE manager of the tier's level, without an open proposal: what
     * the nightly run proposes for, and (when nothing is possible) the unplaced list.
     */
    private static final String VIP_NEEDS = NEEDING + """
            a.vip = TRUE
               AND (m.code IS NULL OR m.status <> 'ACTIVE'
                    OR a.tier = 'PLATINUM' AND m.level NOT IN ('SENIOR', 'PRINCIPAL')
                    OR a.tier = 'GOLD' AND m.level IN ('TRAINEE', 'JUNIOR'))""";

    private static final String SELECT = """
            SELECT p.id, p.customer_no, p.from_manager, p.to_manager, p.reason, p.status, p.created_at, p.decided_by,
                   p.decided_at, p.note, c.branch_code
              FROM assignment_proposal p JOIN customer c ON c.id = p.customer_id""";

    /** The proposals of one status (or all, for a null one) whose customer the caller may see. */
    private static final String OF_STATUS_IN_SCOPE = " WHERE (:status IS NULL OR p.status = :status) AND " + BranchScope.visible("c");

    private final JdbcClient jdbc;
    private final JdbcClient streaming;
    private final NamedParameterJdbcTemplate batch;

    ProposalRepository(JdbcClient jdbc, StreamingJdbc streaming, NamedParameterJdbcTemplate batch) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.streaming = streaming.client();
    }

    /** A record that needs a manager, as read for planning. */
    record Needing(long customerId, String customerNo, String branchCode, @Nullable String manager, @Nullable String tier,
                   @Nullable ManagerState managerStatus, @Nullable ManagerLevel managerLevel, @Nullable Long partyNo) {
    }

    /** The VIP records that need a manager and have no open proposal, within the user's scope (all for null). */
    List<Needing> vipNeeds(@Nullable UserAccount user) {
        String sql = VIP_NEEDS + (user == null ? "" : " AND " + BranchScope.visible("c")) + " ORDER BY c.id";
        JdbcClient.StatementSpec statement = jdbc.sql(sql);
        if (user != null) {
            statement = BranchScope.bind(statement, user);
        }
        return statement.query((rs, n) -> needing(rs)).list();
    }

    /** Every record the manager looks after (the CRM names them), with its tier, without an open proposal. */
    List<Needing> bookOf(String code) {
        return jdbc.sql(NEEDING + "c.account_manager = :code ORDER BY c.id")
                .param("code", code)
                .query((rs, n) -> needing(rs))
                .list();
    }

    /**
     * The VIP records of managers over capacity, the newest records first, as many per manager as they are over
     * (their load, as {@link #candidates} reads it, counts the open proposals to them), without an open proposal.
     */
    List<Needing> overCapacity(List<ProposalPlanner.Candidate> candidates) {
        List<Needing> needs = new ArrayList<>();
        Map<String, Integer> excess = new HashMap<>();
        for (ProposalPlanner.Candidate c : candidates) {
            if (c.load() > c.capacity()) {
                excess.put(c.code(), c.load() - c.capacity());
            }
        }
        for (Map.Entry<String, Integer> manager : excess.entrySet()) {
            needs.addAll(jdbc.sql(NEEDING + "a.vip = TRUE AND c.account_manager = :code ORDER BY c.id DESC LIMIT :excess")
                    .param("code", manager.getKey())
                    .param("excess", manager.getValue())
                    .query((rs, n) -> needing(rs))
                    .list());
        }
        return needs;
    }

    private static Needing needing(java.sql.ResultSet rs) throws java.sql.SQLException {
        String status = rs.getString("manager_status");
        String level = rs.getString("manager_level");
        return new Needing(rs.getLong("id"), rs.getString("customer_no"), rs.getString("branch_code"),
                rs.getString("account_manager"), rs.getString("tier"), status == null ? null : ManagerState.valueOf(status),
                level == null ? null : ManagerLevel.valueOf(level), rs.getObject("party_no", Long.class));
    }

    /** The ACTIVE managers with their load: the records naming them plus the open proposals to them. */
    List<ProposalPlanner.Candidate> candidates() {
        return jdbc.sql("""
                        SELECT m.code, m.branch_code, m.level, m.capacity,
                               (SELECT COUNT(*) FROM customer c WHERE c.account_manager = m.code)
                             + (SELECT COUNT(*) FROM assignment_proposal p WHERE p.to_manager = m.code
                                   AND p.status IN ('PENDING', 'ACCEPTED')) AS mgr_load
                          FROM account_manager m WHERE m.status = 'ACTIVE'""")
                .query((rs, n) -> new ProposalPlanner.Candidate(rs.getString("code"), rs.getString("branch_code"),
                        ManagerLevel.valueOf(rs.getString("level")), rs.getInt("capacity"), rs.getInt("mgr_load")))
                .list();
    }

    /** The managers the records of these parties name, by party. */
    Map<Long, Set<String>> partyManagers(Collection<Long> partyNos) {
        Map<Long, Set<String>> managers = new HashMap<>();
        if (partyNos.isEmpty()) {
            return managers;
        }
        BulkSql.IdCondition parties = BulkSql.ids("pm.party_no", partyNos, "pp");
        jdbc.sql("SELECT pm.party_no, c.account_manager FROM party_member pm JOIN customer c ON c.id = pm.customer_id"
                        + " WHERE c.account_manager IS NOT NULL AND " + parties.sql())
                .params(parties.params())
                .query((RowCallbackHandler) rs -> managers.computeIfAbsent(rs.getLong(1), p -> new HashSet<>())
                        .add(rs.getString(2)));
        return managers;
    }

    /** The managers each customer's earlier proposals were rejected for: never proposed to them again. */
    Map<Long, Set<String>> rejected(Collection<Long> customerIds) {
        Map<Long, Set<String>> rejected = new HashMap<>();
        if (customerIds.isEmpty()) {
            return rejected;
        }
        BulkSql.IdCondition customers = BulkSql.ids("customer_id", customerIds, "rc");
        jdbc.sql("SELECT customer_id, to_manager FROM assignment_proposal WHERE status = 'REJECTED' AND " + customers.sql())
                .params(customers.params())
                .query((RowCallbackHandler) rs -> rejected.computeIfAbsent(rs.getLong(1), c -> new HashSet<>())
                        .add(rs.getString(2)));
        return rejected;
    }

    /** Stores PENDING proposals: customer id, number, from, to, reason. */
    void insert(List<Object[]> proposals, LocalDateTime now) {
        if (proposals.isEmpty()) {
            return;
        }
        List<Object[]> rows = new ArrayList<>(proposals.size());
        for (Object[] p : proposals) {
            rows.add(new Object[] {p[0], p[1], p[2], p[3], p[4], ProposalStatus.PENDING.name(), now});
        }
        BulkSql.insert(batch.getJdbcOperations(), """
                INSERT INTO assignment_proposal (customer_id, customer_no, from_manager, to_manager, reason, status, created_at)
                VALUES\s""", 7, "", rows);
    }

    /**
     * Rejects the open proposals to a manager who is leaving, as the service ({@code system}); answers the customers
     * and reasons they were for.
     */
    Map<Long, ProposalReason> withdrawTo(String code, LocalDateTime now) {
        Map<Long, ProposalReason> withdrawn = new HashMap<>();
        jdbc.sql("SELECT customer_id, reason FROM assignment_proposal WHERE to_manager = :code AND status IN ('PENDING', 'ACCEPTED')"
                        + " FOR UPDATE")
                .param("code", code)
                .query((RowCallbackHandler) rs -> withdrawn.put(rs.getLong(1), ProposalReason.valueOf(rs.getString(2))));
        jdbc.sql("""
                        UPDATE assignment_proposal SET status = 'REJECTED', decided_by = 'system', decided_at = :now,
                               note = 'withdrawn: the manager left'
                         WHERE to_manager = :code AND status IN ('PENDING', 'ACCEPTED')""")
                .param("code", code).param("now", now).update();
        return withdrawn;
    }

    /** The records these ids are, as {@link Needing} (for proposing again), without an open proposal. */
    List<Needing> records(Collection<Long> customerIds) {
        if (customerIds.isEmpty()) {
            return List.of();
        }
        BulkSql.IdCondition customers = BulkSql.ids("c.id", customerIds, "wc");
        return jdbc.sql(NEEDING + customers.sql() + " ORDER BY c.id")
                .params(customers.params())
                .query((rs, n) -> needing(rs))
                .list();
    }

    /** Marks APPLIED the open proposals whose manager the CRM now names for their customer; answers how many. */
    int markApplied(LocalDateTime now) {
        return jdbc.sql("""
                        UPDATE assignment_proposal p JOIN customer c ON c.id = p.customer_id
                           SET p.status = 'APPLIED', p.applied_at = :now
                         WHERE p.status IN ('PENDING', 'ACCEPTED') AND c.account_manager = p.to_manager""")
                .param("now", now)
                .update();
    }

    Optional<AssignmentProposal> find(long id) {
        return jdbc.sql(SELECT + " WHERE p.id = :id").param("id", id).query((rs, n) -> proposal(rs)).optional();
    }

    /** Locks the proposal for a decision, answering its status. */
    Optional<ProposalStatus> lockStatus(long id) {
        return jdbc.sql("SELECT status FROM assignment_proposal WHERE id = :id FOR UPDATE").param("id", id)
                .query(String.class).optional().map(ProposalStatus::valueOf);
    }

    void decide(long id, ProposalStatus status, String by, @Nullable String note, LocalDateTime now) {
        jdbc.sql("UPDATE assignment_proposal SET status = :status, decided_by = :by, decided_at = :now, note = :note WHERE id = :id")
                .param("id", id).param("status", status.name()).param("by", by).param("now", now).param("note", note)
                .update();
    }

    /** A page of proposals of the user's branch scope, of one status or all, newest first; and the total. */
    List<AssignmentProposal> page(@Nullable ProposalStatus status, UserAccount user, int page, int size) {
        return BranchScope.bind(jdbc.sql(SELECT + OF_STATUS_IN_SCOPE + " ORDER BY p.id DESC LIMIT :limit OFFSET :offset"), user)
                .param("status", status == null ? null : status.name())
                .param("limit", size)
                .param("offset", (long) page * size)
                .query((rs, n) -> proposal(rs))
                .list();
    }

    /** Every proposal {@link #page} finds, newest first, streamed from the database. */
    void forEach(@Nullable ProposalStatus status, UserAccount user, Consumer<? super AssignmentProposal> each) {
        StreamingJdbc.forEach(BranchScope.bind(streaming.sql(SELECT + OF_STATUS_IN_SCOPE + " ORDER BY p.id DESC"), user)
                .param("status", status == null ? null : status.name()), (rs, n) -> proposal(rs), each);
    }

    long count(@Nullable ProposalStatus status, UserAccount user) {
        return BranchScope.bind(jdbc.sql("SELECT COUNT(*) FROM assignment_proposal p JOIN customer c ON c.id = p.customer_id"
                                + OF_STATUS_IN_SCOPE), user)
                .param("status", status == null ? null : status.name())
                .query(Long.class)
                .single();
    }

    private static AssignmentProposal proposal(java.sql.ResultSet rs) throws java.sql.SQLException {
        LocalDateTime decidedAt = rs.getObject("decided_at", LocalDateTime.class);
        return new AssignmentProposal(rs.getLong("id"), rs.getString("customer_no"), rs.getString("from_manager"),
                rs.getString("to_manager"), ProposalReason.valueOf(rs.getString("reason")),
                ProposalStatus.valueOf(rs.getString("status")),
                rs.getObject("created_at", LocalDateTime.class).toInstant(ZoneOffset.UTC), rs.getString("decided_by"),
                decidedAt == null ? null : decidedAt.toInstant(ZoneOffset.UTC), rs.getString("note"),
                rs.getString("branch_code"));
    }
}
