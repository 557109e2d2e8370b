package io.decisioning.service.system;

import static io.decisioning.service.system.Role.ACCOUNT_MANAGER;
import static io.decisioning.service.system.Role.ADMIN;
import static io.decisioning.service.system.Role.ANALYST;
import static io.decisioning.service.system.Role.APPROVER;
import static io.decisioning.service.system.Role.AUDITOR;
import static io.decisioning.service.system.Role.INTEGRATION;
import static io.decisioning.service.system.Role.METRICS;
import static io.decisioning.service.system.Role.UNDERWRITER;

import java.net.URI;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.DefaultAuthenticationEventPublisher;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationFailureLockedEvent;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.header.writers.StaticHeadersWriter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;

/**
 * Sign-in and the role rules of DESIGN.md section 6. Every API path has an explicit rule; anything not listed is
 * denied. Users sign in with HTTP Basic: the service's own users ({@code app_user}, read by the user package's
 * {@code UserDetailsService}, through {@link VerifiedCredentialsCache}), then, when {@code rules.security.ldap.url} is
 * set, the company's directory ({@link LdapSignIns}); and, when {@code rules.security.oidc.issuer-uri} is set, with a
 * bearer token of the company's OpenID Connect provider ({@link BearerTokens}). The same rules for all of them.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    /**
     * The admin UI loads only its own scripts, styles and API: no inline script, no framing (clickjacking),
     * no plugins, forms only to itself. Besides Spring Security's defaults on every answer
     * (X-Content-Type-Options nosniff, X-Frame-Options DENY, Cache-Control no-store).
     */
    static final String ADMIN_CONTENT_SECURITY_POLICY = contentSecurityPolicy("");

    /**
     * The admin UI's policy: with single sign-on, the UI also calls the provider's token endpoint (the origin of its
     * issuer) to turn the code it was given into a token.
     */
    static String contentSecurityPolicy(String issuerUri) {
        String connect = issuerUri.isBlank() ? "'self'" : "'self' " + origin(issuerUri);
        return "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src " + connect
                + "; object-src 'none'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";
    }

    private static String origin(String uri) {
        URI parsed = URI.create(uri);
        return parsed.getScheme() + "://" + parsed.getRawAuthority();
    }

    /** Sign-in with the company's directory: its connections are made at the first sign-in that needs them. */
    @Bean
    LdapSignIns ldapSignIns(RulesProperties properties, DirectoryAccounts accounts, Clock clock) {
        return new LdapSignIns(properties.security().ldap(), accounts, clock);
    }

    /**
     * The sign-ins of the requests that record what they do on every call: remembered for a while, whether with a
     * password of the service's, of the company's directory, or a bearer token.
     */
    @Bean
    RememberedSignIns rememberedSignIns(VerifiedCredentialsCache signIns, LdapSignIns directory, BearerTokens tokens,
                                        RulesProperties properties, Clock clock) {
        return new RememberedSignIns(new ProviderManager(passwords(signIns, directory, properties)), tokens, clock);
    }

    /** Sign-in with a bearer token: the provider's discovery document and keys are read at the first token. */
    @Bean
    BearerTokens bearerTokens(RulesProperties properties, DirectoryAccounts accounts, Clock clock) {
        return new BearerTokens(properties.security().oidc(), accounts, clock);
    }

    /**
     * No Spring Security observations: with an ObservationRegistry present (Actuator), Spring Security
     * wraps each of its filters, every authentication and every authorization in an observation
     * ({@code management.observations.enable.spring.security=false} only turns them into no-ops after
     * they are created). Nobody collects those traces here, and they were a visible share of a
     * request's CPU in profiles; the {@code http.server.requests} metrics stay.
     */
    @Bean
    SecurityObservationSettings noSecurityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    /**
     * The requests that record what they do on every call, a pre-bind check and an event posted alone:
     * signed in from a sign-in this node verified moments ago, without reading the user
     * ({@link RememberedSignIns}); each proves the user unchanged in the statement that records it
     * ({@link SignIn}). The same rules as every other request.
     */
    @Bean
    @Order(1)
    SecurityFilterChain recordingRequests(HttpSecurity http, ProblemWriter problems, RememberedSignIns signIns,
                                          RulesProperties properties, ApplicationEventPublisher events) throws Exception {
        http.securityMatcher(new OrRequestMatcher(
                        PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, "/api/v1/checks/pre-bind"),
                        PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, "/api/v1/events")))
                .authenticationManager(manager(events, List.of(signIns)));
        return rules(http, problems, signIns, properties, events).build();
    }

    /**
     * Every other request: the user is read at each sign-in; only the password check is remembered (and a directory's
     * bind, {@code rules.security.ldap.remember}), a token is checked each time.
     */
    @Bean
    @Order(2)
    SecurityFilterChain api(HttpSecurity http, ProblemWriter problems, VerifiedCredentialsCache signIns,
                            LdapSignIns directory, BearerTokens tokens, RulesProperties properties,
                            ApplicationEventPublisher events) throws Exception {
        http.authenticationManager(manager(events, passwords(signIns, directory, properties)));
        return rules(http, problems, tokens, properties, events).build();
    }

    /** HTTP Basic: the service's own users first, then the company's directory when there is one. */
    private static List<AuthenticationProvider> passwords(AuthenticationProvider own, LdapSignIns directory,
                                                          RulesProperties properties) {
        return properties.security().ldap().enabled() ? List.of(own, directory) : List.of(own);
    }

    /**
     * The sign-ins of a chain, each announced as Spring Security's event: a wrong password is counted and audited,
     * and may lock the user out ({@code rules.security.lockout.*}); a right one sets the count back.
     */
    private static ProviderManager manager(ApplicationEventPublisher events, List<AuthenticationProvider> signIns) {
        ProviderManager manager = new ProviderManager(signIns);
        DefaultAuthenticationEventPublisher publisher = new DefaultAuthenticationEventPublisher(events);
        // the publisher knows exceptions by their exact class: the lockout's own is a LockedException too; a refused
        // token and a sign-in the identity provider vouched for but the service refuses have events of their own
        publisher.setAdditionalExceptionMappings(Map.of(AccountLockedException.class, AuthenticationFailureLockedEvent.class,
                InvalidBearerTokenException.class, AuthenticationFailureBadCredentialsEvent.class,
                SignInRefusedException.class, SignInRefusedEvent.class));
        manager.setAuthenticationEventPublisher(publisher);
        return manager;
    }

    private static HttpSecurity rules(HttpSecurity http, ProblemWriter problems, AuthenticationProvider tokens,
                                      RulesProperties properties, ApplicationEventPublisher events) throws Exception {
        if (properties.security().oidc().enabled()) {
            ProviderManager bearer = manager(events, List.of(tokens));
            http.oauth2ResourceServer(resource -> resource
                    .authenticationEntryPoint(problems::unauthorized)
                    .jwt(jwt -> jwt.authenticationManager(bearer))
                    .withObjectPostProcessor(new ObjectPostProcessor<BearerTokenAuthenticationFilter>() {
                        @Override
                        public <O extends BearerTokenAuthenticationFilter> O postProcess(O filter) {
                            // every refusal a problem, also "the provider could not be reached" (503), which the
                            // filter's own handler would throw on to the servlet container
                            filter.setAuthenticationFailureHandler(problems::unauthorized);
                            return filter;
                        }
                    }));
        }
        String policy = contentSecurityPolicy(properties.security().oidc().clientId().isBlank() ? ""
                : properties.security().oidc().issuerUri());
        // No CSRF tokens: every call carries its credentials (HTTP Basic or a bearer token) in its Authorization header and no
        // cookie or session exists (STATELESS), so a forged cross-site request has nothing to ride on.
        http.csrf(csrf -> csrf.disable())
                .headers(headers -> headers
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER))
                        .addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(
                                PathPatternRequestMatcher.withDefaults().matcher("/admin/**"),
                                new StaticHeadersWriter("Content-Security-Policy", policy))))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                // No logout, no saved requests, no servlet-API wrapping of the request: there is no session to end
                // or return to, and no code asks the request who signed in; three filters less on every request.
                .logout(logout -> logout.disable())
                .requestCache(cache -> cache.disable())
                .servletApi(servletApi -> servletApi.disable())
                .httpBasic(basic -> basic.authenticationEntryPoint(problems::unauthorized))
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint(problems::unauthorized)
                        .accessDeniedHandler(problems::forbidden))
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers(HttpMethod.POST, "/api/v1/checks/pre-bind").hasAnyRole(names(UNDERWRITER, ADMIN))
                        .requestMatchers(HttpMethod.POST, "/api/v1/customers/*/evaluate")
                        .hasAnyRole(names(UNDERWRITER, APPROVER, ADMIN))
                        .requestMatchers(HttpMethod.GET, "/api/v1/customers/*/assessment", "/api/v1/customers/*/assessments",
                                "/api/v1/customers", "/api/v1/customers/*")
                        .hasAnyRole(names(UNDERWRITER, ANALYST, APPROVER, ADMIN))
                        .requestMatchers(HttpMethod.GET, "/api/v1/customers/*/party", "/api/v1/customers/*/party/policies")
                        .hasAnyRole(names(UNDERWRITER, ANALYST, APPROVER, ADMIN))
                        .requestMatchers(HttpMethod.GET, "/api/v1/identity/candidates").hasAnyRole(names(ANALYST, APPROVER, ADMIN))
                        .requestMatchers(HttpMethod.POST, "/api/v1/identity/candidates/*/merge", "/api/v1/identity/candidates/*/reject",
                                "/api/v1/parties/*/split")
                        .hasAnyRole(names(APPROVER, ADMIN))
                        .requestMatchers(HttpMethod.GET, "/api/v1/blacklist", "/api/v1/blacklist/*")
                        .hasAnyRole(names(UNDERWRITER, ANALYST, APPROVER, ADMIN))
                        .requestMatchers(HttpMethod.POST, "/api/v1/blacklist", "/api/v1/blacklist/*/lift")
                        .hasAnyRole(names(APPROVER, ADMIN))
                        .requestMatchers(HttpMethod.POST, "/api/v1/events", "/api/v1/events/batch").hasAnyRole(names(INTEGRATION, ADMIN))
                        .requestMatchers(HttpMethod.GET, "/api/v1/events", "/api/v1/events/*")
                        .hasAnyRole(names(INTEGRATION, ANALYST, ADMIN))
                        .requestMatchers(HttpMethod.POST, "/api/v1/events/*/retry").hasRole(ADMIN.name())
                        .requestMatchers(HttpMethod.GET, "/api/v1/warnings", "/api/v1/warnings/*")
                        .hasAnyRole(names(UNDERWRITER, ANALYST, APPROVER, ADMIN))
                        .requestMatchers(HttpMethod.POST, "/api/v1/warnings/*/acknowledge", "/api/v1/warnings/*/resolve")
                        .hasAnyRole(names(APPROVER, ADMIN))
                        .requestMatchers(HttpMethod.GET, "/api/v1/due-lists", "/api/v1/due-lists/*")
                        .hasAnyRole(names(ANALYST, APPROVER, ADMIN, ACCOUNT_MANAGER))
                        .requestMatchers(HttpMethod.POST, "/api/v1/due-lists/*").hasRole(ADMIN.name())
                        .requestMatchers(HttpMethod.POST, "/api/v1/due-lists/*/items/*/outcome")
                        .hasAnyRole(names(ACCOUNT_MANAGER, APPROVER, ADMIN))
                        .requestMatchers(HttpMethod.GET, "/api/v1/rule-packs", "/api/v1/rule-packs/**")
                        .hasAnyRole(names(ANALYST, APPROVER, ADMIN))
                        .requestMatchers(HttpMethod.POST, "/api/v1/rule-packs/*/versions", "/api/v1/rule-packs/*/versions/import",
                                "/api/v1/rule-packs/*/versions/*/test",
                                "/api/v1/rule-packs/*/versions/*/simulate", "/api/v1/rule-packs/*/versions/*/backtest")
                        .hasAnyRole(names(ANALYST, ADMIN))
                        .requestMatchers(HttpMethod.POST, "/api/v1/rule-packs/*/versions/*/publish", "/api/v1/rule-packs/*/rollback")
                        .hasAnyRole(names(APPROVER, ADMIN))
                        .requestMatchers(HttpMethod.POST, "/api/v1/batch-runs").hasRole(ADMIN.name())
                        .requestMatchers(HttpMethod.GET, "/api/v1/batch-runs", "/api/v1/batch-runs/*")
                        .hasAnyRole(names(UNDERWRITER, ANALYST, APPROVER, ADMIN))
                        .requestMatchers(HttpMethod.GET, "/api/v1/account-managers/*/book")
                        .hasAnyRole(names(UNDERWRITER, ANALYST, APPROVER, ADMIN, ACCOUNT_MANAGER))
                        .requestMatchers(HttpMethod.GET, "/api/v1/reports/visits").hasAnyRole(names(ANALYST, APPROVER, ADMIN))
                        .requestMatchers(HttpMethod.GET, "/api/v1/complaints", "/api/v1/customers/*/complaints")
                        .hasAnyRole(names(UNDERWRITER, ANALYST, APPROVER, ADMIN))
                        .requestMatchers(HttpMethod.GET, "/api/v1/reports/complaints").hasAnyRole(names(ANALYST, APPROVER, ADMIN))
                        .requestMatchers(HttpMethod.GET, "/api/v1/account-managers", "/api/v1/account-managers/*")
                        .hasAnyRole(names(UNDERWRITER, ANALYST, APPROVER, ADMIN, ACCOUNT_MANAGER))
                        .requestMatchers(HttpMethod.POST, "/api/v1/account-managers").hasRole(ADMIN.name())
                        .requestMatchers(HttpMethod.PUT, "/api/v1/account-managers/*").hasRole(ADMIN.name())
                        .requestMatchers(HttpMethod.POST, "/api/v1/customers/*/contacts")
                        .hasAnyRole(names(ACCOUNT_MANAGER, INTEGRATION, ADMIN))
                        .requestMatchers(HttpMethod.GET, "/api/v1/customers/*/contacts")
                        .hasAnyRole(names(UNDERWRITER, ANALYST, APPROVER, ADMIN, ACCOUNT_MANAGER, INTEGRATION))
                        .requestMatchers(HttpMethod.GET, "/api/v1/assignment-proposals", "/api/v1/assignment-proposals/unplaced")
                        .hasAnyRole(names(APPROVER, ADMIN))
                        .requestMatchers(HttpMethod.POST, "/api/v1/assignment-proposals/*/accept",
                                "/api/v1/assignment-proposals/*/reject")
                        .hasAnyRole(names(APPROVER, ADMIN))
                        .requestMatchers(HttpMethod.GET, "/api/v1/sign-in").permitAll()
                        .requestMatchers(HttpMethod.GET, "/api/v1/me").authenticated()
                        .requestMatchers(HttpMethod.POST, "/api/v1/me/password").authenticated()
                        .requestMatchers(HttpMethod.GET, "/api/v1/dashboard")
                        .hasAnyRole(names(UNDERWRITER, ANALYST, APPROVER, ADMIN))
                        .requestMatchers("/api/v1/users", "/api/v1/users/**").hasRole(ADMIN.name())
                        .requestMatchers(HttpMethod.GET, "/api/v1/audit").hasAnyRole(names(AUDITOR, ADMIN))
                        .requestMatchers(HttpMethod.GET, "/actuator/health", "/actuator/health/**", "/actuator/info").permitAll()
                        .requestMatchers(HttpMethod.GET, "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**")
                        .permitAll()
                        .requestMatchers(HttpMethod.GET, "/", "/admin", "/admin/**", "/favicon.ico").permitAll()
                        .requestMatchers("/error").permitAll()
                        .requestMatchers(HttpMethod.GET, "/actuator/prometheus", "/actuator/metrics", "/actuator/metrics/**")
                        .hasAnyRole(names(METRICS, ADMIN))
                        .requestMatchers("/actuator/**").hasRole(ADMIN.name())
                        .anyRequest().denyAll());
        return http;
    }

    /**
     * A request the firewall refuses (an encoded '%', ';' or control character in its path, say) gets a
     * 400 problem like every other error, instead of Spring Boot's error page.
     */
    @Bean
    RequestRejectedHandler requestRejectedHandler(ProblemWriter problems) {
        return problems::rejected;
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder();
    }

    private static String[] names(Role... roles) {
        return Arrays.stream(roles).map(Role::name).toArray(String[]::new);
    }
}
