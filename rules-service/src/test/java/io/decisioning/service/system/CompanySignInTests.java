package io.decisioning.service.system;

import static io.decisioning.service.ProblemAssertions.assertConflict;
import static io.decisioning.service.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.decisioning.service.ApiClient.Response;
import io.decisioning.service.ApiClient;
import io.decisioning.service.customer.CrmFixtures;
import io.decisioning.testing.LdapServer;
import io.decisioning.testing.OidcProvider;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.search.Search;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Sign-in with the company's identity provider (DESIGN.md section 14), against real servers the test starts: an
 * OpenID Connect provider (Spring Authorization Server, {@link OidcProvider}) whose access tokens the API takes, and
 * an LDAP directory (UnboundID, {@link LdapServer}) whose passwords HTTP Basic takes. Roles and branch come from the
 * token's claims and the directory's groups and attribute; a token of another issuer, expired, or without the roles
 * claim is a 401, a person with none of the service's roles a 403 saying so, never a default role. Either kind of user
 * gets a row of the service's, which an administrator may disable but whose roles and password are the provider's.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CompanySignInTests {

    private static final OidcProvider PROVIDER = OidcProvider.start();
    private static final LdapServer DIRECTORY = LdapServer.start();

    @DynamicPropertySource
    static void identityProviders(DynamicPropertyRegistry properties) {
        properties.add("rules.security.oidc.issuer-uri", PROVIDER::issuer);
        properties.add("rules.security.oidc.client-id", () -> "decisioning-admin");
        properties.add("rules.security.ldap.url", DIRECTORY::url);
        properties.add("rules.security.ldap.base", () -> LdapServer.BASE);
        properties.add("rules.security.ldap.manager-dn", () -> LdapServer.MANAGER_DN);
        properties.add("rules.security.ldap.manager-password", () -> LdapServer.MANAGER_PASSWORD);
        properties.add("rules.security.ldap.group-base", () -> "ou=groups," + LdapServer.BASE);
        properties.add("rules.security.ldap.group-roles.risk-analysts", () -> "ANALYST");
        properties.add("rules.security.ldap.group-roles.Underwriting", () -> "UNDERWRITER");
        properties.add("rules.security.ldap.group-roles.approvers", () -> "APPROVER");
        properties.add("rules.security.ldap.branch-attribute", () -> "departmentNumber");
        properties.add("rules.security.ldap.remember", () -> "0s"); // a bind every request: a group change counts at once
    }

    @AfterAll
    static void stopProviders() {
        PROVIDER.close();
        DIRECTORY.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MeterRegistry metrics;

    ApiClient api;

    @BeforeEach
    void client() {
        api = new ApiClient(port);
    }

    @Test
    void aTokenOfTheProviderSignsInWithTheRolesAndBranchOfItsClaims() {
        ApiClient underwriter = api.withBearer(PROVIDER.token("underwriter-gd"));

        JsonNode me = underwriter.getJson("/api/v1/me", null);

        assertThat(me.get("username").asString()).isEqualTo("sso.ouyang");
        assertThat(me.get("roles").toString()).isEqualTo("[\"UNDERWRITER\"]");
        assertThat(me.get("branchCode").asString()).isEqualTo("GD");
        assertProblem(underwriter.get("/api/v1/users", null), 403);
        JsonNode user = api.getJson("/api/v1/users/sso.ouyang", "admin");
        assertThat(user.get("origin").asString()).isEqualTo("OIDC");
        assertThat(audited("USER_PROVISIONED", "sso.ouyang")).isEqualTo(1);
    }

    @Test
    void aPreBindCheckWithATokenIsRecordedUnderTheTokensUser() {
        ApiClient underwriter = api.withBearer(PROVIDER.token("underwriter-gd"));
        CrmFixtures crm = new CrmFixtures(jdbc);
        long customer = crm.customer();
        crm.policy(customer, "ACTIVE", CrmFixtures.today().minusMonths(2), "3200.00");

        Response check = underwriter.post("/api/v1/checks/pre-bind", "{\"customerNo\":\"" + crm.customerNo(customer) + "\"}", null);

        assertThat(check.status()).as(check.body()).isEqualTo(200);
        assertThat(checkedBy(check)).isEqualTo("sso.ouyang");
    }

    @Test
    void aTokenUserDisabledAfterTheirSignInWasRememberedIsRefusedAtTheNextCheckAndNothingIsRecorded() {
        ApiClient underwriter = api.withBearer(PROVIDER.token("underwriter-hq"));
        CrmFixtures crm = new CrmFixtures(jdbc);
        long customer = crm.customer();
        String body = "{\"customerNo\":\"" + crm.customerNo(customer) + "\"}";
        assertThat(underwriter.post("/api/v1/checks/pre-bind", body, null).status()).isEqualTo(200);
        long checks = checksBy("sso.underwriter");
        try {
            jdbc.sql("UPDATE app_user SET enabled = FALSE WHERE username = 'sso.underwriter'").update();

            Response refused = underwriter.post("/api/v1/checks/pre-bind", body, null);

            assertProblem(refused, 401);
            assertThat(refused.json().get("type").asString()).endsWith("/sign-in-changed");
            assertProblem(underwriter.post("/api/v1/checks/pre-bind", body, null), 401);
            assertThat(checksBy("sso.underwriter")).isEqualTo(checks);
        } finally {
            jdbc.sql("UPDATE app_user SET enabled = TRUE WHERE username = 'sso.underwriter'").update();
        }
        assertThat(underwriter.post("/api/v1/checks/pre-bind", body, null).status()).isEqualTo(200);
    }

    @Test
    void aRoleClaimMatchesTheServicesRoleInAnyCase() {
        assertThat(api.withBearer(PROVIDER.token("admin-hq")).get("/api/v1/users", null).status()).isEqualTo(200);
    }

    @Test
    void aTokenOfAnotherIssuerIsRefusedEvenWhenSignedByTheSameKeys() {
        String other = PROVIDER.token("http://127.0.0.1:" + PROVIDER.port(), "underwriter-gd");
        double before = failures("invalid_token");

        Response refused = api.withBearer(other).get("/api/v1/me", null);

        assertProblem(refused, 401);
        assertThat(refused.json().get("type").asString()).endsWith("/invalid-token");
        assertThat(refused.json().get("detail").asString()).contains("iss");
        assertThat(failures("invalid_token")).isEqualTo(before + 1);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE action = 'SIGN_IN_FAILED' AND actor = 'bearer-token' "
                + "AND target_id = :digest").param("digest", CredentialDigest.shortName(other)).query(Long.class).single())
                .as("audited under a digest of the token, never the token").isEqualTo(1);
    }

    @Test
    void anExpiredTokenIsRefused() {
        Response refused = api.withBearer(PROVIDER.token("expired")).get("/api/v1/me", null);

        assertProblem(refused, 401);
        assertThat(refused.json().get("detail").asString()).contains("expired");
    }

    @Test
    void aTokenWithoutTheRolesOrTheBranchClaimIsRefusedNeverGivenADefaultRole() {
        Response noRoles = api.withBearer(PROVIDER.token("no-roles")).get("/api/v1/me", null);
        Response noBranch = api.withBearer(PROVIDER.token("no-branch")).get("/api/v1/me", null);

        assertProblem(noRoles, 401);
        assertThat(noRoles.json().get("detail").asString()).contains("'roles' claim");
        assertProblem(noBranch, 401);
        assertThat(noBranch.json().get("detail").asString()).contains("'branch' claim");
        assertThat(userExists("sso.noroles")).isFalse();
        assertThat(userExists("sso.nobranch")).isFalse();
    }

    @Test
    void aTokenWhoseRolesAreNoneOfTheServicesIsForbiddenSayingSoInTheReadersLanguage() {
        String token = PROVIDER.token("unmapped");

        Response english = api.withBearer(token).get("/api/v1/me", null);
        Response chinese = api.withBearer(token).inLanguage("zh-CN").get("/api/v1/me", null);

        assertProblem(english, 403);
        assertThat(english.json().get("type").asString()).endsWith("/sign-in-refused");
        assertThat(english.json().get("detail").asString()).contains("sso.sales").contains("SALES, offline_access");
        assertThat(chinese.json().get("detail").asString()).contains("都不是本服务的角色");
        assertThat(audited("SIGN_IN_REFUSED", "sso.sales")).isGreaterThanOrEqualTo(2);
        assertThat(userExists("sso.sales")).isFalse();
    }

    @Test
    void aTokenCannotTakeOverAUserOfTheServicesOwn() {
        Response refused = api.withBearer(PROVIDER.token("takes-local-name")).get("/api/v1/users", null);

        assertProblem(refused, 403);
        assertThat(refused.json().get("detail").asString()).contains("has a user admin of its own");
    }

    @Test
    void aGarbledTokenIsRefused() {
        assertProblem(api.withBearer("not.a.token").get("/api/v1/me", null), 401);
    }

    @Test
    void anAdministratorDisablesADirectoryUserButCannotChangeTheirRolesOrPassword() {
        ApiClient ssoAdmin = api.withBearer(PROVIDER.token("admin-hq"));
        ssoAdmin.getJson("/api/v1/me", null);
        String body = "{\"roles\": [\"%s\"], \"branchCode\": \"HQ\", \"enabled\": %s}";
        try {
            assertConflict(api.put("/api/v1/users/sso.admin", body.formatted("ANALYST", "true"), "admin"));
            assertConflict(api.post("/api/v1/users/sso.admin/password", "{\"password\": \"a long new password\"}", "admin"));
            assertConflict(ssoAdmin.post("/api/v1/me/password",
                    "{\"currentPassword\": \"x\", \"newPassword\": \"a long new password\"}", null));

            Response disabled = api.put("/api/v1/users/sso.admin", body.formatted("ADMIN", "false"), "admin");
            assertThat(disabled.status()).as(disabled.body()).isEqualTo(200);

            assertProblem(ssoAdmin.get("/api/v1/me", null), 401);
        } finally {
            api.put("/api/v1/users/sso.admin", body.formatted("ADMIN", "true"), "admin");
        }
        assertThat(ssoAdmin.get("/api/v1/me", null).status()).isEqualTo(200);
    }

    @Test
    void aDirectoryPasswordSignsInWithTheRolesOfTheUsersGroupsAndTheirBranch() {
        JsonNode me = api.withPassword(LdapServer.PASSWORD).getJson("/api/v1/me", "li.na");

        assertThat(me.get("roles").toString()).isEqualTo("[\"ANALYST\"]");
        assertThat(me.get("branchCode").asString()).isEqualTo("GD");
        assertThat(api.getJson("/api/v1/users/li.na", "admin").get("origin").asString()).isEqualTo("LDAP");
        assertThat(api.get("/api/v1/me", "admin").status()).as("the service's own users sign in as before").isEqualTo(200);
    }

    @Test
    void aDirectoryUserRecordsPreBindChecks() {
        ApiClient zhao = api.withPassword(LdapServer.PASSWORD);
        CrmFixtures crm = new CrmFixtures(jdbc);
        long customer = crm.customer();
        crm.policy(customer, "ACTIVE", CrmFixtures.today().minusMonths(2), "3200.00");

        JsonNode me = zhao.getJson("/api/v1/me", "zhao.lei");
        Response check = zhao.post("/api/v1/checks/pre-bind", "{\"customerNo\":\"" + crm.customerNo(customer) + "\"}", "zhao.lei");

        assertThat(me.get("roles").toString()).isEqualTo("[\"UNDERWRITER\",\"APPROVER\"]");
        assertThat(me.get("branchCode").asString()).isEqualTo("HQ");
        assertThat(check.status()).as(check.body()).isEqualTo(200);
        assertThat(checkedBy(check)).isEqualTo("zhao.lei");
    }

    @Test
    void aDirectoryUserTakenOutOfAGroupLosesItsRoleAtTheNextSignInAndTheChangeIsAudited() {
        ApiClient sun = api.withPassword(LdapServer.PASSWORD);
        assertThat(sun.getJson("/api/v1/me", "sun.li").get("roles").toString()).isEqualTo("[\"UNDERWRITER\",\"APPROVER\"]");
        long changes = audited("USER_DIRECTORY_CHANGE", "sun.li");

        DIRECTORY.removeFromGroup("approvers", "sun.li");

        assertThat(sun.getJson("/api/v1/me", "sun.li").get("roles").toString()).isEqualTo("[\"UNDERWRITER\"]");
        assertThat(api.getJson("/api/v1/users/sun.li", "admin").get("roles").toString()).isEqualTo("[\"UNDERWRITER\"]");
        assertThat(audited("USER_DIRECTORY_CHANGE", "sun.li")).isEqualTo(changes + 1);
        assertProblem(sun.post("/api/v1/warnings/1/acknowledge", "{\"note\": \"x\"}", "sun.li"), 403);
    }

    @Test
    void aDirectoryUserInNoMappedGroupIsForbiddenSayingSo() {
        Response refused = api.withPassword(LdapServer.PASSWORD).get("/api/v1/me", "wang.wei");
        Response noBranch = api.withPassword(LdapServer.PASSWORD).get("/api/v1/me", "chen.jie");

        assertProblem(refused, 403);
        assertThat(refused.json().get("type").asString()).endsWith("/sign-in-refused");
        assertThat(refused.json().get("detail").asString()).contains("in none of the directory's groups").contains("all-staff");
        assertProblem(noBranch, 403);
        assertThat(noBranch.json().get("detail").asString()).contains("departmentNumber");
    }

    @Test
    void aWrongOrEmptyDirectoryPasswordIsAWrongPasswordCountedAndAudited() {
        double before = failures("wrong_password");

        assertProblem(api.withPassword("not the password").get("/api/v1/me", "zhao.lei"), 401);
        assertProblem(api.withPassword("").get("/api/v1/me", "zhao.lei"), 401);

        assertThat(failures("wrong_password")).isEqualTo(before + 2);
        assertThat(audited("SIGN_IN_FAILED", "zhao.lei")).isGreaterThanOrEqualTo(2);
    }

    @Test
    void theSignInPageLearnsOfTheDirectoryAndOfSingleSignOn() {
        JsonNode options = api.getJson("/api/v1/sign-in", null);

        assertThat(options.get("password").asBoolean()).isTrue();
        assertThat(options.get("ldap").asBoolean()).isTrue();
        assertThat(options.get("oidc").get("clientId").asString()).isEqualTo("decisioning-admin");
        assertThat(options.get("oidc").get("authorizationEndpoint").asString()).isEqualTo(PROVIDER.issuer() + "/oauth2/authorize");
        assertThat(options.get("oidc").get("tokenEndpoint").asString()).isEqualTo(PROVIDER.issuer() + "/oauth2/token");
    }

    private long checksBy(String username) {
        return jdbc.sql("SELECT COUNT(*) FROM pre_bind_check WHERE checked_by = :username").param("username", username)
                .query(Long.class).single();
    }

    private String checkedBy(Response check) {
        return jdbc.sql("SELECT checked_by FROM pre_bind_check WHERE check_id = :id")
                .param("id", check.json().get("checkId").asString()).query(String.class).single();
    }

    private long audited(String action, String actor) {
        return jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE action = :action AND actor = :actor")
                .param("action", action).param("actor", actor).query(Long.class).single();
    }

    private boolean userExists(String username) {
        return jdbc.sql("SELECT COUNT(*) FROM app_user WHERE username = :username").param("username", username)
                .query(Long.class).single() > 0;
    }

    private double failures(String reason) {
        return Search.in(metrics).name("decisioning.sign_in.failures").tag("reason", reason).counters().stream()
                .mapToDouble(counter -> counter.count()).sum();
    }
}
