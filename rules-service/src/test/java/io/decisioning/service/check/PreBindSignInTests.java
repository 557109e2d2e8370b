package io.decisioning.service.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.decisioning.service.ApiClient.Response;
import io.decisioning.service.ApiClient;
import io.decisioning.service.customer.CrmFixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A pre-bind check is signed in from a sign-in this node verified moments ago, without reading the
 * user; a change to the user made meanwhile (here straight in the database, as another node would)
 * still refuses the very next check, and nothing of it is stored.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PreBindSignInTests {

    private static final String CHECK = "/api/v1/checks/pre-bind";
    private static final String PASSWORD = "a long passphrase for checks";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    ApiClient api;
    ApiClient asUser;
    CrmFixtures crm;
    String user;
    String body;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        asUser = api.withPassword(PASSWORD);
        crm = new CrmFixtures(jdbc);
        user = "checker" + CrmFixtures.uniqueNumber().replace("-", "").toLowerCase();
        assertThat(api.post("/api/v1/users", """
                {"username": "%s", "password": "%s", "roles": ["UNDERWRITER"], "branchCode": "GD"}
                """.formatted(user, PASSWORD), "admin").status()).isEqualTo(201);
        long customer = crm.customer();
        crm.policy(customer, "ACTIVE", CrmFixtures.today().minusMonths(2), "3200.00");
        body = "{\"customerNo\":\"" + crm.customerNo(customer) + "\"}";
        assertThat(asUser.post(CHECK, body, user).status()).isEqualTo(200);
    }

    @Test
    void aUserDisabledAfterTheirSignInWasRememberedIsRefusedAtTheNextCheckAndNothingIsRecorded() {
        int checks = recordedChecks();
        jdbc.sql("UPDATE app_user SET enabled = FALSE WHERE username = :user").param("user", user).update();

        Response refused = asUser.post(CHECK, body, user);

        assertThat(refused.status()).as(refused.body()).isEqualTo(401);
        assertThat(refused.json().get("type").asString()).endsWith("/sign-in-changed");
        assertThat(recordedChecks()).isEqualTo(checks);
        assertThat(asUser.post(CHECK, body, user).status()).isEqualTo(401);
        assertThat(recordedChecks()).isEqualTo(checks);
    }

    @Test
    void aUserWhoLostTheRoleIsRefusedAtTheNextCheckAndThenForbidden() {
        jdbc.sql("UPDATE app_user SET roles = 'ANALYST' WHERE username = :user").param("user", user).update();

        assertThat(asUser.post(CHECK, body, user).status()).isEqualTo(401);
        assertThat(asUser.post(CHECK, body, user).status()).isEqualTo(403);
    }

    @Test
    void aNewPasswordRefusesTheOldOneAtTheNextCheck() {
        Response changed = api.post("/api/v1/users/" + user + "/password", "{\"password\": \"another long passphrase\"}",
                "admin");
        assertThat(changed.status()).as(changed.body()).isEqualTo(204);

        assertThat(asUser.post(CHECK, body, user).status()).isEqualTo(401);
        assertThat(api.withPassword("another long passphrase").post(CHECK, body, user).status()).isEqualTo(200);
    }

    @Test
    void aUserMovedToABranchThatCannotSeeTheCustomerNoLongerGetsItsAnswer() {
        jdbc.sql("UPDATE app_user SET branch_code = 'BJ' WHERE username = :user").param("user", user).update();

        assertThat(asUser.post(CHECK, body, user).status()).isEqualTo(401);
        assertThat(asUser.post(CHECK, body, user).status()).isEqualTo(404);
    }

    @Test
    void anUnchangedUserChecksAgainAndEachCheckIsRecorded() {
        int checks = recordedChecks();

        assertThat(asUser.post(CHECK, body, user).status()).isEqualTo(200);

        assertThat(recordedChecks()).isEqualTo(checks + 1);
    }

    private int recordedChecks() {
        return jdbc.sql("SELECT COUNT(*) FROM pre_bind_check WHERE checked_by = :user").param("user", user)
                .query(Integer.class).single();
    }
}
