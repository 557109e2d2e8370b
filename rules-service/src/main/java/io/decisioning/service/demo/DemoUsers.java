package io.decisioning.service.demo;

import static io.decisioning.service.system.Role.ACCOUNT_MANAGER;
import static io.decisioning.service.system.Role.ADMIN;
import static io.decisioning.service.system.Role.ANALYST;
import static io.decisioning.service.system.Role.APPROVER;
import static io.decisioning.service.system.Role.AUDITOR;
import static io.decisioning.service.system.Role.INTEGRATION;
import static io.decisioning.service.system.Role.METRICS;
import static io.decisioning.service.system.Role.UNDERWRITER;

import io.decisioning.service.system.DatabaseMode;
import io.decisioning.service.system.Role;
import io.decisioning.service.system.RulesProperties;
import io.decisioning.service.system.UserAccount;
import io.decisioning.service.user.UserService;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * The demo users of DESIGN.md section 6 (password "demo", branch HQ), {@code crm} (INTEGRATION), {@code prometheus}
 * (METRICS, the scraper of section 14) and an
 * account manager of the demo book (section 12), added to {@code app_user} when {@code rules.demo.users} is
 * on (by default only with the embedded database). A demo user that exists is left alone, so a password or role changed through the API
 * stays changed across restarts.
 *
 * <p>Runs once every bean exists and before the web server takes requests (not as an
 * {@code ApplicationRunner}, which runs after), so the first request can sign in as a demo user.
 */
@Component
public class DemoUsers implements SmartInitializingSingleton {

    static final String PASSWORD = "demo";
    /**
     * An account manager of the demo book, in Shenzhen: the generator names a branch's managers
     * {@code am.<branch without '-'>.<01-12>} ({@code DemoBook}), so a book of a few thousand customers gives this
     * one some dozens of customers to show a manager's view of due lists with.
     */
    static final String ACCOUNT_MANAGER_USER = "am.gdsz.03";
    static final String ACCOUNT_MANAGER_BRANCH = "GD-SZ";
    static final String ACTOR = "system";

    private static final Logger log = LoggerFactory.getLogger(DemoUsers.class);

    private final UserService users;
    private final boolean enabled;

    DemoUsers(UserService users, RulesProperties properties, DatabaseMode mode) {
        this.users = users;
        this.enabled = properties.demo().usersEnabled(mode.embedded());
    }

    @Override
    public void afterSingletonsInstantiated() {
        if (!enabled) {
            return;
        }
        List<String> added = new ArrayList<>(users.addMissing(demoUsers(), PASSWORD, UserAccount.HEAD_OFFICE, ACTOR));
        added.addAll(users.addMissing(Map.of(ACCOUNT_MANAGER_USER, Set.of(ACCOUNT_MANAGER)), PASSWORD, ACCOUNT_MANAGER_BRANCH,
                ACTOR));
        if (added.isEmpty()) {
            log.info("Demo users: all present, none changed");
        } else {
            log.info("Demo users added: {}", added);
        }
    }

    /** The demo users of branch HQ, by name. */
    static Map<String, Set<Role>> demoUsers() {
        Map<String, Set<Role>> users = new LinkedHashMap<>();
        users.put("underwriter", Set.of(UNDERWRITER));
        users.put("analyst", Set.of(ANALYST));
        users.put("approver", Set.of(APPROVER));
        users.put("admin", Set.of(ADMIN));
        users.put("auditor", Set.of(AUDITOR));
        users.put("crm", Set.of(INTEGRATION));
        users.put("prometheus", Set.of(METRICS));
        return users;
    }
}
