package io.decisioning.service.system;

import io.decisioning.rules.engine.Sentence;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.SupplierJwtDecoder;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;

/**
 * Sign-in with an access token of the company's OpenID Connect provider ({@code rules.security.oidc.*}, DESIGN.md
 * section 14). Spring Security checks the token (signed by the provider's keys, read from its discovery document at
 * the first token; from the configured issuer; not expired, by the service's {@link Clock}; for the audience, when
 * set); this class makes a user of it: the name, roles and branch from the configured claims, and the user's row
 * ({@link DirectoryAccounts}). A token without the roles or the branch claim is refused with 401, one whose roles
 * are none of the service's with 403 ({@link SignInRefusedException}): never a default role.
 */
final class BearerTokens implements AuthenticationProvider {

    private final RulesProperties.Oidc oidc;
    private final DirectoryAccounts accounts;
    private final JwtAuthenticationProvider tokens;

    BearerTokens(RulesProperties.Oidc oidc, DirectoryAccounts accounts, Clock clock) {
        this(oidc, accounts, new SupplierJwtDecoder(() -> {
            NimbusJwtDecoder decoder = NimbusJwtDecoder.withIssuerLocation(oidc.issuerUri()).build();
            decoder.setJwtValidator(validator(oidc, clock));
            return decoder;
        }));
    }

    BearerTokens(RulesProperties.Oidc oidc, DirectoryAccounts accounts, JwtDecoder decoder) {
        this.oidc = oidc;
        this.accounts = accounts;
        this.tokens = new JwtAuthenticationProvider(decoder);
        this.tokens.setJwtAuthenticationConverter(this::signIn);
    }

    /** The issuer, the token's times by the service's clock, and the audience when one is configured. */
    static OAuth2TokenValidator<Jwt> validator(RulesProperties.Oidc oidc, Clock clock) {
        JwtTimestampValidator times = new JwtTimestampValidator(oidc.clockSkew());
        times.setClock(clock);
        List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>(List.of(times, new JwtIssuerValidator(oidc.issuerUri())));
        if (!oidc.audience().isBlank()) {
            validators.add(new JwtClaimValidator<Collection<String>>("aud", aud -> aud != null && aud.contains(oidc.audience())));
        }
        return new DelegatingOAuth2TokenValidator<>(validators);
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        try {
            return tokens.authenticate(authentication);
        } catch (AuthenticationException e) {
            throw e;
        } catch (RuntimeException e) {
            // the provider's discovery document or keys could not be read: not the caller's fault, and not a sign-in
            throw new AuthenticationServiceException("The identity provider could not be reached: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return BearerTokenAuthenticationToken.class.isAssignableFrom(authentication);
    }

    private AbstractAuthenticationToken signIn(Jwt jwt) {
        String username = jwt.getClaimAsString(oidc.usernameClaim());
        if (username == null || username.isBlank()) {
            throw new InvalidBearerTokenException("The token carries no '" + oidc.usernameClaim() + "' claim naming the user");
        }
        Object claimed = claim(jwt.getClaims(), oidc.rolesClaim());
        if (claimed == null) {
            throw new InvalidBearerTokenException("The token carries no '" + oidc.rolesClaim() + "' claim with the user's roles");
        }
        Set<String> values = values(claimed);
        Set<Role> roles = roles(values);
        if (roles.isEmpty()) {
            String given = values.isEmpty() ? "none" : String.join(", ", values);
            throw new SignInRefusedException(username, new Sentence(
                    "Signed in as " + username + ", but none of the roles your identity provider gives (" + given
                            + ") is one of the service's. Ask an administrator to give you a role of the service.",
                    "已作为 " + username + " 登录，但身份提供方给出的角色（" + given + "）都不是本服务的角色。请联系管理员为您分配本服务的角色。"));
        }
        Object branch = claim(jwt.getClaims(), oidc.branchClaim());
        if (!(branch instanceof String code) || code.isBlank()) {
            throw new InvalidBearerTokenException("The token carries no '" + oidc.branchClaim() + "' claim with the user's branch");
        }
        UserAccount account = accounts.signIn(new DirectoryUser(SignInOrigin.OIDC, username, roles, code.strip()));
        return new TokenSignIn(account, jwt.getExpiresAt());
    }

    /** A sign-in with a token, and until when the token holds ({@link RememberedSignIns} keeps it no longer). */
    static final class TokenSignIn extends UsernamePasswordAuthenticationToken {

        private final transient @Nullable Instant expiresAt;

        TokenSignIn(UserAccount account, @Nullable Instant expiresAt) {
            super(account, null, account.getAuthorities());
            this.expiresAt = expiresAt;
        }

        @Nullable Instant expiresAt() {
            return expiresAt;
        }
    }

    /** A claim, by a path with '.' into nested claims ({@code realm_access.roles}). */
    private static @Nullable Object claim(Map<String, Object> claims, String path) {
        Object value = claims;
        for (String name : path.split("\\.")) {
            if (!(value instanceof Map<?, ?> map)) {
                return null;
            }
            value = map.get(name);
        }
        return value;
    }

    /** A list claim's values, or a string's split at spaces and commas. */
    private static Set<String> values(Object claimed) {
        Collection<?> items = claimed instanceof Collection<?> list ? list : Arrays.asList(String.valueOf(claimed).split("[\\s,]+"));
        return items.stream().map(String::valueOf).map(String::strip).filter(value -> !value.isEmpty())
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    /** The service's roles of the claim's values: through the role mapping when there is one, else by the roles' names. */
    private Set<Role> roles(Set<String> values) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String value : values) {
            if (!oidc.roleMapping().isEmpty()) {
                oidc.roleMapping().entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(value))
                        .forEach(e -> roles.add(e.getValue()));
            } else {
                Arrays.stream(Role.values()).filter(role -> role.name().equals(value.toUpperCase(Locale.ROOT))).forEach(roles::add);
            }
        }
        return roles;
    }
}
