package io.decisioning.service.system;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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
    private final Clock clock;
    private final Map<String, Remembered> remembered = new ConcurrentHashMap<>();

    RememberedSignIns(VerifiedCredentialsCache signIns, Clock clock) {
        this.signIns = signIns;
        this.clock = clock;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String password = authentication.getCredentials() == null ? "" : authentication.getCredentials().toString();
        String key = CredentialDigest.of(authentication.getName(), password);
        Instant now = clock.instant();
        Remembered known = remembered.get(key);
        if (known != null && known.expiresAt().isAfter(now)) {
            return UsernamePasswordAuthenticationToken.authenticated(known.user(), null, known.user().getAuthorities());
        }
        Authentication signedIn = signIns.authenticate(authentication);
        if (signedIn.getPrincipal() instanceof UserAccount user) {
            if (remembered.size() >= MAX_ENTRIES) {
                remembered.clear();
            }
            remembered.put(key, new Remembered(user, now.plus(TTL)));
        }
        return signedIn;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return signIns.supports(authentication);
    }

    /** Forgets the user's sign-ins on this node: their next request reads them again. */
    void forget(String username) {
        remembered.values().removeIf(entry -> entry.user().getUsername().equals(username));
    }

    private record Remembered(UserAccount user, Instant expiresAt) {
    }
}
