package io.decisioning.service.system;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;

/**
 * Sign-ins of the requests that record what they do on every call (a pre-bind check, an event posted
 * alone): a user whose sign-in this node verified within the last {@link #TTL} is signed in as they
 * were, without reading their row; any other sign-in is the full one ({@link VerifiedCredentialsCache},
 * which reads the user, then {@link LdapSignIns}; {@link BearerTokens} for a bearer token, which checks it and reads
 * the user). Safe
 * because such a request writes its record only where the user's row is still as it was read ({@link SignIn}):
 * a disabled user, a new password, other roles or another branch refuse the very next request on every node
 * ({@link SignInChangedException}, after which this node reads the user again). A token is remembered no longer
 * than it holds.
 *
 * <p>Entries are keyed by a SHA-256 of the user name and password, or of the token, never the secret itself.
 */
class RememberedSignIns implements AuthenticationProvider {

    static final Duration TTL = Duration.ofMinutes(2);
    private static final int MAX_ENTRIES = 10_000;

    private final AuthenticationManager signIns;
    private final BearerTokens tokens;
    private final Clock clock;
    private final Cache<String, Remembered> remembered;

    /** A signed-in user, and until when their sign-in may be taken again (a token's expiry; else no limit but the TTL). */
    private record Remembered(UserAccount user, @Nullable Instant until) {
    }

    /**
     * @param signIns the full sign-in with a name and password: the service's own users ({@link VerifiedCredentialsCache}),
     *                then the company's directory when there is one ({@link LdapSignIns})
     * @param tokens  the full sign-in with a bearer token
     */
    RememberedSignIns(AuthenticationManager signIns, BearerTokens tokens, Clock clock) {
        this.signIns = signIns;
        this.tokens = tokens;
        this.clock = clock;
        this.remembered = Caffeine.newBuilder()
                .expireAfterWrite(TTL)
                .maximumSize(MAX_ENTRIES)
                .ticker(VerifiedCredentialsCache.ticker(clock))
                .executor(Runnable::run)
                .build();
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        boolean token = authentication instanceof BearerTokenAuthenticationToken;
        String key = token ? CredentialDigest.of("", ((BearerTokenAuthenticationToken) authentication).getToken())
                : CredentialDigest.of(authentication.getName(),
                        authentication.getCredentials() == null ? "" : authentication.getCredentials().toString());
        Remembered known = remembered.getIfPresent(key);
        if (known != null && (known.until() == null || known.until().isAfter(clock.instant()))) {
            return UsernamePasswordAuthenticationToken.authenticated(known.user(), null, known.user().getAuthorities());
        }
        Authentication signedIn = token ? tokens.authenticate(authentication) : signIns.authenticate(authentication);
        if (signedIn.getPrincipal() instanceof UserAccount user) {
            remembered.put(key, new Remembered(user, signedIn instanceof BearerTokens.TokenSignIn bearer ? bearer.expiresAt() : null));
        }
        return signedIn;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication) || tokens.supports(authentication);
    }

    /** Forgets the user's sign-ins on this node: their next request reads them again. */
    void forget(String username) {
        remembered.asMap().values().removeIf(known -> known.user().getUsername().equals(username));
    }
}
