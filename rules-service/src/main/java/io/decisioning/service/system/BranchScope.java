package io.decisioning.service.system;

import org.springframework.jdbc.core.simple.JdbcClient.StatementSpec;

/**
 * The SQL of branch scope: a user sees customers of their branch and its sub-branches ("GD" sees "GD"
 * and "GD-SZ", not "GDX"); head office sees all (DESIGN.md section 6). {@link #visible} gives the
 * predicate on a customer table alias, {@link #bind} its parameters for a user; the LIKE pattern
 * escapes the branch code, so a code holding '%' or '_' matches only itself.
 */
public final class BranchScope {

    private BranchScope() {
    }

    /** The predicate on customer alias {@code c}'s branch, with parameters :scopeAll, :scopeBranch, :scopeSubBranches. */
    public static String visible(String customerAlias) {
        return "(:scopeAll OR %1$s.branch_code = :scopeBranch OR %1$s.branch_code LIKE :scopeSubBranches ESCAPE '!')"
                .formatted(customerAlias);
    }

    /** Binds the parameters of {@link #visible} for the user's branch. */
    public static StatementSpec bind(StatementSpec statement, UserAccount user) {
        String branch = user.branchCode();
        return statement
                .param("scopeAll", seesAll(user))
                .param("scopeBranch", branch)
                .param("scopeSubBranches", likePrefix(branch) + "-%");
    }

    /** Whether the user sees every branch (head office). */
    public static boolean seesAll(UserAccount user) {
        return UserAccount.HEAD_OFFICE.equals(user.branchCode());
    }

    /** A value escaped for a LIKE pattern with ESCAPE '!'. */
    public static String likePrefix(String value) {
        return value.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }
}
