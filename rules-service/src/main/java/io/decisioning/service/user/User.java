package io.decisioning.service.user;

import io.decisioning.service.system.Role;
import io.decisioning.service.system.SignInOrigin;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A user as the API shows it. It has no password or hash field, so no answer can carry one: the hash
 * only ever leaves the database as the sign-in principal ({@link UserRepository#account}).
 *
 * @param roles         in the order of {@link Role}
 * @param failedSignIns wrong passwords in a row since the last right one
 * @param lockedUntil   until when the user is (or was) locked out after too many; null when never
 * @param origin        where the user signs in: {@code LOCAL} with a password of the service's, {@code OIDC} or {@code LDAP}
 *                      through the company's identity provider, which gives their roles and branch
 */
record User(String username, List<Role> roles, String branchCode, boolean enabled,
            Instant createdAt, String createdBy, Instant updatedAt, String updatedBy,
            int failedSignIns, @Nullable Instant lockedUntil, SignInOrigin origin) {

    /** Lower-case letters first, then letters, digits, '.', '_' or '-'; 3 to 64 in all. */
    static final String USERNAME = "[a-z][a-z0-9._-]{2,63}";

    /**
     * Branch codes as the CRM writes them: upper-case letters and digits, sub-branches after '-'
     * ("HQ", "GD", "GD-SZ"). This also keeps out '%' and '_', which would be wildcards in the LIKE of
     * the branch scope.
     */
    static final String BRANCH_CODE = "[A-Z][A-Z0-9]{0,15}(-[A-Z0-9]{1,15}){0,3}";
    static final String BRANCH_CODE_MESSAGE = "must be upper-case letters and digits, with sub-branches after '-' (e.g. HQ, GD, GD-SZ)";

    /** For new and changed passwords; seeded demo users keep "demo". */
    static final int MIN_PASSWORD_LENGTH = 12;
    /** BCrypt uses at most 72 bytes (and Spring Security refuses longer passwords). */
    static final int MAX_PASSWORD_BYTES = 72;

    User {
        Objects.requireNonNull(username, "username");
        roles = roles.isEmpty() ? List.of() : List.copyOf(EnumSet.copyOf(roles));
        Objects.requireNonNull(branchCode, "branchCode");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(createdBy, "createdBy");
        Objects.requireNonNull(updatedAt, "updatedAt");
        Objects.requireNonNull(updatedBy, "updatedBy");
        Objects.requireNonNull(origin, "origin");
    }
}
