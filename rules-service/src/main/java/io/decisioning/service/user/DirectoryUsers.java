package io.decisioning.service.user;

import io.decisioning.rules.engine.Sentence;
import io.decisioning.service.audit.AuditTrail;
import io.decisioning.service.system.DirectoryAccounts;
import io.decisioning.service.system.DirectoryUser;
import io.decisioning.service.system.SignInOrigin;
import io.decisioning.service.system.SignInRefusedException;
import io.decisioning.service.system.UserAccount;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.security.authentication.DisabledException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The rows of the users the company's identity provider signs in (V28). A sign-in reads the row (one primary-key read,
 * as an HTTP Basic sign-in does) and writes only when there is none yet or the provider now gives other roles or
 * another branch: the first sign-in adds the user ({@code USER_PROVISIONED}), a later change is recorded
 * ({@code USER_DIRECTORY_CHANGE}, with what it was and what it is). An administrator may disable such a user in the
 * service (their next request is refused); their roles and branch are the provider's.
 */
@Component
class DirectoryUsers implements DirectoryAccounts {

    /** What the {@code app_user} row can hold, and no control characters or spaces: the name shows in the audit trail. */
    private static final Pattern USERNAME = Pattern.compile("[\\p{L}\\p{N}._@-]{1,64}");
    private static final Pattern BRANCH_CODE = Pattern.compile(User.BRANCH_CODE);

    private final UserRepository users;
    private final AuditTrail audit;
    private final TransactionTemplate tx;
    private final Clock clock;

    DirectoryUsers(UserRepository users, AuditTrail audit, PlatformTransactionManager transactions, Clock clock) {
        this.users = users;
        this.audit = audit;
        this.tx = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    @Override
    public UserAccount signIn(DirectoryUser user) {
        String name = user.username();
        if (!USERNAME.matcher(name).matches()) {
            throw new SignInRefusedException(name, new Sentence(
                    "The name your identity provider gives (" + printable(name) + ") is not one the service can keep: "
                            + "1 to 64 letters, digits, '.', '_', '@' or '-'.",
                    "身份提供方给出的用户名（" + printable(name) + "）不符合要求：1 至 64 个字母、数字、'.'、'_'、'@' 或 '-'。"));
        }
        if (!BRANCH_CODE.matcher(user.branchCode()).matches()) {
            throw new SignInRefusedException(name, new Sentence(
                    "The branch your identity provider gives (" + printable(user.branchCode()) + ") is not a branch code: "
                            + User.BRANCH_CODE_MESSAGE + ".",
                    "身份提供方给出的机构（" + printable(user.branchCode()) + "）不是机构代码：应为大写字母和数字，下级机构以 '-' 分隔（如 HQ、GD、GD-SZ）。"));
        }
        Optional<UserAccount> known = users.account(name);
        if (known.isPresent()) {
            refuseUnlessDirectoryUser(known.get());
            if (same(known.get(), user)) {
                return known.get();
            }
        }
        UserAccount now = tx.execute(status -> write(user));
        refuseUnlessDirectoryUser(now);
        return now;
    }

    /** A user of the service's own keeps their name; one disabled by an administrator stays out. */
    private static void refuseUnlessDirectoryUser(UserAccount account) {
        String name = account.getUsername();
        if (account.origin() == SignInOrigin.LOCAL) {
            throw new SignInRefusedException(name, new Sentence(
                    "The service has a user " + name + " of its own, who signs in with the service's password: "
                            + "a name of the identity provider cannot take it over. Ask an administrator.",
                    "服务已有自己的用户 " + name + "（使用服务内的密码登录），身份提供方的同名用户不能接管该账号。请联系管理员。"));
        }
        if (!account.isEnabled()) {
            throw new DisabledException("disabled in the service");
        }
    }

    /** Adds the user or brings their row up to date, in one transaction with its audit row; the row as it is then. */
    private UserAccount write(DirectoryUser user) {
        Optional<User> before = users.lock(user.username());
        Map<String, Object> to = new LinkedHashMap<>(UserService.state(user.roles(), user.branchCode(), true));
        to.put("origin", user.origin().name());
        if (before.isEmpty()) {
            if (users.insertDirectoryUser(user, clock.instant())) {
                audit.record(user.username(), "USER_PROVISIONED", UserService.TARGET_TYPE, user.username(), to);
            }
        } else if (before.get().origin() != SignInOrigin.LOCAL) {
            users.updateDirectoryUser(user, clock.instant());
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("from", UserService.state(before.get().roles(), before.get().branchCode(), before.get().enabled()));
            detail.put("to", to);
            audit.record(user.username(), "USER_DIRECTORY_CHANGE", UserService.TARGET_TYPE, user.username(), detail);
        }
        // read again: another node may have added the row in between, or it may be one of the service's own after all
        return users.account(user.username()).orElseThrow();
    }

    private static boolean same(UserAccount account, DirectoryUser user) {
        return account.origin() == user.origin() && account.roles().equals(user.roles())
                && account.branchCode().equals(user.branchCode());
    }

    /** A name as the provider gave it, shortened and without control characters, for a message. */
    private static String printable(String given) {
        String shown = given.replaceAll("\\p{Cntrl}", "?");
        return shown.length() <= 80 ? shown : shown.substring(0, 80) + "...";
    }
}
