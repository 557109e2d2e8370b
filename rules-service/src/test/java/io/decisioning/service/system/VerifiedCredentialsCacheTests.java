package io.decisioning.service.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

class VerifiedCredentialsCacheTests {

    private final BCryptPasswordEncoder encoder = new BCryptPasswordEncoder(4);
    private final String hash = encoder.encode("demo");
    private final AtomicInteger lookups = new AtomicInteger();
    private final UserDetailsService users = name -> {
        lookups.incrementAndGet();
        return new UserAccount(name, hash, Set.of(Role.UNDERWRITER), "HQ");
    };
    private final VerifiedCredentialsCache cache = new VerifiedCredentialsCache(users, encoder);

    @Test
    void aVerifiedPasswordIsNotCheckedAgainWithinItsTimeToLive() {
        for (int i = 0; i < 3; i++) {
            Authentication result = cache.authenticate(UsernamePasswordAuthenticationToken.unauthenticated("u", "demo"));
            assertThat(result.isAuthenticated()).isTrue();
            assertThat(result.getAuthorities()).extracting(Object::toString).contains("ROLE_UNDERWRITER");
        }
        assertThat(lookups).hasValue(1);
    }

    @Test
    void aWrongPasswordIsRejectedAndCheckedEveryTime() {
        cache.authenticate(UsernamePasswordAuthenticationToken.unauthenticated("u", "demo"));
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> cache.authenticate(UsernamePasswordAuthenticationToken.unauthenticated("u", "guess")))
                    .isInstanceOf(BadCredentialsException.class);
        }
        assertThat(lookups).hasValue(3);
    }
}
