package io.decisioning.service.duelist;

import io.decisioning.rules.engine.Sentence;
import io.decisioning.service.system.ForbiddenException;
import io.decisioning.service.system.Role;
import io.decisioning.service.system.UserAccount;
import java.util.EnumSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The items of due lists a user works on: those of customers their branch may see (DESIGN.md section 6), and for an
 * account manager without a wider role only the items whose account manager they are (section 12). Readers with a
 * wider role are analysts, approvers and administrators; feedback is given by approvers and administrators on any
 * item they see. An item outside a user's audience is reported exactly like one that does not exist.
 *
 * @param onlyManager the account manager whose items alone the user sees; null for every item in the branch scope
 */
record Audience(UserAccount user, @Nullable String onlyManager) {

    private static final Set<Role> WIDER_READERS = EnumSet.of(Role.ANALYST, Role.APPROVER, Role.ADMIN);
    private static final Set<Role> WIDER_FEEDBACK = EnumSet.of(Role.APPROVER, Role.ADMIN);
    /** Who sees a customer's phone whole on every item (the customer directory's rule); others only on their own items. */
    private static final Set<Role> SEE_PHONES = EnumSet.of(Role.APPROVER, Role.ADMIN);

    /** The items the user reads. */
    static Audience reading(UserAccount user) {
        return of(user, WIDER_READERS);
    }

    /** The items the user gives feedback on. */
    static Audience givingFeedback(UserAccount user) {
        return of(user, WIDER_FEEDBACK);
    }

    private static Audience of(UserAccount user, Set<Role> wider) {
        if (user.roles().stream().anyMatch(wider::contains)) {
            return new Audience(user, null);
        }
        if (user.roles().contains(Role.ACCOUNT_MANAGER)) {
            return new Audience(user, user.getUsername());
        }
        throw new ForbiddenException(new Sentence("Due lists are for analysts, approvers, administrators and account managers.",
                "到期清单仅供分析员、审批人、管理员和客户经理使用。"));
    }

    /** Whether the user sees the phone of an item's customer whole: someone who calls them, or may see every number. */
    boolean seesPhoneOf(@Nullable String itemManager) {
        return user.roles().stream().anyMatch(SEE_PHONES::contains)
                || (user.roles().contains(Role.ACCOUNT_MANAGER) && user.getUsername().equals(itemManager));
    }
}
