package io.decisioning.service.system;

import java.util.Map;

/**
 * Proves, inside the statement that records what a request did, that its user is still as they were
 * signed in: enabled, with the same password, roles and branch. The requests that record something on
 * every call (a pre-bind check, an event posted alone) are signed in from a sign-in this node verified
 * moments ago ({@link RememberedSignIns}), without reading the user; their record is written only where
 * this condition holds, so a change to the user (on any node) takes effect with their next request all
 * the same. Such a record is {@code INSERT INTO t (...) SELECT ... FROM DUAL WHERE } + {@link #STILL_VALID};
 * when it inserts nothing, the caller throws {@link SignInChangedException} and the request is refused.
 */
public final class SignIn {

    /** The condition, with the parameters of {@link #params}. */
    public static final String STILL_VALID = """
            EXISTS (SELECT 1 FROM app_user signed_in
                     WHERE signed_in.username = :signedInUser AND signed_in.enabled = TRUE
                       AND signed_in.password_hash = :signedInHash AND signed_in.roles = :signedInRoles
                       AND signed_in.branch_code = :signedInBranch)""";

    private SignIn() {
    }

    /** The parameters of {@link #STILL_VALID} for this user as signed in. */
    public static Map<String, Object> params(UserAccount user) {
        return Map.of("signedInUser", user.getUsername(), "signedInHash", user.getPassword(),
                "signedInRoles", user.storedRoles(), "signedInBranch", user.branchCode());
    }
}
