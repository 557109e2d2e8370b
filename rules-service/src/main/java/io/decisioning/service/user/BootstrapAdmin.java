package io.decisioning.service.user;

import io.decisioning.service.system.RulesProperties;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The first administrator of a real database, without SQL: with {@code rules.bootstrap.admin.password}
 * set (e.g. from the environment, {@code RULES_BOOTSTRAP_ADMIN_PASSWORD}), a user
 * {@code rules.bootstrap.admin.username} (default {@code admin}) with role ADMIN and branch HQ is added
 * at start-up when no enabled administrator exists. An existing user of that name is never changed or
 * re-enabled, and once any administrator exists the setting does nothing (so it may stay set). A
 * password shorter than the password policy, or a malformed name, stops the start with a message that
 * never repeats the password.
 */
@Component
class BootstrapAdmin implements SmartInitializingSingleton {

    static final String ACTOR = "system";

    private static final Logger log = LoggerFactory.getLogger(BootstrapAdmin.class);

    private final UserService users;
    private final String username;
    private final String password;

    @Autowired
    BootstrapAdmin(UserService users, RulesProperties properties) {
        this(users, properties.bootstrap().admin().username(), properties.bootstrap().admin().password());
    }

    BootstrapAdmin(UserService users, String username, String password) {
        this.users = users;
        this.username = username.strip();
        this.password = password;
        if (!this.password.isEmpty()) {
            check();
        }
    }

    private void check() {
        if (!username.matches(User.USERNAME)) {
            throw new IllegalStateException("rules.bootstrap.admin.username '" + username + "' must match " + User.USERNAME);
        }
        if (password.length() < User.MIN_PASSWORD_LENGTH) {
            throw new IllegalStateException("rules.bootstrap.admin.password must have at least " + User.MIN_PASSWORD_LENGTH
                    + " characters");
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > User.MAX_PASSWORD_BYTES) {
            throw new IllegalStateException("rules.bootstrap.admin.password must be at most " + User.MAX_PASSWORD_BYTES
                    + " bytes in UTF-8");
        }
    }

    @Override
    public void afterSingletonsInstantiated() {
        if (password.isEmpty()) {
            return;
        }
        if (users.addFirstAdmin(username, password, ACTOR)) {
            log.info("First administrator '{}' added from rules.bootstrap.admin (role ADMIN, branch HQ)", username);
        } else if (users.hasEnabledAdmin()) {
            log.info("An enabled administrator exists; rules.bootstrap.admin changes nothing and may be removed");
        } else {
            log.warn("rules.bootstrap.admin: user '{}' exists but is not an enabled administrator; it is left unchanged."
                    + " Choose another rules.bootstrap.admin.username", username);
        }
    }
}
