package io.decisioning.service.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;

/**
 * How a token's claims become the service's roles and branch ({@code rules.security.oidc.*}), for the shapes providers
 * give them: Keycloak's nested {@code realm_access.roles}, a space-separated string, a role mapping. The token itself
 * is checked by Spring Security against a real provider in {@link CompanySignInTests}; here the decoder hands the
 * claims over as they are.
 */
class BearerTokensTests {

    private final AtomicReference<DirectoryUser> signedIn = new AtomicReference<>();
    private final DirectoryAccounts accounts = user -> {
        signedIn.set(user);
        return new UserAccount(user.username(), "!OIDC", user.roles(), user.branchCode(), true,
                String.join(",", user.roles().stream().map(Role::name).sorted().toList()), 0, null, SignInOrigin.OIDC);
    };

    @Test
    void keycloaksNestedRealmRolesThroughARoleMapping() {
        BearerTokens tokens = tokens(oidc("realm_access.roles", Map.of("risk-analyst", Role.ANALYST, "Approver", Role.APPROVER)),
                Map.of("preferred_username", "li.na", "realm_access", Map.of("roles", List.of("risk-analyst", "approver",
                        "offline_access")), "branch", "GD"));

        Authentication signIn = tokens.authenticate(new BearerTokenAuthenticationToken("token"));

        assertThat(signedIn.get()).isEqualTo(new DirectoryUser(SignInOrigin.OIDC, "li.na", Set.of(Role.ANALYST, Role.APPROVER), "GD"));
        assertThat(((UserAccount) signIn.getPrincipal()).origin()).isEqualTo(SignInOrigin.OIDC);
        assertThat(((BearerTokens.TokenSignIn) signIn).expiresAt()).isAfter(Instant.now());
    }

    @Test
    void aSpaceSeparatedStringOfRoleNamesWithoutAMapping() {
        tokens(oidc("roles", Map.of()), Map.of("preferred_username", "wang.wei", "roles", "underwriter  approver,UNKNOWN",
                "branch", " SH ")).authenticate(new BearerTokenAuthenticationToken("token"));

        assertThat(signedIn.get().roles()).containsExactlyInAnyOrder(Role.UNDERWRITER, Role.APPROVER);
        assertThat(signedIn.get().branchCode()).isEqualTo("SH");
    }

    @Test
    void withAMappingOnlyTheMappedValuesCountNotTheRolesNames() {
        BearerTokens tokens = tokens(oidc("roles", Map.of("risk-analyst", Role.ANALYST)),
                Map.of("preferred_username", "zhao.lei", "roles", List.of("ADMIN"), "branch", "HQ"));

        assertThatThrownBy(() -> tokens.authenticate(new BearerTokenAuthenticationToken("token")))
                .isInstanceOf(SignInRefusedException.class)
                .hasMessageContaining("(ADMIN)");
        assertThat(signedIn.get()).isNull();
    }

    @Test
    void aNestedPathThatIsNotThereIsNoRolesClaim() {
        BearerTokens tokens = tokens(oidc("realm_access.roles", Map.of()),
                Map.of("preferred_username", "li.na", "realm_access", "not an object", "branch", "GD"));

        assertThatThrownBy(() -> tokens.authenticate(new BearerTokenAuthenticationToken("token")))
                .isInstanceOf(InvalidBearerTokenException.class)
                .hasMessageContaining("'realm_access.roles' claim");
    }

    private BearerTokens tokens(RulesProperties.Oidc oidc, Map<String, Object> claims) {
        return new BearerTokens(oidc, accounts, token -> Jwt.withTokenValue(token).header("alg", "RS256")
                .claims(all -> all.putAll(claims)).issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(300)).build());
    }

    private static RulesProperties.Oidc oidc(String rolesClaim, Map<String, Role> mapping) {
        return new RulesProperties.Oidc("https://sso.example", "decisioning-admin", "", "openid", "preferred_username",
                rolesClaim, "branch", mapping, Duration.ofSeconds(60));
    }
}
