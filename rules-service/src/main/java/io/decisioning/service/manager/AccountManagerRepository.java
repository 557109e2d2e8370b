package io.decisioning.service.manager;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The register of account managers (V23 {@code account_manager}), and the CRM records that name each of them. */
@Repository
class AccountManagerRepository {

    private static final String SELECT = """
            SELECT m.code, m.name, m.branch_code, m.level, m.capacity, m.status, m.qualified_until,
                   (SELECT COUNT(*) FROM customer c WHERE c.account_manager = m.code) AS customers
              FROM account_manager m""";

    private final JdbcClient jdbc;

    AccountManagerRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The managers of a branch's subtree (all for null), optionally of one status, by branch and code. */
    List<AccountManager> list(@Nullable String branch, @Nullable ManagerState status) {
        return jdbc.sql(SELECT + "\n WHERE (:branch IS NULL OR m.branch_code = :branch OR m.branch_code LIKE :subBranches ESCAPE '!')"
                        + "\n   AND (:status IS NULL OR m.status = :status) ORDER BY m.branch_code, m.code")
                .param("branch", branch)
                .param("subBranches", branch == null ? null : io.decisioning.service.system.BranchScope.likePrefix(branch) + "-%")
                .param("status", status == null ? null : status.name())
                .query((rs, n) -> manager(rs))
                .list();
    }

    private static AccountManager manager(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new AccountManager(rs.getString("code"), rs.getString("name"), rs.getString("branch_code"),
                ManagerLevel.valueOf(rs.getString("level")), rs.getInt("capacity"), ManagerState.valueOf(rs.getString("status")),
                rs.getObject("qualified_until", LocalDate.class), rs.getLong("customers"));
    }

    Optional<AccountManager> find(String code) {
        return jdbc.sql(SELECT + " WHERE m.code = :code")
                .param("code", code)
                .query((rs, n) -> manager(rs))
                .optional();
    }

    /** Locks the manager's row for a change, in the caller's transaction. */
    boolean lock(String code) {
        return jdbc.sql("SELECT code FROM account_manager WHERE code = :code FOR UPDATE").param("code", code)
                .query(String.class).optional().isPresent();
    }

    /** Adds a manager; false when the code is taken. */
    boolean insert(String code, ManagerRequest m, ManagerState status, String by, LocalDateTime now) {
        return bind(jdbc.sql("""
                        INSERT IGNORE INTO account_manager (code, name, branch_code, level, capacity, status, qualified_until,
                            created_at, created_by, updated_at, updated_by)
                        VALUES (:code, :name, :branch, :level, :capacity, :status, :qualifiedUntil, :now, :by, :now, :by)"""),
                code, m, status, by, now).update() == 1;
    }

    void update(String code, ManagerRequest m, ManagerState status, String by, LocalDateTime now) {
        bind(jdbc.sql("""
                        UPDATE account_manager SET name = :name, branch_code = :branch, level = :level, capacity = :capacity,
                               status = :status, qualified_until = :qualifiedUntil, updated_at = :now, updated_by = :by
                         WHERE code = :code"""), code, m, status, by, now).update();
    }

    /** The parameters of a manager's row as {@link #insert} and {@link #update} write it. */
    private static JdbcClient.StatementSpec bind(JdbcClient.StatementSpec statement, String code, ManagerRequest m,
                                                 ManagerState status, String by, LocalDateTime now) {
        return statement.param("code", code)
                .param("name", m.name())
                .param("branch", m.branchCode())
                .param("level", m.level().name())
                .param("capacity", m.capacity())
                .param("status", status.name())
                .param("qualifiedUntil", m.qualifiedUntil())
                .param("now", now)
                .param("by", by);
    }

    /**
     * Whether the branch is one the service knows: head office, a branch (or a parent of one) that CRM customers, users
     * or managers are kept at.
     */
    boolean branchKnown(String branch) {
        if (branch.equals(io.decisioning.service.system.UserAccount.HEAD_OFFICE)) {
            return true;
        }
        String sub = io.decisioning.service.system.BranchScope.likePrefix(branch) + "-%";
        return jdbc.sql("""
                        SELECT EXISTS (SELECT 1 FROM customer WHERE branch_code = :branch OR branch_code LIKE :sub ESCAPE '!')
                            OR EXISTS (SELECT 1 FROM app_user WHERE branch_code = :branch)
                            OR EXISTS (SELECT 1 FROM account_manager WHERE branch_code = :branch)""")
                .param("branch", branch)
                .param("sub", sub)
                .query(Boolean.class)
                .single();
    }

    /** The numbers of the CRM records that name the manager. */
    List<String> customersOf(String code) {
        return jdbc.sql("SELECT customer_no FROM customer WHERE account_manager = :code ORDER BY id")
                .param("code", code)
                .query(String.class)
                .list();
    }
}
