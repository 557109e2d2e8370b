package io.decisioning.service.user;

import io.decisioning.rules.engine.Sentence;
import io.decisioning.service.audit.AuditTrail;
import io.decisioning.service.system.ConflictException;
import io.decisioning.service.system.InvalidInputException;
import io.decisioning.service.system.NotFoundException;
import io.decisioning.service.system.Role;
import io.decisioning.service.system.SignInOrigin;
import io.decisioning.service.system.UserAccount;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Users and their roles, stored in the database: the sign-in lookup behind HTTP Basic, and the
 * admin's use cases (add a user, change roles, branch or enabled, set a password). Every change is
 * audited in the same transaction, never with the password or its hash.
 *
 * <p>Changes take effect with the user's next request on every node: sign-ins read the user each
 * time and only the BCrypt check is cached, keyed by the stored hash (see the system package's
 * {@code VerifiedCredentialsCache}).
 */
@Service
public class UserService implements UserDetailsService {

    static final String TARGET_TYPE = "USER";

    private final UserRepository users;
    private final PasswordEncoder encoder;
    private final AuditTrail audit;
    private final Clock clock;

    UserService(UserRepository users, PasswordEncoder encoder, AuditTrail audit, Clock clock) {
        this.clock = clock;
        this.users = users;
        this.encoder = encoder;
        this.audit = audit;
    }

    /** The principal for a sign-in; Spring Security refuses it if it is disabled or the password is wrong. */
    @Override
    public UserDetails loadUserByUsername(String username) {
        return users.account(username).orElseThrow(() -> new UsernameNotFoundException("no such user"));
    }

    @Transactional(readOnly = true)
    List<User> list() {
        return users.list();
    }

    /** @throws NotFoundException if there is no such user */
    @Transactional(readOnly = true)
    User find(String username) {
        return users.find(username).orElseThrow(() -> notFound(username));
    }

    /**
     * Adds an enabled user.
     *
     * @throws InvalidInputException if the password is longer than BCrypt can use
     * @throws ConflictException     if a user of that name exists (enabled or not)
     */
    @Transactional
    User create(NewUser request, UserAccount actor) {
        String hash = hash(request.password());
        Set<Role> roles = EnumSet.copyOf(request.roles());
        if (!users.insert(request.username(), hash, roles, request.branchCode(), actor.getUsername(), now())) {
            throw new ConflictException(new Sentence("There is a user " + request.username() + " already.",
                    "用户 " + request.username() + " 已存在。"));
        }
        audit.record(actor.getUsername(), "USER_CREATE", TARGET_TYPE, request.username(),
                state(roles, request.branchCode(), true));
        return find(request.username());
    }

    /**
     * Replaces the user's roles, branch and enabled flag. Admins cannot disable themselves or take
     * ADMIN away from themselves: as only an enabled admin can change users, at least one (the one
     * acting) always remains, and nobody locks the service out of its own user management.
     *
     * @throws NotFoundException if there is no such user
     * @throws ConflictException if the admin would disable themselves or drop their own ADMIN role
     */
    @Transactional
    User update(String username, UpdateUserRequest request, UserAccount actor) {
        User before = users.lock(username).orElseThrow(() -> notFound(username));
        Set<Role> roles = EnumSet.copyOf(request.roles());
        boolean enabled = request.enabled();
        if (before.origin() != SignInOrigin.LOCAL
                && (!roles.equals(Set.copyOf(before.roles())) || !request.branchCode().equals(before.branchCode()))) {
            throw new ConflictException(new Sentence("The roles and branch of " + username + " come from the company's "
                    + "identity provider (" + before.origin() + ") at each sign-in: change them there. Here they can only "
                    + "be disabled or enabled.", "用户 " + username + " 的角色和机构在每次登录时取自公司的身份提供方（"
                    + before.origin() + "），请在那里修改；此处只能停用或启用。"));
        }
        if (actor.getUsername().equals(username)) {
            if (!enabled) {
                throw new ConflictException(new Sentence("You cannot disable yourself; another admin can.",
                        "不能停用自己的账号，请由其他管理员操作。"));
            }
            if (!roles.contains(Role.ADMIN)) {
                throw new ConflictException(new Sentence("You cannot remove the ADMIN role from yourself; another admin can.",
                        "不能移除自己的 ADMIN 角色，请由其他管理员操作。"));
            }
        }
        users.update(username, roles, request.branchCode(), enabled, actor.getUsername(), now());
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("from", state(before.roles(), before.branchCode(), before.enabled()));
        detail.put("to", state(roles, request.branchCode(), enabled));
        audit.record(actor.getUsername(), "USER_UPDATE", TARGET_TYPE, username, detail);
        return find(username);
    }

    /**
     * Sets a new password. The old one is refused from the user's next request on.
     *
     * @throws InvalidInputException if the password is longer than BCrypt can use
     * @throws NotFoundException     if there is no such user
     */
    @Transactional
    void changePassword(String username, String password, UserAccount actor) {
        String hash = hash(password);
        User user = users.lock(username).orElseThrow(() -> notFound(username));
        refuseDirectoryPassword(user.username(), user.origin());
        users.changePassword(username, hash, actor.getUsername(), now());
        users.clearFailures(username);
        audit.record(actor.getUsername(), "USER_PASSWORD", TARGET_TYPE, username, Map.of());
    }

    /**
     * The signed-in user changes their own password, giving the one they have: 400 naming {@code currentPassword}
     * when it is not, {@code newPassword} when the new one is the same. The old password is refused from their next
     * request on.
     */
    @Transactional
    void changeOwnPassword(UserAccount user, String currentPassword, String newPassword) {
        refuseDirectoryPassword(user.getUsername(), user.origin());
        if (!encoder.matches(currentPassword, user.getPassword())) {
            throw new InvalidInputException("currentPassword", new Sentence("is not your current password", "不是您当前的密码"));
        }
        if (newPassword.equals(currentPassword)) {
            throw new InvalidInputException("newPassword", new Sentence("is your current password: choose another",
                    "与当前密码相同，请另选一个"));
        }
        String hash = hashOf("newPassword", newPassword);
        users.lock(user.getUsername()).orElseThrow(() -> notFound(user.getUsername()));
        users.changePassword(user.getUsername(), hash, user.getUsername(), now());
        audit.record(user.getUsername(), "USER_PASSWORD", TARGET_TYPE, user.getUsername(), Map.of("own", true));
    }

    /** A directory user's password is the identity provider's: the service keeps none to change. */
    private static void refuseDirectoryPassword(String username, SignInOrigin origin) {
        if (origin != SignInOrigin.LOCAL) {
            throw new ConflictException(new Sentence("The password of " + username + " is kept by the company's identity "
                    + "provider (" + origin + "): change it there.", "用户 " + username + " 的密码由公司的身份提供方（"
                    + origin + "）管理，请在那里修改。"));
        }
    }

    /** An administrator lets a locked-out user sign in again before the lock ends (and their count starts again). */
    @Transactional
    void unlock(String username, UserAccount admin) {
        User user = users.lock(username).orElseThrow(() -> notFound(username));
        users.clearFailures(username);
        audit.record(admin.getUsername(), "USER_UNLOCK", TARGET_TYPE, username, Map.of("failedSignIns", user.failedSignIns(),
                "lockedUntil", user.lockedUntil() == null ? "" : user.lockedUntil().toString()));
    }

    /**
     * Adds those of the given users that do not exist, all with the same password; an existing user
     * is left as it is (a changed password or role stays changed). Safe when several nodes start at
     * once: a user another node added in between is skipped.
     *
     * @return the names of the users added
     */
    @Transactional
    public List<String> addMissing(Map<String, Set<Role>> wanted, String password, String branchCode, String by) {
        List<String> missing = wanted.keySet().stream().filter(name -> users.find(name).isEmpty()).toList();
        if (missing.isEmpty()) {
            return List.of();
        }
        String hash = encoder.encode(password);
        Instant now = now();
        List<String> added = new ArrayList<>();
        for (String name : missing) {
            if (users.insert(name, hash, wanted.get(name), branchCode, by, now)) {
                Map<String, Object> detail = state(wanted.get(name), branchCode, true);
                detail.put("demo", true);
                audit.record(by, "USER_CREATE", TARGET_TYPE, name, detail);
                added.add(name);
            }
        }
        return added;
    }

    /**
     * Adds the first administrator (role ADMIN, branch HQ) when no enabled administrator exists and no
     * user has the name; audited as {@code by}. Safe when several nodes start at once.
     *
     * @return whether the user was added
     */
    @Transactional
    boolean addFirstAdmin(String username, String password, String by) {
        if (users.anyEnabledWith(Role.ADMIN) || users.find(username).isPresent()) {
            return false;
        }
        String hash = hash(password);
        Set<Role> roles = Set.of(Role.ADMIN);
        if (!users.insert(username, hash, roles, UserAccount.HEAD_OFFICE, by, now())) {
            return false;
        }
        Map<String, Object> detail = state(roles, UserAccount.HEAD_OFFICE, true);
        detail.put("bootstrap", true);
        audit.record(by, "USER_CREATE", TARGET_TYPE, username, detail);
        return true;
    }

    /** Whether an enabled administrator exists. */
    boolean hasEnabledAdmin() {
        return users.anyEnabledWith(Role.ADMIN);
    }

    /**
     * The BCrypt hash of a new password, once it fits: BCrypt reads at most 72 bytes, and Spring
     * Security refuses longer passwords rather than ignore the rest. The length in characters is
     * checked on the request; this checks the bytes of non-ASCII passwords.
     */
    private String hash(String password) {
        return hashOf("password", password);
    }

    private String hashOf(String field, String password) {
        if (password.getBytes(StandardCharsets.UTF_8).length > User.MAX_PASSWORD_BYTES) {
            throw new InvalidInputException(field, new Sentence("must be at most " + User.MAX_PASSWORD_BYTES + " bytes in UTF-8",
                    "UTF-8 编码后不得超过 " + User.MAX_PASSWORD_BYTES + " 字节"));
        }
        return encoder.encode(password);
    }

    /** What the audit trail records of a user: never the password or its hash. */
    static Map<String, Object> state(Collection<Role> roles, String branchCode, boolean enabled) {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("roles", roles.stream().sorted().map(Role::name).toList());
        state.put("branchCode", branchCode);
        state.put("enabled", enabled);
        return state;
    }

    private static NotFoundException notFound(String username) {
        return new NotFoundException(new Sentence("There is no user " + username + ".", "用户 " + username + " 不存在。"));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
