package io.decisioning.service.system;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Period;
import java.time.ZoneId;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The service's settings ({@code rules.*}, DESIGN.md section 7).
 *
 * @param zone the time zone whose "today" is the evaluation date
 */
@Validated
@ConfigurationProperties("rules")
public record RulesProperties(
        @DefaultValue("Asia/Shanghai") @NotNull ZoneId zone,
        @DefaultValue @Valid Demo demo,
        @DefaultValue @Valid Embedded embedded,
        @DefaultValue @Valid Toggle scheduler,
        @DefaultValue @Valid Events events,
        @DefaultValue @Valid Batch batch,
        @DefaultValue @Valid Packs packs,
        @DefaultValue @Valid Http http,
        @DefaultValue @Valid Bootstrap bootstrap,
        @DefaultValue @Valid Retention retention,
        @DefaultValue @Valid Housekeeping housekeeping,
        @DefaultValue @Valid Export export,
        @DefaultValue @Valid Security security) {

    /**
     * Demo users and generated demo data. Both default to on only with the embedded database.
     *
     * @param users      create the demo users (password "demo"); null means "only when embedded"
     * @param duplicates the share of generated customers that get a second CRM record, as branches and channels
     *                   enter the same person again (DESIGN.md section 10); 0 by default
     * @param data  customers to generate into an empty CRM; null means 10000 when embedded, else 0
     * @param seed  the seed of the deterministic generator
     * @param premiumSchedules generate the premium schedules of the policies ({@code premium_due}, DESIGN.md section
     *                   11: monthly, quarterly or annual instalments, paid, overdue or lapsed); the customers,
     *                   policies and claims are the same without; true by default
     * @param complaints generate a year of complaints ({@code complaint}, DESIGN.md section 13); without, the CRM keeps
     *                   none and the rest of the book is the same; true by default
     */
    public record Demo(@Nullable Boolean users, @Nullable @Min(0) Integer data, @DefaultValue("20260101") long seed,
                       @DefaultValue("0") @jakarta.validation.constraints.DecimalMin("0")
                       @jakarta.validation.constraints.DecimalMax("0.5") double duplicates,
                       @DefaultValue("true") boolean premiumSchedules, @DefaultValue("true") boolean complaints) {

        public boolean usersEnabled(boolean embedded) {
            return users != null ? users : embedded;
        }

        public int customers(boolean embedded) {
            return data != null ? data : embedded ? 10_000 : 0;
        }
    }

    /**
     * The in-process MariaDB used when no {@code spring.datasource.url} is configured.
     *
     * @param dataDir where its files are kept across restarts
     * @param port    0 picks a free port
     */
    public record Embedded(@DefaultValue("./data") @NotNull Path dataDir, @DefaultValue("0") @Min(0) int port) {
    }

    public record Toggle(@DefaultValue("true") boolean enabled) {
    }

    /**
     * The nightly run over the whole book.
     *
     * @param cron          when it starts (Quartz syntax, seconds first), in {@code rules.zone}
     * @param partitionSize customers per partition (a Quartz job any node may take)
     * @param chunkSize     customers read, evaluated and committed together (a checkpoint)
     * @param maxAttempts   tries of a failing partition before the run is failed
     * @param threads       partitions this node processes at once (Quartz worker threads)
     * @param chunkPause    pause after each chunk, to leave the database room for the day's traffic
     *                      when a run must go on into business hours (default none)
     * @param wholeBookResolution how often the preparation resolves the parties of the whole book from the key index
     *                      (DESIGN.md section 10) rather than the records whose identity keys changed since, new
     *                      records and their parties; the whole book is resolved too when the identity pack's version
     *                      changes (default a week)
     */
    public record Batch(@DefaultValue("0 0 2 * * ?") @NotBlank String cron,
                        @DefaultValue("25000") @Min(1) int partitionSize,
                        @DefaultValue("1000") @Min(1) int chunkSize,
                        @DefaultValue("3") @Min(1) int maxAttempts,
                        @DefaultValue("2") @Min(1) int threads,
                        @DefaultValue("0ms") @NotNull Duration chunkPause,
                        @DefaultValue("7d") @NotNull Duration wholeBookResolution) {
    }

    /**
     * Processing of CRM events (API and {@code crm_event}).
     *
     * @param enabled       whether this node processes events (they are accepted either way)
     * @param workers       threads processing events on this node
     * @param claimSize     events claimed and processed together
     * @param maxAttempts   tries of a failing event before it is parked
     * @param pollInterval  pause between polls when there was nothing to do
     * @param lease         how long a claim lasts before another node may take the events over
     * @param linger        how long a worker waits for more events after a wake-up or a round that was
     *                      not full, so that events arriving one by one are processed several at a time
     *                      (each round has a fixed cost: claims, a rule session, commits)
     */
    public record Events(@DefaultValue("true") boolean enabled,
                         @DefaultValue("2") @Min(1) int workers,
                         @DefaultValue("200") @Min(1) int claimSize,
                         @DefaultValue("5") @Min(1) int maxAttempts,
                         @DefaultValue("200ms") @NotNull Duration pollInterval,
                         @DefaultValue("60s") @NotNull Duration lease,
                         @DefaultValue("20ms") @NotNull Duration linger) {
    }

    /**
     * The rule pack lifecycle.
     *
     * @param requireSimulation publish only versions whose simulation finished
     * @param pollInterval      how often each node checks the database for newly published versions
     * @param simulationThreads threads of one simulation on this node
     * @param runawayLimit      how long a draft's scenario run, or one window of its simulation, may take
     *                          before it is stopped as a rule whose action never returns
     */
    public record Packs(@DefaultValue("true") boolean requireSimulation,
                        @DefaultValue("2s") @NotNull Duration pollInterval,
                        @DefaultValue("2") @Min(1) int simulationThreads,
                        @DefaultValue("60s") @NotNull Duration runawayLimit) {
    }

    /**
     * Retention (DESIGN.md section 11).
     *
     * @param dueListCron when next month's due list is generated (Quartz syntax, seconds first), in {@code rules.zone}:
     *                    by default at 03:00 on the 25th, after that night's run has graded the book
     */
    public record Retention(@DefaultValue("0 0 3 25 * ?") @NotBlank String dueListCron) {
    }

    /**
     * Keeping the database small (DESIGN.md section 14): a nightly job deletes what is older than these ages, in batches
     * of {@code batchSize} rows, each committed on its own. An age of 0 keeps everything of that kind.
     *
     * @param cron       when the job runs (Quartz syntax, seconds first), in {@code rules.zone}: by default at 04:30, after
     *                   the nightly run
     * @param auditAge   the audit trail ({@code audit_event}): 7 years
     * @param checkAge   pre-bind checks ({@code pre_bind_check}): 2 years
     * @param historyAge assessment history, the earlier assessments of each customer ({@code assessment_history}): 2
     *                   years; the current assessment is never deleted
     * @param eventAge   events processed ({@code event_inbox}, DONE, by the time received): 2 years; an event
     *                   resent after that is taken as new. Parked and waiting events are never deleted
     * @param batchSize  rows deleted in one statement and transaction
     */
    public record Housekeeping(@DefaultValue("0 30 4 * * ?") @NotBlank String cron,
                               @DefaultValue("7y") @NotNull Period auditAge,
                               @DefaultValue("2y") @NotNull Period checkAge,
                               @DefaultValue("2y") @NotNull Period historyAge,
                               @DefaultValue("2y") @NotNull Period eventAge,
                               @DefaultValue("1000") @Min(1) int batchSize) {

        public Housekeeping {
            notNegative("audit-age", auditAge);
            notNegative("check-age", checkAge);
            notNegative("history-age", historyAge);
            notNegative("event-age", eventAge);
        }

        private static void notNegative(String name, @Nullable Period age) {
            if (age != null && age.isNegative()) {
                throw new IllegalArgumentException("rules.housekeeping." + name + " must not be negative: " + age);
            }
        }
    }

    /**
     * Signing in ({@code rules.security.*}, DESIGN.md section 14): HTTP Basic with the service's own users always; bearer
     * tokens of the company's OpenID Connect provider when {@code oidc.issuer-uri} is set; LDAP / Active Directory
     * passwords when {@code ldap.url} is set.
     */
    public record Security(@DefaultValue @Valid Lockout lockout, @DefaultValue @Valid Oidc oidc, @DefaultValue @Valid Ldap ldap) {
    }

    /**
     * The company's OpenID Connect provider (Keycloak, Azure AD / Entra ID, ADFS, Authing, ...): the API accepts its
     * access tokens ({@code Authorization: Bearer}), and the admin UI signs people in through it (authorization code
     * with PKCE, as a public client). A token is accepted only when signed by the provider's keys, from this issuer,
     * not expired, for the audience (when set), with the roles and branch claims; a token without the roles claim is
     * refused with 401, and one whose roles are none of the service's with 403, never a default role.
     *
     * @param issuerUri     the provider's issuer, as its tokens name it ({@code https://sso.example.com/realms/insurer});
     *                      empty: no bearer tokens. Its discovery document ({@code /.well-known/openid-configuration})
     *                      is read at the first token, so the service starts while the provider is down
     * @param clientId      the admin UI's client at the provider: public, authorization code with PKCE, redirect URI
     *                      {@code https://<service>/admin/}; empty: the UI offers no single sign-on
     * @param audience      the audience ({@code aud}) a token must name; empty: not checked
     * @param scopes        the scopes the admin UI asks for
     * @param usernameClaim the claim that names the user, as the audit trail will show them
     * @param rolesClaim    the claim that carries the roles, a list or a space- or comma-separated string; a path with
     *                      '.' into nested claims ({@code realm_access.roles} for Keycloak)
     * @param branchClaim   the claim that carries the user's branch code ({@code HQ} sees every branch)
     * @param roleMapping   a value of the roles claim to the service's role ({@code rules.security.oidc.role-mapping.risk-analyst=ANALYST});
     *                      empty: the values are the roles' names ({@code ANALYST}, any case)
     * @param clockSkew     how far the provider's clock may be off from the service's, for the token's times
     */
    public record Oidc(@DefaultValue("") @NotNull String issuerUri, @DefaultValue("") @NotNull String clientId,
                       @DefaultValue("") @NotNull String audience, @DefaultValue("openid profile") @NotNull String scopes,
                       @DefaultValue("preferred_username") @NotBlank String usernameClaim,
                       @DefaultValue("roles") @NotBlank String rolesClaim, @DefaultValue("branch") @NotBlank String branchClaim,
                       @DefaultValue Map<String, Role> roleMapping, @DefaultValue("60s") @NotNull Duration clockSkew) {

        public boolean enabled() {
            return !issuerUri.isBlank();
        }
    }

    /**
     * The company's LDAP directory or Active Directory: people sign in with their directory name and password (HTTP
     * Basic, and the admin UI's sign-in form), checked by a bind as the user; the groups they are a member of give
     * their roles, an attribute of theirs their branch. A user in no mapped group is refused with 403 saying so.
     * Accounts of the service's own are checked first; a name that is one of them is never looked up in the directory.
     *
     * @param url               {@code ldap://ldap.example.com:389} or {@code ldaps://ad.example.com:636}; empty: no LDAP
     * @param base              where users are searched ({@code ou=people,dc=example,dc=com})
     * @param usernameAttribute the attribute holding the name people sign in with ({@code uid}; Active Directory:
     *                          {@code sAMAccountName})
     * @param managerDn         the service account that searches the directory; empty: an anonymous search
     * @param managerPassword   its password
     * @param groupBase         where groups are searched ({@code ou=groups,dc=example,dc=com}); empty: {@code base}
     * @param groupFilter       finds a user's groups; {0} is the user's DN. Active Directory with nested groups:
     *                          {@code (member:1.2.840.113556.1.4.1941:={0})}
     * @param groupRoles        a group's name (its {@code cn}, any case) to the service's role
     *                          ({@code rules.security.ldap.group-roles.risk-analysts=ANALYST})
     * @param branchAttribute   the user's attribute that carries their branch code
     * @param timeout           for connecting and for each operation
     * @param remember          how long a successful sign-in is remembered for requests with the same name and password
     *                          (HTTP Basic sends them with every request); 0: a bind every request
     */
    public record Ldap(@DefaultValue("") @NotNull String url, @DefaultValue("") @NotNull String base,
                       @DefaultValue("uid") @NotBlank String usernameAttribute,
                       @DefaultValue("") @NotNull String managerDn, @DefaultValue("") @NotNull String managerPassword,
                       @DefaultValue("") @NotNull String groupBase,
                       @DefaultValue("(|(member={0})(uniqueMember={0}))") @NotBlank String groupFilter,
                       @DefaultValue Map<String, Role> groupRoles,
                       @DefaultValue("branch") @NotBlank String branchAttribute,
                       @DefaultValue("5s") @NotNull Duration timeout, @DefaultValue("1m") @NotNull Duration remember) {

        public boolean enabled() {
            return !url.isBlank();
        }

        /** Never the manager's password, should the settings end up in a log. */
        @Override
        public String toString() {
            return "Ldap[url=" + url + ", base=" + base + ", managerDn=" + managerDn + ", groupRoles=" + groupRoles + "]";
        }
    }

    /**
     * Locking a user out after repeated wrong passwords, against guessing.
     *
     * @param attempts wrong passwords in a row that lock the user; 0 never locks
     * @param duration how long the user stays locked (an administrator may unlock them sooner)
     */
    public record Lockout(@DefaultValue("5") @Min(0) int attempts, @DefaultValue("15m") @NotNull Duration duration) {
    }

    /**
     * Lists exported as CSV or Excel workbooks (DESIGN.md section 14).
     *
     * @param maxRows the most rows one exported file may have; a larger export is refused with 400 naming the filters
     *                that narrow it (a workbook holds 1,048,576 rows a sheet and continues on the next)
     */
    public record Export(@DefaultValue("200000") @Min(1) int maxRows) {
    }

    /**
     * HTTP requests.
     *
     * @param maxBodySize larger request bodies are refused with 413 (a rule-pack version with a
     *                    spreadsheet is the largest legitimate body)
     */
    public record Http(@DefaultValue("5MB") @NotNull DataSize maxBodySize) {
    }

    /** The first administrator of a real database ({@code rules.bootstrap.admin.*}). */
    public record Bootstrap(@DefaultValue @Valid Admin admin) {
    }

    /**
     * With a password, this administrator (role ADMIN, branch HQ) is added at start-up when no enabled
     * administrator exists; without one, nothing happens.
     *
     * @param username the administrator's user name
     * @param password the first password (from the environment, say: RULES_BOOTSTRAP_ADMIN_PASSWORD); empty for none
     */
    public record Admin(@DefaultValue("admin") @NotNull String username, @DefaultValue("") @NotNull String password) {

        @Override
        public String toString() {
            return "Admin[username=" + username + ", password=" + (password.isEmpty() ? "" : "(set)") + "]";
        }
    }
}
