package io.decisioning.service.system;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentMap;
import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.AccountStatusUserDetailsChecker;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsChecker;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * HTTP Basic sends the password with every request and BCrypt takes tens of milliseconds by design,
 * which would dominate a pre-bind check. A successful BCrypt check is therefore remembered while it
 * is in use (until {@link #TTL} passes without it), under a SHA-256 of the stored hash and the
 * password (never the password itself); a wrong password is always checked by BCrypt. Requests that
 * arrive together with the same credentials share one BCrypt check: after a restart, or when a
 * remembered check has lapsed, a client with many requests in flight would otherwise start as many
 * checks at once and hold up every request on the node.
 *
 * <p>Only the password check is remembered, not the sign-in: every request still reads the user (one
 * primary-key read, the only cost of a hit), so disabling a user or changing their roles or branch
 * takes effect with their next request, on every node. A new password is stored under a new hash (a
 * new salt), under which the old password was never verified, so it is BCrypt-checked and refused at
 * once too. Nothing has to be invalidated, and no node can keep a stale sign-in: a cache of whole
 * sign-ins would need every node told of every change.
 */
@Component
class VerifiedCredentialsCache implements AuthenticationProvider {

    /** How long a verified password is remembered after its last use: longer than {@link RememberedSignIns#TTL}. */
    static final Duration TTL = Duration.ofMinutes(10);
    private static final int MAX_ENTRIES = 10_000;

    private final DaoAuthenticationProvider delegate;

    VerifiedCredentialsCache(UserDetailsService users, PasswordEncoder encoder, Clock clock) {
        this.delegate = new DaoAuthenticationProvider(users);
        this.delegate.setPasswordEncoder(new RememberingEncoder(encoder, clock));
        this.delegate.setPreAuthenticationChecks(new LockoutCheck(clock));
    }

    /**
     * Spring Security's checks before the password (locked, disabled, expired), with the lockout's own: a user locked
     * out after too many wrong passwords is refused until the time the lock ends, before the password is checked, so
     * that guessing on gets nowhere, and the refusal says until when.
     */
    private static final class LockoutCheck implements UserDetailsChecker {

        private final UserDetailsChecker defaults = new AccountStatusUserDetailsChecker();
        private final Clock clock;

        LockoutCheck(Clock clock) {
            this.clock = clock;
        }

        @Override
        public void check(UserDetails user) {
            if (user instanceof UserAccount account && account.lockedUntil() != null
                    && account.lockedUntil().isAfter(clock.instant())) {
                throw new AccountLockedException(account.getUsername(), account.lockedUntil(), account.failedSignIns());
            }
            if (user instanceof UserAccount account && account.origin() != SignInOrigin.LOCAL) {
                // the company's directory checks this user's password (LdapSignIns, tried next); the service keeps none
                throw new BadCredentialsException("Not a user of the service's own");
            }
            defaults.check(user);
        }
    }

    /**
     * Spring Security's own sign-in (user read, disabled check, password check, the authorities of
     * the user as read now), with the password check answered from memory when this password was
     * verified against this very hash and used within the last {@link #TTL}.
     */
    @Override
    public Authentication authenticate(Authentication authentication) {
        return delegate.authenticate(authentication);
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }

    /**
     * A password encoder that remembers which (password, stored hash) pairs it found to match, and lets
     * concurrent checks of the same pair wait for the one under way: a Caffeine cache of the checks, each a
     * future, so that the BCrypt check itself runs outside the cache's locks. A check that finds no match
     * completes with null, which Caffeine does not keep: a wrong password is checked every time.
     */
    private static final class RememberingEncoder implements PasswordEncoder {

        private final PasswordEncoder encoder;
        private final ConcurrentMap<String, CompletableFuture<Boolean>> checks;

        RememberingEncoder(PasswordEncoder encoder, Clock clock) {
            this.encoder = encoder;
            AsyncCache<String, Boolean> cache = Caffeine.newBuilder()
                    .expireAfterAccess(TTL)
                    .maximumSize(MAX_ENTRIES)
                    .ticker(ticker(clock))
                    .executor(Runnable::run)
                    .buildAsync();
            this.checks = cache.asMap();
        }

        @Override
        public @Nullable String encode(@Nullable CharSequence rawPassword) {
            return encoder.encode(rawPassword);
        }

        @Override
        public boolean matches(@Nullable CharSequence rawPassword, @Nullable String encodedPassword) {
            if (rawPassword == null || encodedPassword == null) {
                return encoder.matches(rawPassword, encodedPassword);
            }
            if (SignInOrigin.isPasswordMarker(encodedPassword)) {
                return false; // a directory user's: no password of the service's matches it
            }
            String key = CredentialDigest.of(encodedPassword, rawPassword);
            CompletableFuture<Boolean> mine = new CompletableFuture<>();
            CompletableFuture<Boolean> known = checks.putIfAbsent(key, mine);
            if (known != null) {
                try {
                    return known.join() != null; // verified before, or by the check under way
                } catch (CompletionException e) {
                    throw e.getCause() instanceof RuntimeException cause ? cause : e;
                }
            }
            try {
                boolean matches = encoder.matches(rawPassword, encodedPassword);
                mine.complete(matches ? Boolean.TRUE : null);
                return matches;
            } catch (RuntimeException | Error e) {
                mine.completeExceptionally(e);
                throw e;
            }
        }

        @Override
        public boolean upgradeEncoding(@Nullable String encodedPassword) {
            return encoder.upgradeEncoding(encodedPassword);
        }
    }

    /** Caffeine's clock from the service's: the time to live follows {@link Clock} (a test moves it). */
    static Ticker ticker(Clock clock) {
        return () -> {
            Instant now = clock.instant();
            return now.getEpochSecond() * 1_000_000_000L + now.getNano();
        };
    }
}
