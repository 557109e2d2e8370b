package io.decisioning.testing;

import static org.springframework.security.config.Customizer.withDefaults;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.servlet.context.AnnotationConfigServletWebServerApplicationContext;
import org.springframework.boot.web.servlet.DelegatingFilterProxyRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configuration.OAuth2AuthorizationServerConfiguration;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real OpenID Connect provider for the sign-in tests: Spring Authorization Server on a port of its own, in a Spring
 * context of its own (no Spring Boot auto-configuration, nothing of the service's). Its tokens carry the claims the
 * service reads ({@code preferred_username}, {@code roles}, {@code branch}), per client for the client-credentials
 * grant that the API tests use, per user for the authorization code flow that the admin UI uses. Tokens asked for at
 * {@code http://127.0.0.1:port} name that as their issuer: another issuer, signed by the same keys. Outside the
 * service's packages, so that the service's component scan never finds its configuration.
 */
public final class OidcProvider implements AutoCloseable {

    /** Every user's password; a client's secret is this and its id ({@link #secret}). */
    public static final String SECRET = "provider-secret";

    /** The claims of each client's tokens (client credentials) and each user's (authorization code). */
    static final Map<String, Map<String, Object>> CLAIMS = Map.of(
            "underwriter-gd", Map.of("preferred_username", "sso.ouyang", "roles", List.of("UNDERWRITER"), "branch", "GD"),
            "underwriter-hq", Map.of("preferred_username", "sso.underwriter", "roles", List.of("UNDERWRITER"), "branch", "HQ"),
            "admin-hq", Map.of("preferred_username", "sso.admin", "roles", List.of("admin"), "branch", "HQ"),
            "no-roles", Map.of("preferred_username", "sso.noroles", "branch", "HQ"),
            "no-branch", Map.of("preferred_username", "sso.nobranch", "roles", List.of("ANALYST")),
            "unmapped", Map.of("preferred_username", "sso.sales", "roles", List.of("SALES", "offline_access"), "branch", "HQ"),
            "takes-local-name", Map.of("preferred_username", "admin", "roles", List.of("ADMIN"), "branch", "HQ"),
            "expired", Map.of("preferred_username", "sso.ouyang", "roles", List.of("UNDERWRITER"), "branch", "GD"),
            "li.sso", Map.of("preferred_username", "li.sso", "roles", List.of("ANALYST", "APPROVER"), "branch", "HQ"));

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final AnnotationConfigServletWebServerApplicationContext context;
    private final int port;

    private OidcProvider(AnnotationConfigServletWebServerApplicationContext context) {
        this.context = context;
        this.port = context.getWebServer().getPort();
    }

    public static OidcProvider start() {
        AnnotationConfigServletWebServerApplicationContext context = new AnnotationConfigServletWebServerApplicationContext();
        context.register(Provider.class);
        context.refresh();
        return new OidcProvider(context);
    }

    /** The issuer the service is configured with. */
    public String issuer() {
        return "http://localhost:" + port;
    }

    public int port() {
        return port;
    }

    /** An access token of this client (client credentials), from this issuer. */
    public String token(String clientId) {
        return token(issuer(), clientId);
    }

    /** An access token of this client, asked for at {@code base}, whose issuer it names. */
    public String token(String base, String clientId) {
        String basic = Base64.getEncoder().encodeToString((clientId + ":" + secret(clientId)).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/oauth2/token"))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope="
                        + URLEncoder.encode("api", StandardCharsets.UTF_8)))
                .build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("No token for " + clientId + ": " + response.statusCode() + " " + response.body());
            }
            return JSON.readTree(response.body()).get("access_token").asString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A client's secret: the provider refuses two clients with one secret. */
    static String secret(String clientId) {
        return SECRET + "-" + clientId;
    }

    /** Lets the admin UI at this address sign people in: a public client with PKCE, redirecting back to the UI. */
    public void allowAdminUi(String clientId, String redirectUri) {
        context.getBean(InMemoryRegisteredClientRepository.class).save(RegisteredClient.withId(UUID.randomUUID().toString())
                .clientId(clientId)
                .clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUri(redirectUri)
                .scope(OidcScopes.OPENID)
                .scope(OidcScopes.PROFILE)
                .clientSettings(ClientSettings.builder().requireProofKey(true).requireAuthorizationConsent(false).build())
                .build());
    }

    @Override
    public void close() {
        context.close();
    }

    @Configuration(proxyBeanMethods = false)
    @EnableWebSecurity
    static class Provider {

        @Bean
        TomcatServletWebServerFactory webServer() {
            TomcatServletWebServerFactory tomcat = new TomcatServletWebServerFactory(0);
            tomcat.setRegisterDefaultServlet(true); // Tomcat runs filters only for a request some servlet is mapped to
            return tomcat;
        }

        @Bean
        DelegatingFilterProxyRegistrationBean securityFilter() {
            return new DelegatingFilterProxyRegistrationBean("springSecurityFilterChain");
        }

        @Bean
        @Order(1)
        SecurityFilterChain endpoints(HttpSecurity http) throws Exception {
            http.oauth2AuthorizationServer(server -> {
                        http.securityMatcher(server.getEndpointsMatcher());
                        server.oidc(withDefaults());
                    })
                    .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                    .cors(withDefaults())
                    .exceptionHandling(errors -> errors.defaultAuthenticationEntryPointFor(
                            new LoginUrlAuthenticationEntryPoint("/login"), new MediaTypeRequestMatcher(MediaType.TEXT_HTML)));
            return http.build();
        }

        @Bean
        @Order(2)
        SecurityFilterChain login(HttpSecurity http) throws Exception {
            return http.authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                    .formLogin(withDefaults())
                    .build();
        }

        @Bean
        CorsConfigurationSource corsConfigurationSource() {
            CorsConfiguration cors = new CorsConfiguration();
            cors.addAllowedOriginPattern("*");
            cors.addAllowedMethod("*");
            cors.addAllowedHeader("*");
            UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
            source.registerCorsConfiguration("/**", cors);
            return source;
        }

        @Bean
        UserDetailsService users() {
            return new InMemoryUserDetailsManager(User.withUsername("li.sso").password("{noop}" + SECRET).roles("USER").build());
        }

        @Bean
        InMemoryRegisteredClientRepository clients() {
            return new InMemoryRegisteredClientRepository(CLAIMS.keySet().stream().filter(id -> !id.contains("."))
                    .map(id -> RegisteredClient.withId(UUID.randomUUID().toString())
                            .clientId(id)
                            .clientSecret("{noop}" + secret(id))
                            .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                            .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                            .scope("api")
                            .tokenSettings(TokenSettings.builder().accessTokenTimeToLive(Duration.ofHours(1)).build())
                            .build())
                    .toList());
        }

        @Bean
        JWKSource<SecurityContext> keys() throws NoSuchAlgorithmException {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            RSAKey key = new RSAKey.Builder((RSAPublicKey) pair.getPublic()).privateKey((RSAPrivateKey) pair.getPrivate())
                    .keyID(UUID.randomUUID().toString()).build();
            return new ImmutableJWKSet<>(new JWKSet(key));
        }

        /** For the provider's own user-info endpoint. */
        @Bean
        JwtDecoder jwtDecoder(JWKSource<SecurityContext> keys) {
            return OAuth2AuthorizationServerConfiguration.jwtDecoder(keys);
        }

        @Bean
        AuthorizationServerSettings settings() {
            return AuthorizationServerSettings.builder().build();
        }

        /** The service's claims in the access tokens; the "expired" client's expired ten minutes before they are issued. */
        @Bean
        OAuth2TokenCustomizer<JwtEncodingContext> claims() {
            return context -> {
                if (!OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
                    return;
                }
                String who = context.getPrincipal().getName();
                CLAIMS.getOrDefault(who, Map.of()).forEach((name, value) -> context.getClaims().claim(name, value));
                if ("expired".equals(who)) {
                    Instant past = Instant.now().minus(Duration.ofMinutes(20));
                    context.getClaims().issuedAt(past).notBefore(past).expiresAt(past.plus(Duration.ofMinutes(10)));
                }
            };
        }
    }
}
