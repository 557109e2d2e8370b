package io.decisioning.service.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.decisioning.service.ApiClient;
import io.decisioning.service.ApiClient.Response;
import io.decisioning.service.system.DatabaseMode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The first administrator from settings, on a database without demo users: added once, signs in, is
 * audited; never overwrites or re-enables an existing user; a weak password stops the start.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "rules.demo.users=false",
        "rules.bootstrap.admin.username=root.admin",
        "rules.bootstrap.admin.password=correct horse battery staple"})
class BootstrapAdminTests {

    private static final String PASSWORD = "correct horse battery staple";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    UserService users;

    @Autowired
    DatabaseMode mode;

    @Test
    void theFirstAdministratorIsAddedSignsInAndIsAudited() {
        // A fresh embedded database: an external one shared with other test classes has their demo admin.
        assumeTrue(mode.embedded(), "needs the fresh embedded database of this test class");
        Response me = new ApiClient(port).withPassword(PASSWORD).get("/api/v1/me", "root.admin");

        assertThat(me.status()).as(me.body()).isEqualTo(200);
        assertThat(me.json().get("roles").toString()).isEqualTo("[\"ADMIN\"]");
        assertThat(me.json().get("branchCode").asString()).isEqualTo("HQ");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM app_user WHERE username IN ('admin', 'analyst')").query(Long.class).single())
                .as("no demo users").isZero();
        Map<String, Object> audit = jdbc.sql("SELECT actor, detail FROM audit_event WHERE action = 'USER_CREATE' AND target_id = 'root.admin'")
                .query().singleRow();
        assertThat(audit.get("actor")).isEqualTo("system");
        assertThat((String) audit.get("detail")).contains("bootstrap").doesNotContain(PASSWORD);
    }

    @Test
    void onceAnAdministratorExistsTheSettingAddsNoOneAndAnExistingUserIsNeverChanged() {
        new BootstrapAdmin(users, "second.admin", "another long passphrase").afterSingletonsInstantiated();
        assertThat(exists("second.admin")).isFalse();

        // Every administrator disabled: an existing user of the name stays as it is (not re-enabled, same hash) ...
        List<String> admins = jdbc.sql("SELECT username FROM app_user WHERE enabled = TRUE AND FIND_IN_SET('ADMIN', roles) > 0")
                .query(String.class).list();
        jdbc.sql("INSERT INTO app_user (username, password_hash, roles, branch_code, enabled, created_at, created_by, updated_at, updated_by)"
                + " VALUES ('old.admin', 'not-a-hash', 'ADMIN', 'HQ', FALSE, UTC_TIMESTAMP(3), 't', UTC_TIMESTAMP(3), 't')").update();
        jdbc.sql("UPDATE app_user SET enabled = FALSE WHERE username IN (:admins)").param("admins", admins).update();
        try {
            new BootstrapAdmin(users, "old.admin", "a different passphrase").afterSingletonsInstantiated();
            assertThat(jdbc.sql("SELECT enabled FROM app_user WHERE username = 'old.admin'").query(Boolean.class).single()).isFalse();
            assertThat(jdbc.sql("SELECT password_hash FROM app_user WHERE username = 'old.admin'").query(String.class).single())
                    .isEqualTo("not-a-hash");

            // ... and a new name is added.
            new BootstrapAdmin(users, "rescue.admin", "a rescue passphrase!").afterSingletonsInstantiated();
            assertThat(exists("rescue.admin")).isTrue();
        } finally {
            jdbc.sql("UPDATE app_user SET enabled = TRUE WHERE username IN (:admins)").param("admins", admins).update();
            jdbc.sql("UPDATE app_user SET enabled = FALSE WHERE username = 'rescue.admin'").update();
        }
    }

    @Test
    void aShortPasswordOrAMalformedNameStopsTheStartWithoutRepeatingThePassword() {
        assertThatThrownBy(() -> new BootstrapAdmin(users, "root.admin", "short-pw"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("at least 12 characters")
                .hasMessageNotContaining("short-pw");
        assertThatThrownBy(() -> new BootstrapAdmin(users, "Root Admin", "a long enough passphrase"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("rules.bootstrap.admin.username");
    }

    private boolean exists(String username) {
        return jdbc.sql("SELECT COUNT(*) FROM app_user WHERE username = :u").param("u", username).query(Long.class).single() > 0;
    }
}
