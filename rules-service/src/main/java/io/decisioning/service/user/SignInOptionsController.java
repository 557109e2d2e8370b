package io.decisioning.service.user;

import io.decisioning.service.system.RulesProperties;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;

/**
 * How people may sign in, for the admin UI's sign-in page, asked before anyone is signed in: a name and password
 * always (the service's own users, and the company's directory when there is one), and single sign-on with the
 * company's OpenID Connect provider when a client for the UI is configured ({@code rules.security.oidc.client-id}).
 * The provider's endpoints come from its discovery document, read once it answers.
 */
@RestController
class SignInOptionsController {

    private static final Logger log = LoggerFactory.getLogger(SignInOptionsController.class);

    private final RulesProperties.Security security;
    private final RestClient http;
    private volatile @Nullable Oidc discovered;

    SignInOptionsController(RulesProperties properties) {
        this.security = properties.security();
        SimpleClientHttpRequestFactory requests = new SimpleClientHttpRequestFactory();
        requests.setConnectTimeout(Duration.ofSeconds(5));
        requests.setReadTimeout(Duration.ofSeconds(5));
        this.http = RestClient.builder().requestFactory(requests).build();
    }

    /**
     * Single sign-on for the admin UI: a public client that gets a code with PKCE at {@code authorizationEndpoint} and
     * turns it into a token at {@code tokenEndpoint}.
     *
     * @param issuer                the provider, as its tokens name it
     * @param clientId              the admin UI's client at the provider
     * @param scopes                the scopes to ask for
     * @param authorizationEndpoint where the browser goes to sign in
     * @param tokenEndpoint         where the UI turns the code into a token
     * @param endSessionEndpoint    where signing out ends the provider's session too; null when it has none
     */
    record Oidc(String issuer, String clientId, String scopes, String authorizationEndpoint, String tokenEndpoint,
                @Nullable String endSessionEndpoint) {
    }

    /**
     * The ways to sign in.
     *
     * @param password whether a name and password are taken (always: the service's own users)
     * @param ldap     whether names and passwords of the company's directory are taken too
     * @param oidc     single sign-on for the admin UI; null when not configured, or while the provider does not answer
     */
    record SignInOptions(boolean password, boolean ldap, @Nullable Oidc oidc) {
    }

    /** How to sign in: name and password, the company's directory, single sign-on. Needs no sign-in. */
    @GetMapping("/api/v1/sign-in")
    SignInOptions options() {
        return new SignInOptions(true, security.ldap().enabled(), oidc());
    }

    private @Nullable Oidc oidc() {
        RulesProperties.Oidc settings = security.oidc();
        if (!settings.enabled() || settings.clientId().isBlank()) {
            return null;
        }
        Oidc known = discovered;
        if (known != null) {
            return known;
        }
        String issuer = settings.issuerUri().endsWith("/") ? settings.issuerUri() : settings.issuerUri() + "/";
        try {
            Map<?, ?> document = http.get().uri(URI.create(issuer).resolve(".well-known/openid-configuration"))
                    .retrieve().body(Map.class);
            if (document == null || !(document.get("authorization_endpoint") instanceof String authorize)
                    || !(document.get("token_endpoint") instanceof String token)) {
                log.warn("The identity provider's discovery document at {} names no authorization or token endpoint", issuer);
                return null;
            }
            Object endSession = document.get("end_session_endpoint");
            known = new Oidc(settings.issuerUri(), settings.clientId(), settings.scopes(), authorize, token,
                    endSession instanceof String end ? end : null);
            discovered = known;
            return known;
        } catch (RuntimeException e) {
            log.warn("The identity provider's discovery document at {} could not be read: {}", issuer, e.toString());
            return null;
        }
    }
}
