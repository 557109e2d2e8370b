package io.decisioning.service.system;

import io.decisioning.service.export.ListExport;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The web layer's own beans that a {@code @WebMvcTest} does not pick up by itself: the security
 * configuration (HTTP Basic, the role rules, the headers, the firewall's problems) with the sign-in
 * providers it uses, the problem writer of the filters, the exports of lists ({@link ListExport}), the settings
 * ({@link RulesProperties}: the largest request body) and the clock. The user store is a stand-in holding the demo
 * users (password "demo", branch HQ), as the embedded database's demo users are.
 */
@TestConfiguration(proxyBeanMethods = false)
@Import({SecurityConfiguration.class, VerifiedCredentialsCache.class, ProblemWriter.class,
        ClockConfiguration.class, ListExport.class})
@EnableConfigurationProperties(RulesProperties.class)
class WebSliceConfiguration {

    static final String PASSWORD = "demo";

    private static final Map<String, Role> DEMO_USERS = Map.of("underwriter", Role.UNDERWRITER, "analyst", Role.ANALYST,
            "approver", Role.APPROVER, "admin", Role.ADMIN, "auditor", Role.AUDITOR, "crm", Role.INTEGRATION,
            "am.gdsz.03", Role.ACCOUNT_MANAGER);

    @Bean
    UserDetailsService demoUsers(PasswordEncoder encoder) {
        String hash = encoder.encode(PASSWORD);
        return username -> {
            Role role = DEMO_USERS.get(username);
            if (role == null) {
                throw new UsernameNotFoundException("no such user");
            }
            return new UserAccount(username, hash, Set.of(role), UserAccount.HEAD_OFFICE);
        };
    }

    /** No company identity provider in the slice: nothing signs in through one. */
    @Bean
    DirectoryAccounts noDirectoryUsers() {
        return user -> {
            throw new IllegalStateException("No identity provider in a web slice test: " + user);
        };
    }
}
