package io.decisioning.service.user;

import io.decisioning.service.audit.AuditTrail;
import io.decisioning.service.system.CredentialDigest;
import io.decisioning.service.system.RulesProperties;
import io.decisioning.service.system.SignInRefusedException;
import io.decisioning.service.system.UserAccount;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Failed sign-ins (DESIGN.md section 14): every wrong password is counted in
 * {@code decisioning.sign_in.failures} (tag {@code reason}: {@code wrong_password}, {@code locked}, {@code disabled},
 * {@code invalid_token}, {@code refused})
 * and audited ({@code SIGN_IN_FAILED}, by the name given), and a user whose password was wrong
 * {@code rules.security.lockout.attempts} times in a row is locked out for {@code rules.security.lockout.duration}
 * ({@code USER_LOCKED}): their sign-ins are refused before the password is checked, with a problem saying until when.
 * A right password sets the count back to 0; an administrator unlocks sooner.
 */
@Component
class SignInFailures {

    private static final Logger log = LoggerFactory.getLogger(SignInFailures.class);
    /** The audit trail's actor and target columns hold 64 and 100 characters; a name given may be anything. */
    private static final int NAME_LENGTH = 64;

    private final UserRepository users;
    private final AuditTrail audit;
    private final TransactionTemplate tx;
    private final RulesProperties.Lockout lockout;
    private final Clock clock;
    private final MeterRegistry meters;

    SignInFailures(UserRepository users, AuditTrail audit, PlatformTransactionManager transactions, RulesProperties properties,
                   Clock clock, MeterRegistry meters) {
        this.users = users;
        this.audit = audit;
        this.tx = new TransactionTemplate(transactions);
        this.lockout = properties.security().lockout();
        this.clock = clock;
        this.meters = meters;
    }

    /**
     * A wrong password, or an unknown user (which Spring Security reports alike); or a bearer token refused (another
     * issuer, expired, a bad signature, no roles claim), audited under a digest of the token, never the token.
     */
    @EventListener
    void wrongPassword(AuthenticationFailureBadCredentialsEvent event) {
        if (event.getAuthentication() instanceof BearerTokenAuthenticationToken token) {
            counter("invalid_token").increment();
            audit.record("bearer-token", "SIGN_IN_FAILED", "TOKEN", CredentialDigest.shortName(token.getToken()),
                    Map.of("reason", String.valueOf(event.getException().getMessage())));
            return;
        }
        String name = name(event.getAuthentication().getName());
        counter("wrong_password").increment();
        Instant now = clock.instant();
        tx.executeWithoutResult(status -> {
            Optional<UserRepository.Failures> failures = users.countFailure(name, lockout.attempts(), now,
                    now.plus(lockout.duration()));
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("knownUser", failures.isPresent());
            failures.ifPresent(f -> detail.put("inARow", f.inARow()));
            audit.record(name, "SIGN_IN_FAILED", "USER", name, detail);
            if (failures.isPresent() && failures.get().locked()) {
                audit.record("system", "USER_LOCKED", "USER", name, Map.of("inARow", failures.get().inARow(),
                        "until", failures.get().lockedUntil().toString()));
                log.warn("User {} locked out until {} after {} wrong passwords in a row", name,
                        failures.get().lockedUntil(), failures.get().inARow());
            }
        });
    }

    /**
     * A sign-in refused before the password: the user is locked out or disabled (counted, not audited each time); or the
     * identity provider vouched for the user but the service refused them (no role of the service's, no branch, the name
     * of one of its own users), counted and audited with the reason.
     */
    @EventListener
    void refused(AbstractAuthenticationFailureEvent event) {
        if (event.getException() instanceof SignInRefusedException refused) {
            counter("refused").increment();
            audit.record(name(refused.username()), "SIGN_IN_REFUSED", "USER", name(refused.username()),
                    Map.of("reason", refused.reason().en()));
        } else if (event.getException() instanceof LockedException) {
            counter("locked").increment();
        } else if (event.getException() instanceof DisabledException) {
            counter("disabled").increment();
        }
    }

    /** A right password after wrong ones: the count back to 0. Nothing to write for every other sign-in. */
    @EventListener
    void signedIn(AuthenticationSuccessEvent event) {
        if (event.getAuthentication().getPrincipal() instanceof UserAccount account && account.failedSignIns() > 0) {
            users.clearFailures(account.getUsername());
        }
    }

    private Counter counter(String reason) {
        return Counter.builder("decisioning.sign_in.failures")
                .description("Sign-ins refused: a wrong password (or unknown user), a locked or a disabled user, "
                        + "an invalid bearer token, a directory user the service refuses")
                .tag("reason", reason)
                .register(meters);
    }

    private static String name(String given) {
        return given.length() <= NAME_LENGTH ? given : given.substring(0, NAME_LENGTH);
    }
}
