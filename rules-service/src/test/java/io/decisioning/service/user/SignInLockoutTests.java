package io.decisioning.service.user;

import static io.decisioning.service.ProblemAssertions.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;

import io.decisioning.service.ApiClient;
import io.decisioning.service.ApiClient.Response;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.search.Search;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Failed sign-ins (DESIGN.md section 14): each wrong password counted, audited and in the metrics; five in a row lock
 * the user out for 15 minutes (the defaults), refused before the password is checked with a problem saying until
 * when; a right password sets the count back, an administrator unlocks, a lock that has ended lets the user in and
 * the count starts again. And a user changes their own password, giving the current one.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SignInLockoutTests {

    private static final String PASSWORD = "a good long secret";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MeterRegistry metrics;

    ApiClient api;
    String name;

    @BeforeEach
    void aUser() {
        api = new ApiClient(port);
        name = "lock." + UUID.randomUUID().toString().substring(0, 8);
        Response created = api.post("/api/v1/users", """
                {"username": "%s", "password": "%s", "roles": ["ANALYST"], "branchCode": "HQ"}""".formatted(name, PASSWORD),
                "admin");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
    }

    @Test
    void fiveWrongPasswordsInARowLockTheUserOutUntilAnAdministratorUnlocksThem() {
        double wrongBefore = failures("wrong_password");
        for (int i = 1; i <= 5; i++) {
            Response wrong = signIn("wrong password " + i);
            assertThat(wrong.status()).isEqualTo(401);
            assertThat(wrong.json().get("type").asString()).endsWith("/unauthorized");
        }

        Response locked = signIn(PASSWORD);

        assertThat(locked.status()).as(locked.body()).isEqualTo(401);
        assertThat(locked.contentType()).startsWith("application/problem+json");
        assertThat(locked.json().get("type").asString()).endsWith("/account-locked");
        assertThat(locked.json().get("detail").asString()).contains("5 wrong passwords in a row", "Asia/Shanghai",
                "administrator");
        Instant until = Instant.parse(locked.json().get("lockedUntil").asString());
        assertThat(until).isBetween(Instant.now().plusSeconds(14 * 60), Instant.now().plusSeconds(16 * 60));
        assertThat(locked.json().get("failedSignIns").asInt()).isEqualTo(5);
        assertThat(failures("wrong_password") - wrongBefore).isEqualTo(5);
        assertThat(failures("locked")).isPositive();
        JsonNode audit = api.getJson("/api/v1/audit?targetType=USER&targetId=" + name + "&size=50", "auditor");
        assertThat(audit.get("items").valueStream().map(item -> item.get("action").asString()))
                .containsOnlyOnce("USER_LOCKED").containsOnlyOnce("USER_CREATE")
                .filteredOn("SIGN_IN_FAILED"::equals).hasSize(5);
        JsonNode user = api.getJson("/api/v1/users/" + name, "admin");
        assertThat(user.get("failedSignIns").asInt()).isEqualTo(5);
        assertThat(user.get("lockedUntil").asString()).isEqualTo(until.toString());

        assertThat(api.post("/api/v1/users/" + name + "/unlock", null, "admin").status()).isEqualTo(204);

        assertThat(signIn(PASSWORD).status()).isEqualTo(200);
        assertThat(api.getJson("/api/v1/users/" + name, "admin").get("failedSignIns").asInt()).isZero();
        assertThat(api.getJson("/api/v1/audit?action=USER_UNLOCK&targetId=" + name, "auditor").get("total").asLong())
                .isEqualTo(1);
    }

    @Test
    void aRightPasswordSetsTheCountBackAndALockThatHasEndedLetsTheUserInAndCountsAgain() {
        signIn("wrong 1");
        signIn("wrong 2");
        assertThat(api.getJson("/api/v1/users/" + name, "admin").get("failedSignIns").asInt()).isEqualTo(2);
        assertThat(signIn(PASSWORD).status()).isEqualTo(200);
        assertThat(api.getJson("/api/v1/users/" + name, "admin").get("failedSignIns").asInt()).isZero();

        jdbc.sql("UPDATE app_user SET failed_sign_ins = 5, locked_until = :ended WHERE username = :name")
                .param("ended", LocalDateTime.ofInstant(Instant.now().minusSeconds(1), ZoneOffset.UTC))
                .param("name", name).update();
        assertThat(signIn("wrong again").status()).isEqualTo(401);
        JsonNode user = api.getJson("/api/v1/users/" + name, "admin");
        assertThat(user.get("failedSignIns").asInt()).as("the count starts again after a lock").isEqualTo(1);
        assertThat(signIn(PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void anUnknownUserIsCountedAndAuditedLikeAWrongPassword() {
        String unknown = "nobody." + UUID.randomUUID().toString().substring(0, 8);

        assertThat(api.withPassword("guess").get("/api/v1/me", unknown).status()).isEqualTo(401);

        JsonNode audit = api.getJson("/api/v1/audit?action=SIGN_IN_FAILED&targetId=" + unknown, "auditor");
        assertThat(audit.get("total").asLong()).isEqualTo(1);
        assertThat(audit.get("items").get(0).get("detail").get("knownUser").asBoolean()).isFalse();
    }

    @Test
    void aUserChangesTheirOwnPasswordGivingTheCurrentOne() {
        ApiClient asUser = api.withPassword(PASSWORD);

        assertInvalid(asUser.post("/api/v1/me/password", """
                {"currentPassword": "not it", "newPassword": "another long secret"}""", name), "currentPassword");
        assertInvalid(asUser.post("/api/v1/me/password", """
                {"currentPassword": "%s", "newPassword": "%s"}""".formatted(PASSWORD, PASSWORD), name), "newPassword");
        assertInvalid(asUser.post("/api/v1/me/password", """
                {"currentPassword": "%s", "newPassword": "short"}""".formatted(PASSWORD), name), "newPassword");
        Response changed = asUser.post("/api/v1/me/password", """
                {"currentPassword": "%s", "newPassword": "another long secret"}""".formatted(PASSWORD), name);

        assertThat(changed.status()).as(changed.body()).isEqualTo(204);
        assertThat(asUser.get("/api/v1/me", name).status()).as("the old password").isEqualTo(401);
        assertThat(api.withPassword("another long secret").get("/api/v1/me", name).status()).isEqualTo(200);
        JsonNode audit = api.getJson("/api/v1/audit?action=USER_PASSWORD&targetId=" + name, "auditor");
        assertThat(audit.get("items").get(0).get("actor").asString()).isEqualTo(name);
        assertThat(audit.get("items").get(0).get("detail").get("own").asBoolean()).isTrue();
    }

    private Response signIn(String password) {
        return api.withPassword(password).get("/api/v1/me", name);
    }

    private double failures(String reason) {
        return Search.in(metrics).name("decisioning.sign_in.failures").tag("reason", reason).counters().stream()
                .mapToDouble(counter -> counter.count()).sum();
    }
}
