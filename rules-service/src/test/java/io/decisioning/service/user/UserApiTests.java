package io.decisioning.service.user;

import static io.decisioning.service.ProblemAssertions.assertConflict;
import static io.decisioning.service.ProblemAssertions.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;

import io.decisioning.service.ApiClient.Response;
import io.decisioning.service.ApiClient;
import io.decisioning.service.demo.DemoUsers;
import io.decisioning.service.system.Role;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The users API over real HTTP, against the real database: users added, signing in with their
 * roles, passwords changed, roles changed and users disabled with effect on the very next request.
 * Each test makes its own users (the context and its database are shared with other test classes).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class UserApiTests {

    private static final String PASSWORD = "correct horse battery";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    UserService users;

    @Autowired
    DemoUsers demoUsers;

    ApiClient api;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
    }

    @Test
    void anAdminAddsAUserWhoSignsInWithTheirRoleAndNoOther() {
        String name = newName();

        Response created = create(name, PASSWORD, "[\"UNDERWRITER\"]", "GD");

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode user = created.json();
        assertThat(user.propertyNames()).containsExactlyInAnyOrder("username", "roles", "branchCode", "enabled",
                "createdAt", "createdBy", "updatedAt", "updatedBy", "failedSignIns", "lockedUntil", "origin");
        assertThat(user.get("origin").asString()).isEqualTo("LOCAL");
        assertThat(user.get("failedSignIns").asInt()).isZero();
        assertThat(user.get("lockedUntil").isNull()).isTrue();
        assertThat(user.get("username").asString()).isEqualTo(name);
        assertThat(user.get("roles").valueStream().map(JsonNode::asString)).containsExactly("UNDERWRITER");
        assertThat(user.get("branchCode").asString()).isEqualTo("GD");
        assertThat(user.get("enabled").asBoolean()).isTrue();
        assertThat(user.get("createdBy").asString()).isEqualTo("admin");
        assertThat(user.get("createdAt").asString()).isNotBlank();
        assertThat(api.get("/api/v1/users/" + name, "admin").json()).isEqualTo(user);

        Map<String, Object> row = row(name);
        assertThat((String) row.get("password_hash")).startsWith("$2").doesNotContain(PASSWORD);
        assertThat(row.get("roles")).isEqualTo("UNDERWRITER");
        assertThat(row.get("branch_code")).isEqualTo("GD");
        assertThat(row.get("created_by")).isEqualTo("admin");

        ApiClient asUser = api.withPassword(PASSWORD);
        assertThat(asUser.get("/api/v1/warnings", name).status()).isEqualTo(200);
        assertThat(asUser.get("/api/v1/batch-runs", name).status()).isEqualTo(200);
        assertThat(asUser.get("/api/v1/rule-packs", name).status()).isEqualTo(403);
        assertThat(asUser.get("/api/v1/audit", name).status()).isEqualTo(403);
        assertThat(asUser.get("/api/v1/users", name).status()).isEqualTo(403);
        assertThat(asUser.post("/api/v1/batch-runs", null, name).status()).isEqualTo(403);
        assertThat(asUser.get("/api/v1/warnings", name.toUpperCase()).status()).as("names are exact").isEqualTo(401);
        assertThat(api.get("/api/v1/warnings", name).status()).as("wrong password").isEqualTo(401);
    }

    @Test
    void everyUserMayAskWhoTheyAreAndSeesTheirRolesAndBranch() {
        String name = newName();
        create(name, PASSWORD, "[\"UNDERWRITER\", \"ANALYST\"]", "GD-SZ");

        Response me = api.withPassword(PASSWORD).get("/api/v1/me", name);

        assertThat(me.status()).as(me.body()).isEqualTo(200);
        assertThat(me.json().propertyNames()).containsExactlyInAnyOrder("username", "roles", "branchCode", "origin");
        assertThat(me.json().get("username").asString()).isEqualTo(name);
        assertThat(me.json().get("roles").toString()).isEqualTo("[\"UNDERWRITER\",\"ANALYST\"]");
        assertThat(me.json().get("branchCode").asString()).isEqualTo("GD-SZ");
        assertThat(api.get("/api/v1/me", "crm").json().get("roles").toString()).isEqualTo("[\"INTEGRATION\"]");
        assertThat(api.get("/api/v1/me", null).status()).isEqualTo(401);
    }

    @Test
    void aChangedPasswordRefusesTheOldOneAtOnceAndAcceptsTheNewOne() {
        String name = newName();
        create(name, PASSWORD, "[\"UNDERWRITER\"]", "HQ");
        ApiClient oldPassword = api.withPassword(PASSWORD);
        assertThat(oldPassword.get("/api/v1/warnings", name).status()).isEqualTo(200);
        String hashBefore = (String) row(name).get("password_hash");

        Response changed = api.post("/api/v1/users/" + name + "/password", "{\"password\": \"a much better secret\"}",
                "admin");

        assertThat(changed.status()).as(changed.body()).isEqualTo(204);
        assertThat(changed.body()).isEmpty();
        assertThat(oldPassword.get("/api/v1/warnings", name).status()).isEqualTo(401);
        assertThat(api.withPassword("a much better secret").get("/api/v1/warnings", name).status()).isEqualTo(200);
        Map<String, Object> row = row(name);
        assertThat(row.get("password_hash")).isNotEqualTo(hashBefore);
        assertThat(row.get("updated_by")).isEqualTo("admin");
        // newest first: the old password tried after the change, counted as a failed sign-in; the change; the creation
        assertThat(auditDetails(name)).containsExactly("{\"knownUser\":true,\"inARow\":1}", "{}",
                createDetail("UNDERWRITER", "HQ"));
    }

    @Test
    void aDisabledUserIsRefusedAtOnceAndMayBeEnabledAgain() {
        String name = newName();
        create(name, PASSWORD, "[\"ANALYST\"]", "HQ");
        ApiClient asUser = api.withPassword(PASSWORD);
        assertThat(asUser.get("/api/v1/rule-packs", name).status()).isEqualTo(200);

        Response disabled = update(name, "[\"ANALYST\"]", "HQ", false);

        assertThat(disabled.status()).as(disabled.body()).isEqualTo(200);
        assertThat(disabled.json().get("enabled").asBoolean()).isFalse();
        assertThat(row(name).get("enabled")).isEqualTo(false);
        Response refused = asUser.get("/api/v1/rule-packs", name);
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.contentType()).startsWith("application/problem+json");

        assertThat(update(name, "[\"ANALYST\"]", "HQ", true).status()).isEqualTo(200);
        assertThat(asUser.get("/api/v1/rule-packs", name).status()).isEqualTo(200);
    }

    @Test
    void aRoleChangeTakesEffectWithTheNextRequest() {
        String name = newName();
        create(name, PASSWORD, "[\"UNDERWRITER\"]", "HQ");
        ApiClient asUser = api.withPassword(PASSWORD);
        assertThat(asUser.get("/api/v1/warnings", name).status()).isEqualTo(200);
        assertThat(asUser.get("/api/v1/rule-packs", name).status()).isEqualTo(403);

        Response changed = update(name, "[\"ANALYST\"]", "GD-SZ", true);

        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        assertThat(changed.json().get("roles").valueStream().map(JsonNode::asString)).containsExactly("ANALYST");
        assertThat(changed.json().get("branchCode").asString()).isEqualTo("GD-SZ");
        assertThat(changed.json().get("updatedBy").asString()).isEqualTo("admin");
        assertThat(asUser.get("/api/v1/rule-packs", name).status()).isEqualTo(200);

        assertThat(update(name, "[\"AUDITOR\"]", "GD-SZ", true).status()).isEqualTo(200);
        assertThat(asUser.get("/api/v1/rule-packs", name).status()).isEqualTo(403);
        assertThat(asUser.get("/api/v1/warnings", name).status()).isEqualTo(403);

        assertThat(update(name, "[\"ANALYST\", \"UNDERWRITER\", \"ANALYST\"]", "GD-SZ", true).json()
                .get("roles").valueStream().map(JsonNode::asString)).containsExactly("UNDERWRITER", "ANALYST");
        assertThat(row(name).get("roles")).isEqualTo("UNDERWRITER,ANALYST");
        assertThat(asUser.get("/api/v1/warnings", name).status()).isEqualTo(200);
        assertThat(asUser.get("/api/v1/rule-packs", name).status()).isEqualTo(200);
    }

    @Test
    void invalidNewUsersAre400NamingTheFieldAndStoreNothing() {
        String name = newName();
        assertInvalid(create("A" + name, PASSWORD, "[\"ANALYST\"]", "HQ"), "username");
        assertInvalid(create("ab", PASSWORD, "[\"ANALYST\"]", "HQ"), "username");
        assertInvalid(create(name + " x", PASSWORD, "[\"ANALYST\"]", "HQ"), "username");
        assertInvalid(create("x".repeat(65), PASSWORD, "[\"ANALYST\"]", "HQ"), "username");
        assertInvalid(create(name, "too short", "[\"ANALYST\"]", "HQ"), "password");
        assertInvalid(create(name, "x".repeat(73), "[\"ANALYST\"]", "HQ"), "password");
        assertInvalid(create(name, "密".repeat(25), "[\"ANALYST\"]", "HQ"), "password");   // 25 characters, 75 bytes
        assertInvalid(create(name, PASSWORD, "[]", "HQ"), "roles");
        assertInvalid(create(name, PASSWORD, "[\"BOSS\"]", "HQ"), "roles[0]");
        assertInvalid(create(name, PASSWORD, "[\"analyst\"]", "HQ"), "roles[0]");
        assertInvalid(create(name, PASSWORD, "\"ANALYST\"", "HQ"), "roles");
        assertInvalid(create(name, PASSWORD, "[\"ANALYST\"]", "gd"), "branchCode");
        assertInvalid(create(name, PASSWORD, "[\"ANALYST\"]", "G_"), "branchCode");
        assertInvalid(create(name, PASSWORD, "[\"ANALYST\"]", "GD-"), "branchCode");
        assertInvalid(create(name, PASSWORD, "[\"ANALYST\"]", "GD%"), "branchCode");
        assertInvalid(create(name, PASSWORD, "[\"ANALYST\"]", "GD-" + "X".repeat(30)), "branchCode");
        assertInvalid(api.post("/api/v1/users", """
                {"username": "%s", "password": "%s", "roles": ["ANALYST"], "branchCode": "HQ", "email": "x@y.z"}
                """.formatted(name, PASSWORD), "admin"), "email");
        assertInvalid(api.post("/api/v1/users", """
                {"username": "%s", "roles": ["ANALYST"], "branchCode": "HQ"}""".formatted(name), "admin"), "password");
        assertInvalid(api.post("/api/v1/users", """
                {"username": "%s", "password": "%s", "branchCode": "HQ"}""".formatted(name, PASSWORD), "admin"), "roles");
        assertInvalid(api.post("/api/v1/users", null, "admin"), "body");

        assertThat(jdbc.sql("SELECT COUNT(*) FROM app_user WHERE username LIKE :name")
                .param("name", "%" + name + "%").query(Long.class).single()).isZero();
        assertThat(auditDetails(name)).isEmpty();
        assertThat(create(name, PASSWORD, "[\"ANALYST\"]", "HQ").status()).isEqualTo(201);
    }

    @Test
    void invalidChangesAre400NamingTheFieldAndChangeNothing() {
        String name = newName();
        create(name, PASSWORD, "[\"ANALYST\"]", "GD");
        Map<String, Object> before = row(name);

        assertInvalid(update(name, "[]", "GD", true), "roles");
        assertInvalid(update(name, "[\"ROOT\"]", "GD", true), "roles[0]");
        assertInvalid(update(name, "[\"ANALYST\"]", "G D", true), "branchCode");
        assertInvalid(api.put("/api/v1/users/" + name, "{\"roles\": [\"ANALYST\"], \"branchCode\": \"GD\"}", "admin"),
                "enabled");
        assertInvalid(api.put("/api/v1/users/" + name, """
                {"roles": ["ANALYST"], "branchCode": "GD", "enabled": true, "password": "sneaked in here"}""", "admin"),
                "password");
        assertInvalid(api.put("/api/v1/users/" + name, """
                {"roles": ["ANALYST"], "branchCode": "GD", "enabled": true, "username": "renamed"}""", "admin"),
                "username");
        assertInvalid(api.post("/api/v1/users/" + name + "/password", "{\"password\": \"short\"}", "admin"), "password");
        assertInvalid(api.post("/api/v1/users/" + name + "/password", "{}", "admin"), "password");
        assertInvalid(api.post("/api/v1/users/" + name + "/password", "{\"password\": \"" + "é".repeat(40) + "\"}",
                "admin"), "password");
        assertInvalid(api.post("/api/v1/users/" + name + "/password", """
                {"password": "a long enough one", "old": "x"}""", "admin"), "old");

        assertThat(row(name)).isEqualTo(before);
        assertThat(auditDetails(name)).hasSize(1);
        assertThat(api.withPassword(PASSWORD).get("/api/v1/rule-packs", name).status()).isEqualTo(200);
    }

    @Test
    void aTakenUsernameIs409AndTheExistingUserIsUnchanged() {
        String name = newName();
        create(name, PASSWORD, "[\"ANALYST\"]", "HQ");
        Map<String, Object> before = row(name);

        Response again = create(name, "another password", "[\"ADMIN\"]", "HQ");

        assertConflict(again);
        assertConflict(create("admin", "another password", "[\"ADMIN\"]", "HQ"));
        assertThat(row(name)).isEqualTo(before);
        assertThat(auditDetails(name)).hasSize(1);
        assertThat(api.withPassword("another password").get("/api/v1/rule-packs", name).status()).isEqualTo(401);
        assertThat(api.withPassword(PASSWORD).get("/api/v1/rule-packs", name).status()).isEqualTo(200);
    }

    @Test
    void noAnswerCarriesAPasswordOrAHash() {
        String name = newName();
        Response created = create(name, PASSWORD, "[\"APPROVER\"]", "HQ");
        String hash = (String) row(name).get("password_hash");
        Response list = api.get("/api/v1/users", "admin");
        Response one = api.get("/api/v1/users/" + name, "admin");
        Response updated = update(name, "[\"APPROVER\"]", "BJ", true);
        Response password = api.post("/api/v1/users/" + name + "/password", "{\"password\": \"" + PASSWORD + "!\"}", "admin");

        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().valueStream().map(user -> user.get("username").asString()))
                .contains(name, "admin", "analyst", "approver", "auditor", "crm", "underwriter");
        for (Response response : List.of(created, list, one, updated, password)) {
            assertThat(response.body()).as(response.body())
                    .doesNotContain(PASSWORD, hash, "$2a$", "$2b$", "$2y$", "\"password", "hash");
        }
        assertThat(auditDetails(name)).hasSize(3).allSatisfy(detail -> assertThat(detail)
                .doesNotContain(PASSWORD, hash, "$2a$", "\"password", "hash"));
    }

    @Test
    void onlyAdminsSeeOrChangeUsers() {
        String name = newName();
        create(name, PASSWORD, "[\"ANALYST\"]", "HQ");
        Map<String, Object> before = row(name);

        for (String user : List.of("underwriter", "analyst", "approver", "auditor", "crm")) {
            assertThat(api.get("/api/v1/users", user).status()).as(user).isEqualTo(403);
            assertThat(api.get("/api/v1/users/" + name, user).status()).as(user).isEqualTo(403);
            assertThat(create(name + "2", PASSWORD, "[\"ADMIN\"]", "HQ", user).status()).as(user).isEqualTo(403);
            assertThat(api.put("/api/v1/users/" + name, "{\"roles\": [\"ADMIN\"], \"branchCode\": \"HQ\", \"enabled\": true}",
                    user).status()).as(user).isEqualTo(403);
            assertThat(api.post("/api/v1/users/" + name + "/password", "{\"password\": \"" + PASSWORD + "\"}", user)
                    .status()).as(user).isEqualTo(403);
        }
        assertThat(api.get("/api/v1/users", null).status()).isEqualTo(401);
        assertThat(create(name + "2", PASSWORD, "[\"ADMIN\"]", "HQ", null).status()).isEqualTo(401);

        Response forbidden = api.get("/api/v1/users", "analyst");
        assertThat(forbidden.contentType()).startsWith("application/problem+json");
        assertThat(row(name)).isEqualTo(before);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM app_user WHERE username = :name").param("name", name + "2")
                .query(Long.class).single()).isZero();
        assertThat(auditDetails(name)).hasSize(1);
    }

    @Test
    void anAdminCannotDisableThemselvesOrDropTheirOwnAdminRole() {
        String boss = newName();
        create(boss, PASSWORD, "[\"ADMIN\"]", "HQ");
        ApiClient asBoss = api.withPassword(PASSWORD);
        Map<String, Object> before = row(boss);

        assertConflict(asBoss.put("/api/v1/users/" + boss, "{\"roles\": [\"ADMIN\"], \"branchCode\": \"HQ\", \"enabled\": false}",
                boss));
        assertConflict(asBoss.put("/api/v1/users/" + boss, "{\"roles\": [\"AUDITOR\"], \"branchCode\": \"HQ\", \"enabled\": true}",
                boss));
        assertThat(row(boss)).isEqualTo(before);
        assertThat(auditDetails(boss)).hasSize(1);
        assertThat(asBoss.get("/api/v1/users", boss).status()).isEqualTo(200);

        Response widened = asBoss.put("/api/v1/users/" + boss,
                "{\"roles\": [\"AUDITOR\", \"ADMIN\"], \"branchCode\": \"HQ\", \"enabled\": true}", boss);
        assertThat(widened.status()).as(widened.body()).isEqualTo(200);
        assertThat(row(boss).get("roles")).isEqualTo("ADMIN,AUDITOR");
        assertThat(asBoss.get("/api/v1/users", boss).status()).isEqualTo(200);

        assertThat(update(boss, "[\"AUDITOR\"]", "HQ", false).status()).as("another admin may").isEqualTo(200);
        assertThat(asBoss.get("/api/v1/users", boss).status()).isEqualTo(401);
    }

    @Test
    void anUnknownUserIs404() {
        String nobody = newName();

        Response get = api.get("/api/v1/users/" + nobody, "admin");
        assertThat(get.status()).isEqualTo(404);
        assertThat(get.contentType()).startsWith("application/problem+json");
        assertThat(get.json().get("type").asString()).endsWith("/not-found");
        assertThat(update(nobody, "[\"ANALYST\"]", "HQ", true).status()).isEqualTo(404);
        assertThat(api.post("/api/v1/users/" + nobody + "/password", "{\"password\": \"" + PASSWORD + "\"}", "admin")
                .status()).isEqualTo(404);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM app_user WHERE username = :name").param("name", nobody)
                .query(Long.class).single()).isZero();
        assertThat(auditDetails(nobody)).isEmpty();
    }

    @Test
    void theDemoUsersAreThereAndStartUpNeverOverwritesAUser() {
        Map<String, Object> admin = row("admin");
        assertThat(admin.get("roles")).isEqualTo("ADMIN");
        assertThat(admin.get("branch_code")).isEqualTo("HQ");
        assertThat(admin.get("created_by")).isEqualTo("system");
        assertThat(row("crm").get("roles")).isEqualTo("INTEGRATION");
        assertThat(row("prometheus").get("roles")).isEqualTo("METRICS");
        assertThat(row("am.gdsz.03").get("roles")).isEqualTo("ACCOUNT_MANAGER");
        assertThat(row("am.gdsz.03").get("branch_code")).isEqualTo("GD-SZ");
        for (String demo : List.of("underwriter", "analyst", "approver", "admin", "auditor", "crm", "prometheus", "am.gdsz.03")) {
            assertThat(api.get("/api/v1/users/" + demo, "admin").status()).as(demo).isEqualTo(200);
        }
        long demoRecords = jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE action = 'USER_CREATE' AND actor = 'system'")
                .query(Long.class).single();
        demoUsers.afterSingletonsInstantiated();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE action = 'USER_CREATE' AND actor = 'system'")
                .query(Long.class).single()).isEqualTo(demoRecords);
        assertThat(row("admin")).isEqualTo(admin);

        String changed = newName();
        String missing = newName();
        create(changed, PASSWORD, "[\"ANALYST\"]", "GD");
        List<String> added = users.addMissing(Map.of(changed, Set.of(Role.ADMIN), missing, Set.of(Role.ANALYST)), "demo",
                "HQ", "system");

        assertThat(added).containsExactly(missing);
        assertThat(row(changed).get("roles")).isEqualTo("ANALYST");
        assertThat(row(missing).get("created_by")).isEqualTo("system");
        assertThat(api.get("/api/v1/rule-packs", missing).status()).isEqualTo(200);
        assertThat(api.withPassword(PASSWORD).get("/api/v1/rule-packs", changed).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/rule-packs", changed).status()).isEqualTo(401);
    }

    private Response create(String username, String password, String roles, String branchCode) {
        return create(username, password, roles, branchCode, "admin");
    }

    private Response create(String username, String password, String roles, String branchCode, String by) {
        return api.post("/api/v1/users", """
                {"username": "%s", "password": "%s", "roles": %s, "branchCode": "%s"}
                """.formatted(username, password, roles, branchCode), by);
    }

    private Response update(String username, String roles, String branchCode, boolean enabled) {
        return api.put("/api/v1/users/" + username, """
                {"roles": %s, "branchCode": "%s", "enabled": %s}""".formatted(roles, branchCode, enabled), "admin");
    }

    private Map<String, Object> row(String username) {
        return jdbc.sql("SELECT * FROM app_user WHERE username = :name").param("name", username).query().singleRow();
    }

    /** The details of the user's audit records, newest first. */
    private List<String> auditDetails(String username) {
        return jdbc.sql("""
                        SELECT detail FROM audit_event WHERE target_type = 'USER' AND target_id = :name ORDER BY id DESC
                        """)
                .param("name", username)
                .query(String.class)
                .list();
    }

    private static String createDetail(String roles, String branchCode) {
        return "{\"roles\":[\"" + roles + "\"],\"branchCode\":\"" + branchCode + "\",\"enabled\":true}";
    }

    private static String newName() {
        return "t-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
