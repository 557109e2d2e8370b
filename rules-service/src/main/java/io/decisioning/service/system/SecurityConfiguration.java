package io.decisioning.service.system;

import static io.decisioning.service.system.Role.ADMIN;
import static io.decisioning.service.system.Role.ANALYST;
import static io.decisioning.service.system.Role.APPROVER;
import static io.decisioning.service.system.Role.AUDITOR;
import static io.decisioning.service.system.Role.INTEGRATION;
import static io.decisioning.service.system.Role.UNDERWRITER;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;

/**
 * HTTP Basic authentication and the role rules of DESIGN.md section 6. Every API path has an
 * explicit rule; anything not listed is denied.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    static final String DEMO_PASSWORD = "demo";

    @Bean
    SecurityFilterChain api(HttpSecurity http, ProblemWriter problems) throws Exception {
        http.csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .httpBasic(basic -> basic.authenticationEntryPoint(problems::unauthorized))
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint(problems::unauthorized)
                        .accessDeniedHandler(problems::forbidden))
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers(HttpMethod.POST, "/api/v1/checks/pre-bind").hasAnyRole(names(UNDERWRITER, ADMIN))
                        .requestMatchers(HttpMethod.POST, "/api/v1/customers/*/evaluate")
                        .hasAnyRole(names(UNDERWRITER, APPROVER, ADMIN))
                        .requestMatchers(HttpMethod.GET, "/api/v1/customers/*/assessment", "/api/v1/customers/*/assessments")
                        .hasAnyRole(names(UNDERWRITER, ANALYST, APPROVER, ADMIN))
                        .requestMatchers(HttpMethod.GET, "/api/v1/blacklist", "/api/v1/blacklist/*")
                        .hasAnyRole(names(UNDERWRITER, ANALYST, APPROVER, ADMIN))
                        .requestMatchers(HttpMethod.POST, "/api/v1/blacklist", "/api/v1/blacklist/*/lift")
                        .hasAnyRole(names(APPROVER, ADMIN))
                        .requestMatchers(HttpMethod.POST, "/api/v1/events").hasAnyRole(names(INTEGRATION, ADMIN))
                        .requestMatchers(HttpMethod.GET, "/api/v1/events", "/api/v1/events/*")
                        .hasAnyRole(names(INTEGRATION, ANALYST, ADMIN))
                        .requestMatchers(HttpMethod.POST, "/api/v1/events/*/retry").hasRole(ADMIN.name())
                        .requestMatchers(HttpMethod.GET, "/api/v1/warnings", "/api/v1/warnings/*")
                        .hasAnyRole(names(UNDERWRITER, ANALYST, APPROVER, ADMIN))
                        .requestMatchers(HttpMethod.POST, "/api/v1/warnings/*/acknowledge", "/api/v1/warnings/*/resolve")
                        .hasAnyRole(names(APPROVER, ADMIN))
                        .requestMatchers(HttpMethod.GET, "/api/v1/rule-packs", "/api/v1/rule-packs/**")
                        .hasAnyRole(names(ANALYST, APPROVER, ADMIN))
                        .requestMatchers(HttpMethod.POST, "/api/v1/rule-packs/*/versions", "/api/v1/rule-packs/*/versions/*/test",
                                "/api/v1/rule-packs/*/versions/*/simulate")
                        .hasAnyRole(names(ANALYST, ADMIN))
                        .requestMatchers(HttpMethod.POST, "/api/v1/rule-packs/*/versions/*/publish", "/api/v1/rule-packs/*/rollback")
                        .hasAnyRole(names(APPROVER, ADMIN))
                        .requestMatchers(HttpMethod.POST, "/api/v1/batch-runs").hasRole(ADMIN.name())
                        .requestMatchers(HttpMethod.GET, "/api/v1/batch-runs", "/api/v1/batch-runs/*")
                        .hasAnyRole(names(UNDERWRITER, ANALYST, APPROVER, ADMIN))
                        .requestMatchers(HttpMethod.GET, "/actuator/health", "/actuator/health/**", "/actuator/info").permitAll()
                        .requestMatchers(HttpMethod.GET, "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**")
                        .permitAll()
                        .requestMatchers(HttpMethod.GET, "/", "/admin", "/admin/**", "/favicon.ico").permitAll()
                        .requestMatchers("/error").permitAll()
                        .requestMatchers("/actuator/**").hasRole(ADMIN.name())
                        .anyRequest().denyAll());
        return http.build();
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder();
    }

    /**
     * The demo users of DESIGN.md section 6 (password "demo", branch HQ) when
     * {@code rules.demo.users} is on. Stored users come with the users-and-roles work.
     */
    @Bean
    UserDetailsService users(RulesProperties properties, DatabaseMode mode, PasswordEncoder encoder) {
        Map<String, UserAccount> accounts = new ConcurrentHashMap<>();
        if (properties.demo().usersEnabled(mode.embedded())) {
            String hash = encoder.encode(DEMO_PASSWORD);
            Map<String, Set<Role>> demo = Map.of(
                    "underwriter", EnumSet.of(UNDERWRITER),
                    "analyst", EnumSet.of(ANALYST),
                    "approver", EnumSet.of(APPROVER),
                    "admin", EnumSet.of(ADMIN),
                    "auditor", EnumSet.of(AUDITOR),
                    "crm", EnumSet.of(INTEGRATION));
            demo.forEach((name, roles) -> accounts.put(name, new UserAccount(name, hash, roles, UserAccount.HEAD_OFFICE)));
        }
        return username -> {
            UserAccount account = accounts.get(username);
            if (account == null) {
                throw new UsernameNotFoundException("no such user");
            }
            return account;
        };
    }

    private static String[] names(Role... roles) {
        return Arrays.stream(roles).map(Role::name).toArray(String[]::new);
    }
}
