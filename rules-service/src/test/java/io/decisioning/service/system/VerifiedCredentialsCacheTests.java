package io.decisioning.service.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

class VerifiedCredentialsCacheTests {

    private final AtomicInteger bcryptChecks = new AtomicInteger();
    private final BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder(4);
    private final PasswordEncoder encoder = counting(bcryptChecks, () -> { });
    private final AtomicInteger lookups = new AtomicInteger();
    private final AtomicReference<UserAccount> stored =
            new AtomicReference<>(new UserAccount("u", encoder.encode("demo"), Set.of(Role.UNDERWRITER), "HQ"));
    private final UserDetailsService users = name -> {
        lookups.incrementAndGet();
        return stored.get();
    };
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-04T08:00:00Z"));
    private final Clock clock = new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };
    private final VerifiedCredentialsCache cache = new VerifiedCredentialsCache(users, encoder, clock);

    @Test
    void aVerifiedPasswordIsNotCheckedByBCryptAgainWithinItsTimeToLive() {
        for (int i = 0; i < 3; i++) {
            Authentication result = signIn("demo");
            assertThat(result.isAuthenticated()).isTrue();
            assertThat(result.getAuthorities()).extracting(Object::toString).contains("ROLE_UNDERWRITER");
        }
        assertThat(bcryptChecks).hasValue(1);
        assertThat(lookups).as("the user is read on every request").hasValue(3);
    }

    @Test
    void aVerifiedPasswordIsCheckedByBCryptAgainOnceUnusedForItsTimeToLive() {
        signIn("demo");
        now.set(now.get().plus(VerifiedCredentialsCache.TTL).minusMillis(1));
        signIn("demo");
        assertThat(bcryptChecks).hasValue(1);

        now.set(now.get().plus(VerifiedCredentialsCache.TTL));
        signIn("demo");

        assertThat(bcryptChecks).hasValue(2);
    }

    @Test
    void aPasswordInUseStaysVerified() {
        for (int minute = 0; minute <= 60; minute += 2) {
            now.set(Instant.parse("2026-12-04T08:00:00Z").plus(Duration.ofMinutes(minute)));
            signIn("demo");
        }

        assertThat(bcryptChecks).as("every two minutes for an hour, as the remembered sign-ins lapse").hasValue(1);
    }

    @Test
    void requestsArrivingTogetherShareOneBCryptCheck() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger slowChecks = new AtomicInteger();
        PasswordEncoder slow = counting(slowChecks, () -> {
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        VerifiedCredentialsCache slowCache = new VerifiedCredentialsCache(users, slow, clock);
        ExecutorService requests = Executors.newFixedThreadPool(8);
        try {
            List<Future<Authentication>> signIns = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                signIns.add(requests.submit(() ->
                        slowCache.authenticate(UsernamePasswordAuthenticationToken.unauthenticated("u", "demo"))));
            }
            // Whichever requests have arrived by now are waiting: for the one check under way, or (without the
            // sharing) each in a check of its own. Any that come later find the check remembered.
            Thread.sleep(300);
            release.countDown();
            for (Future<Authentication> signIn : signIns) {
                assertThat(signIn.get(30, TimeUnit.SECONDS).isAuthenticated()).isTrue();
            }
        } finally {
            requests.shutdownNow();
        }

        assertThat(slowChecks).hasValue(1);
    }

    @Test
    void aWrongPasswordIsRejectedAndCheckedEveryTime() {
        signIn("demo");
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> signIn("guess")).isInstanceOf(BadCredentialsException.class);
        }
        assertThat(bcryptChecks).hasValue(3);
    }

    @Test
    void aChangedPasswordRefusesTheOldOneAtOnceAndAcceptsTheNewOne() {
        signIn("demo");
        stored.set(new UserAccount("u", encoder.encode("a new password"), Set.of(Role.UNDERWRITER), "HQ"));

        assertThatThrownBy(() -> signIn("demo")).isInstanceOf(BadCredentialsException.class);
        assertThat(signIn("a new password").isAuthenticated()).isTrue();
    }

    @Test
    void theSamePasswordSetAgainIsCheckedByBCryptAgain() {
        signIn("demo");
        stored.set(new UserAccount("u", encoder.encode("demo"), Set.of(Role.UNDERWRITER), "HQ"));

        signIn("demo");

        assertThat(bcryptChecks).as("a new hash has a new salt").hasValue(2);
    }

    @Test
    void aDisabledUserIsRefusedAtOnceThoughTheirPasswordWasVerified() {
        signIn("demo");
        UserAccount before = stored.get();
        stored.set(new UserAccount("u", before.getPassword(), before.roles(), "HQ", false));

        assertThatThrownBy(() -> signIn("demo")).isInstanceOf(DisabledException.class);
    }

    @Test
    void changedRolesAndBranchTakeEffectAtOnce() {
        signIn("demo");
        UserAccount before = stored.get();
        stored.set(new UserAccount("u", before.getPassword(), Set.of(Role.AUDITOR), "GD"));

        Authentication result = signIn("demo");

        assertThat(result.getAuthorities()).extracting(Object::toString)
                .contains("ROLE_AUDITOR").doesNotContain("ROLE_UNDERWRITER");
        assertThat(((UserAccount) result.getPrincipal()).branchCode()).isEqualTo("GD");
        assertThat(bcryptChecks).hasValue(1);
    }

    /** BCrypt that counts its checks and runs {@code beforeChecking} at the start of each. */
    private PasswordEncoder counting(AtomicInteger checks, Runnable beforeChecking) {
        return new PasswordEncoder() {
            @Override
            public String encode(CharSequence rawPassword) {
                return bcrypt.encode(rawPassword);
            }

            @Override
            public boolean matches(CharSequence rawPassword, String encodedPassword) {
                checks.incrementAndGet();
                beforeChecking.run();
                return bcrypt.matches(rawPassword, encodedPassword);
            }
        };
    }

    private Authentication signIn(String password) {
        return cache.authenticate(UsernamePasswordAuthenticationToken.unauthenticated("u", password));
    }
}
