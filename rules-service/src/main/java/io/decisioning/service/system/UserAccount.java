package io.decisioning.service.system;

import java.time.Instant;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/**
 * A signed-in user: name, roles and the branch whose subtree of customers they may see. A disabled
 * account is refused at sign-in ({@link #isEnabled()}, checked by Spring Security before the password).
 */
public final class UserAccount implements UserDetails {

    public static final String HEAD_OFFICE = "HQ";

    private final String username;
    private final String passwordHash;
    private final Set<Role> roles;
    private final String branchCode;
    private final boolean enabled;
    private final String storedRoles;
    private final int failedSignIns;
    private final @Nullable Instant lockedUntil;
    private final SignInOrigin origin;

    /** An enabled account. */
    public UserAccount(String username, String passwordHash, Set<Role> roles, String branchCode) {
        this(username, passwordHash, roles, branchCode, true);
    }

    public UserAccount(String username, String passwordHash, Set<Role> roles, String branchCode, boolean enabled) {
        this(username, passwordHash, roles, branchCode, enabled, String.join(",", roles.stream().map(Role::name).sorted().toList()));
    }

    /**
     * @param storedRoles the roles as the user's row holds them, so that a request can tell in a statement
     *                    whether the row still is as it was read ({@link SignIn})
     */
    public UserAccount(String username, String passwordHash, Set<Role> roles, String branchCode, boolean enabled,
                       String storedRoles) {
        this(username, passwordHash, roles, branchCode, enabled, storedRoles, 0, null);
    }

    /**
     * @param failedSignIns wrong passwords in a row before this sign-in
     * @param lockedUntil   until when the user is locked out after too many, if they were
     */
    public UserAccount(String username, String passwordHash, Set<Role> roles, String branchCode, boolean enabled,
                       String storedRoles, int failedSignIns, @Nullable Instant lockedUntil) {
        this(username, passwordHash, roles, branchCode, enabled, storedRoles, failedSignIns, lockedUntil, SignInOrigin.LOCAL);
    }

    /** @param origin where the user's sign-in is checked: here, or by the company's identity provider */
    public UserAccount(String username, String passwordHash, Set<Role> roles, String branchCode, boolean enabled,
                       String storedRoles, int failedSignIns, @Nullable Instant lockedUntil, SignInOrigin origin) {
        this.origin = Objects.requireNonNull(origin, "origin");
        this.failedSignIns = failedSignIns;
        this.lockedUntil = lockedUntil;
        this.username = Objects.requireNonNull(username, "username");
        this.passwordHash = Objects.requireNonNull(passwordHash, "passwordHash");
        this.roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
        this.branchCode = Objects.requireNonNull(branchCode, "branchCode");
        this.enabled = enabled;
        this.storedRoles = Objects.requireNonNull(storedRoles, "storedRoles");
    }

    /** Wrong passwords in a row before this sign-in. */
    public int failedSignIns() {
        return failedSignIns;
    }

    /** Until when the user is locked out after too many wrong passwords; null when they never were. */
    public @Nullable Instant lockedUntil() {
        return lockedUntil;
    }

    /** Where the user's sign-in is checked: here (a password of the service's own) or by the identity provider. */
    public SignInOrigin origin() {
        return origin;
    }

    /** The roles column of the user's row as it was read. */
    String storedRoles() {
        return storedRoles;
    }

    public Set<Role> roles() {
        return roles;
    }

    public String branchCode() {
        return branchCode;
    }

    /**
     * A user sees customers of their branch and its sub-branches ("GD" sees "GD" and "GD-SZ", not
     * "GDX"); head office sees all.
     */
    public boolean canSee(String customerBranch) {
        return HEAD_OFFICE.equals(branchCode) || customerBranch.equals(branchCode)
                || customerBranch.startsWith(branchCode + "-");
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return roles.stream().map(role -> new SimpleGrantedAuthority("ROLE_" + role.name())).toList();
    }

    @Override
    public String getPassword() {
        return passwordHash;
    }

    @Override
    public String getUsername() {
        return username;
    }

    @Override
    public boolean isEnabled() {
        return enabled;
    }
}
