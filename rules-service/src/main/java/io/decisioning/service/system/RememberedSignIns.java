package io.decisioning.service.system;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * Sign-ins of the requests that record what they do on every call (a pre-bind check, an event posted
 * alone): a user whose sign-in this node verified within the last {@link #TTL} is signed in as they
 * were, without reading their row; any other sign-in is the full one ({@link VerifiedCredentialsCache},
 * which reads the user). Safe because such a request writes its record only where the user's row is
 * still as it was read ({@link SignIn}): a disabled user, a new password, other roles or another branch
 * refuse the very next request on every node ({@link SignInChangedException}, after which this node
 * reads the user again).
 *
 * <p>Entries are keyed by a SHA-256 of the user name and password, never the password itself.
 */
@Component
class RememberedSignIns implements AuthenticationProvider {

    static final Duration TTL = Duration.ofMinutes(2);
    private static final int MAX_ENTRIES = 10_000;

    private final VerifiedCredentialsCache signIns;
    private final Cache<String, UserAccount> remembered;

    RememberedSignIns(VerifiedCredentialsCache signIns, Clock clock) {
        this.signIns = signIns;
        this.remembered = Caffeine.newBuilder()
                .expireAfterWrite(TTL)
                .maximumSize(MAX_ENTRIES)
                .ticker(VerifiedCredentialsCache.ticker(clock))
                .executor(Runnable::run)
                .build();
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String password = authentication.getCredentials() == null ? "" : authentication.getCredentials().toString();
        String key = CredentialDigest.of(authentication.getName(), password);
        UserAccount known = remembered.getIfPresent(key);
        if (known != null) {
            return UsernamePasswordAuthenticationToken.authenticated(known, null, known.getAuthorities());
        }
        Authentication signedIn = signIns.authenticate(authentication);
        if (signedIn.getPrincipal() instanceof UserAccount user) {
            remembered.put(key, user);
        }
        return signedIn;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return signIns.supports(authentication);
    }

    /** Forgets the user's sign-ins on this node: their next request reads them again. */
    void forget(String username) {
        remembered.asMap().values().removeIf(user -> user.getUsername().equals(username));
    }
}
