package io.decisioning.service.user;

import io.decisioning.service.system.DirectoryUser;
import io.decisioning.service.system.Role;
import io.decisioning.service.system.SignInOrigin;
import io.decisioning.service.system.UserAccount;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code app_user} table (V9): the users who may sign in, their BCrypt hash, roles (a
 * comma-separated list of {@link Role} names), branch and whether they are enabled. Users are never
 * deleted; disabling one keeps who did what in the audit trail readable.
 */
@Repository
class UserRepository {

    private static final Logger log = LoggerFactory.getLogger(UserRepository.class);

    /** Everything the API shows: never password_hash. */
    private static final String COLUMNS = """
            username, roles, branch_code, enabled, created_at, created_by, updated_at, updated_by, failed_sign_ins,
            locked_until, origin""";

    private final JdbcClient jdbc;

    UserRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The sign-in principal, with the hash; read on every authenticated request (a primary-key read). */
    Optional<UserAccount> account(String username) {
        return jdbc.sql("""
                        SELECT username, password_hash, roles, branch_code, enabled, failed_sign_ins, locked_until, origin
                          FROM app_user WHERE username = :username""")
                .param("username", username)
                .query((rs, row) -> new UserAccount(rs.getString("username"), rs.getString("password_hash"),
                        roles(rs.getString("roles")), rs.getString("branch_code"), rs.getBoolean("enabled"),
                        rs.getString("roles"), rs.getInt("failed_sign_ins"),
                        instantOrNull(rs.getObject("locked_until", LocalDateTime.class)), origin(rs.getString("origin"))))
                .optional();
    }

    /** Every user, by name. */
    List<User> list() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM app_user ORDER BY username")
                .query(UserRepository::user)
                .list();
    }

    Optional<User> find(String username) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM app_user WHERE username = :username")
                .param("username", username)
                .query(UserRepository::user)
                .optional();
    }

    /** The user, locked until the caller's transaction ends, so that two changes of one user apply in turn. */
    Optional<User> lock(String username) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM app_user WHERE username = :username FOR UPDATE")
                .param("username", username)
                .query(UserRepository::user)
                .optional();
    }

    /**
     * Adds an enabled user.
     *
     * @return false, and nothing changed, if a user of that name exists (whatever their password)
     */
    boolean insert(String username, String passwordHash, Set<Role> roles, String branchCode, String by, Instant at) {
        try {
            jdbc.sql("""
                            INSERT INTO app_user (username, password_hash, roles, branch_code, enabled,
                                                  created_at, created_by, updated_at, updated_by)
                            VALUES (:username, :hash, :roles, :branch, TRUE, :at, :by, :at, :by)
                            """)
                    .param("username", username)
                    .param("hash", passwordHash)
                    .param("roles", format(roles))
                    .param("branch", branchCode)
                    .param("at", utc(at))
                    .param("by", by)
                    .update();
            return true;
        } catch (DuplicateKeyException exists) {
            return false;
        }
    }

    /**
     * Adds a user the company's identity provider signed in for the first time (V28), enabled, with a password marker
     * no password matches.
     *
     * @return false, and nothing changed, if a user of that name exists
     */
    boolean insertDirectoryUser(DirectoryUser user, Instant at) {
        try {
            jdbc.sql("""
                            INSERT INTO app_user (username, password_hash, roles, branch_code, enabled,
                                                  created_at, created_by, updated_at, updated_by, origin)
                            VALUES (:username, :hash, :roles, :branch, TRUE, :at, :origin, :at, :origin, :origin)
                            """)
                    .param("username", user.username())
                    .param("hash", user.origin().passwordMarker())
                    .param("roles", format(user.roles()))
                    .param("branch", user.branchCode())
                    .param("at", utc(at))
                    .param("origin", user.origin().name())
                    .update();
            return true;
        } catch (DuplicateKeyException exists) {
            return false;
        }
    }

    /** The roles and branch the identity provider now gives a user of theirs; whether they are enabled stays as it is. */
    void updateDirectoryUser(DirectoryUser user, Instant at) {
        jdbc.sql("""
                        UPDATE app_user
                           SET roles = :roles, branch_code = :branch, origin = :origin, password_hash = :hash,
                               updated_at = :at, updated_by = :origin
                         WHERE username = :username AND origin <> 'LOCAL'
                        """)
                .param("username", user.username())
                .param("roles", format(user.roles()))
                .param("branch", user.branchCode())
                .param("origin", user.origin().name())
                .param("hash", user.origin().passwordMarker())
                .param("at", utc(at))
                .update();
    }

    void update(String username, Set<Role> roles, String branchCode, boolean enabled, String by, Instant at) {
        jdbc.sql("""
                        UPDATE app_user
                           SET roles = :roles, branch_code = :branch, enabled = :enabled, updated_at = :at, updated_by = :by
                         WHERE username = :username
                        """)
                .param("username", username)
                .param("roles", format(roles))
                .param("branch", branchCode)
                .param("enabled", enabled)
                .param("at", utc(at))
                .param("by", by)
                .update();
    }

    void changePassword(String username, String passwordHash, String by, Instant at) {
        jdbc.sql("""
                        UPDATE app_user
                           SET password_hash = :hash, updated_at = :at, updated_by = :by
                         WHERE username = :username
                        """)
                .param("username", username)
                .param("hash", passwordHash)
                .param("at", utc(at))
                .param("by", by)
                .update();
    }

    /**
     * Counts a wrong password of the user (in the caller's transaction, the row locked, so that wrong passwords
     * arriving together on several nodes are all counted), and locks the user out until {@code lockUntil} when it
     * makes {@code attempts} in a row (0: never). After a lock has ended the count starts again.
     *
     * @return the wrong passwords in a row now, and whether this one locked the user; empty for an unknown user
     */
    Optional<Failures> countFailure(String username, int attempts, Instant now, Instant lockUntil) {
        return jdbc.sql("SELECT failed_sign_ins, locked_until FROM app_user WHERE username = :username FOR UPDATE")
                .param("username", username)
                .query((rs, row) -> {
                    Instant lockedUntil = instantOrNull(rs.getObject("locked_until", LocalDateTime.class));
                    boolean lockEnded = lockedUntil != null && !lockedUntil.isAfter(now);
                    int inARow = (lockEnded ? 0 : rs.getInt("failed_sign_ins")) + 1;
                    boolean locks = attempts > 0 && inARow >= attempts && (lockedUntil == null || lockEnded);
                    return new Failures(inARow, locks, locks ? lockUntil : lockEnded ? null : lockedUntil);
                })
                .optional()
                .map(failures -> {
                    jdbc.sql("UPDATE app_user SET failed_sign_ins = :inARow, locked_until = :lockedUntil WHERE username = :username")
                            .param("username", username)
                            .param("inARow", failures.inARow())
                            .param("lockedUntil", failures.lockedUntil() == null ? null : utc(failures.lockedUntil()),
                                    Types.TIMESTAMP)
                            .update();
                    return failures;
                });
    }

    /** Wrong passwords of a user in a row, whether the last one locked the user out, and until when they are locked. */
    record Failures(int inARow, boolean locked, @Nullable Instant lockedUntil) {
    }

    /** A right password, or an administrator: the count of wrong passwords back to 0, and no lock. */
    void clearFailures(String username) {
        jdbc.sql("UPDATE app_user SET failed_sign_ins = 0, locked_until = NULL WHERE username = :username")
                .param("username", username)
                .update();
    }

    /** Whether any enabled user holds the role. */
    boolean anyEnabledWith(Role role) {
        return jdbc.sql("SELECT COUNT(*) FROM app_user WHERE enabled = TRUE AND FIND_IN_SET(:role, roles) > 0")
                .param("role", role.name())
                .query(Long.class)
                .single() > 0;
    }

    static String format(Set<Role> roles) {
        return roles.stream().sorted().map(Role::name).collect(Collectors.joining(","));
    }

    /**
     * The roles of a stored list. A name that is no longer a {@link Role} (a row edited by hand, or a
     * role removed in a later version) grants nothing and is logged, rather than locking the user out.
     */
    static Set<Role> roles(String stored) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        Arrays.stream(stored.split(",")).map(String::strip).filter(name -> !name.isEmpty()).forEach(name -> {
            Optional<Role> role = Arrays.stream(Role.values()).filter(r -> r.name().equals(name)).findFirst();
            role.ifPresentOrElse(roles::add, () -> log.warn("app_user: unknown role '{}' ignored", name));
        });
        return roles;
    }

    private static User user(ResultSet rs, int row) throws SQLException {
        return new User(
                rs.getString("username"),
                List.copyOf(roles(rs.getString("roles"))),
                rs.getString("branch_code"),
                rs.getBoolean("enabled"),
                instant(rs.getObject("created_at", LocalDateTime.class)),
                rs.getString("created_by"),
                instant(rs.getObject("updated_at", LocalDateTime.class)),
                rs.getString("updated_by"),
                rs.getInt("failed_sign_ins"),
                instantOrNull(rs.getObject("locked_until", LocalDateTime.class)),
                origin(rs.getString("origin")));
    }

    private static SignInOrigin origin(String stored) {
        return SignInOrigin.valueOf(stored);
    }

    private static @Nullable Instant instantOrNull(@Nullable LocalDateTime utc) {
        return utc == null ? null : instant(utc);
    }

    private static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static Instant instant(LocalDateTime utc) {
        return utc.toInstant(ZoneOffset.UTC);
    }
}
