package io.decisioning.service.system;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * HTTP Basic sends the password with every request and BCrypt takes tens of milliseconds by design,
 * which would dominate a pre-bind check. A successful verification is therefore remembered for a
 * short while under a SHA-256 of the credentials (never the password itself); a wrong password is
 * always checked by BCrypt.
 */
@Component
class VerifiedCredentialsCache implements AuthenticationProvider {

    private static final Duration TTL = Duration.ofMinutes(2);
    private static final int MAX_ENTRIES = 10_000;

    private final DaoAuthenticationProvider delegate;
    private final Clock clock;
    private final Map<String, Verified> verified = new ConcurrentHashMap<>();

    VerifiedCredentialsCache(UserDetailsService users, PasswordEncoder encoder) {
        this.delegate = new DaoAuthenticationProvider(users);
        this.delegate.setPasswordEncoder(encoder);
        this.clock = Clock.systemUTC();
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String key = digest(authentication.getName(), String.valueOf(authentication.getCredentials()));
        Instant now = clock.instant();
        Verified hit = verified.get(key);
        if (hit != null && hit.expiresAt().isAfter(now)) {
            return hit.authentication();
        }
        Authentication result = delegate.authenticate(authentication);
        if (verified.size() >= MAX_ENTRIES) {
            verified.clear();
        }
        verified.put(key, new Verified(result, now.plus(TTL)));
        return result;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }

    private static String digest(String username, String password) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(username.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(password.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    private record Verified(Authentication authentication, Instant expiresAt) {
    }
}
