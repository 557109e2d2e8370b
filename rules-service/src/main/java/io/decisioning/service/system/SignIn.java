package io.decisioning.service.system;

import java.sql.SQLException;
import java.util.Map;
import org.springframework.dao.DataIntegrityViolationException;

/**
 * Proves, inside the statement that records what a request did, that its user is still as they were
 * signed in: enabled, with the same password, roles and branch. The requests that record something on
 * every call (a pre-bind check, an event posted alone) are signed in from a sign-in this node verified
 * moments ago ({@link RememberedSignIns}), without reading the user; their record is written only where
 * the user is unchanged, so a change to the user (on any node) takes effect with their next request all
 * the same.
 *
 * <p>How: the record writes {@link #ifUnchanged ifUnchanged(value)} into one of its NOT NULL columns, a
 * subquery that is the value while the user is unchanged and NULL otherwise, which the database refuses
 * ("Column ... cannot be null"); {@link #refused} recognizes that refusal, and the caller throws
 * {@link SignInChangedException}: nothing is recorded and the request is refused. Not the plainer
 * {@code INSERT ... SELECT ... WHERE EXISTS}: MariaDB 11.4 writes its redo log durably at the end of
 * every {@code INSERT ... SELECT} (MDEV-35813), one fsync a request even with
 * {@code innodb_flush_log_at_trx_commit=2}.
 */
public final class SignIn {

    /** MySQL's and MariaDB's "Column '%s' cannot be null" (ER_BAD_NULL_ERROR). */
    private static final int COLUMN_CANNOT_BE_NULL = 1048;

    private SignIn() {
    }

    /**
     * An SQL expression: {@code value} (an SQL expression) while the signed-in user is unchanged, else
     * NULL. Takes the parameters of {@link #params}.
     */
    public static String ifUnchanged(String value) {
        return """
                (SELECT %s FROM app_user signed_in
                  WHERE signed_in.username = :signedInUser AND signed_in.enabled = TRUE
                    AND signed_in.password_hash = :signedInHash AND signed_in.roles = :signedInRoles
                    AND signed_in.branch_code = :signedInBranch)""".formatted(value);
    }

    /** The parameters of {@link #ifUnchanged} for this user as signed in. */
    public static Map<String, Object> params(UserAccount user) {
        return Map.of("signedInUser", user.getUsername(), "signedInHash", user.getPassword(),
                "signedInRoles", user.storedRoles(), "signedInBranch", user.branchCode());
    }

    /** Whether the database refused a record because {@code column}, written with {@link #ifUnchanged}, was NULL. */
    public static boolean refused(DataIntegrityViolationException e, String column) {
        return e.getMostSpecificCause() instanceof SQLException sql && sql.getErrorCode() == COLUMN_CANNOT_BE_NULL
                && String.valueOf(sql.getMessage()).contains("'" + column + "'");
    }
}
