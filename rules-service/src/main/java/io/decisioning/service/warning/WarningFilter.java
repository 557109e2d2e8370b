package io.decisioning.service.warning;

import io.decisioning.rules.Severity;
import io.decisioning.rules.WarningCategory;
import io.decisioning.rules.WarningType;
import org.jspecify.annotations.Nullable;

/**
 * Which warnings to list; a null criterion does not filter. A blank customer number, branch or account
 * manager is none. A branch means its subtree (GD: GD and GD-SZ), within the user's own scope: a branch
 * outside it lists nothing. The account manager is the customer's ({@code customer.account_manager}):
 * a manager's work queue.
 */
record WarningFilter(@Nullable WarningStatus status, @Nullable WarningType type, @Nullable WarningCategory category,
                     @Nullable Severity severity, @Nullable String customerNo, @Nullable String branch,
                     @Nullable String accountManager) {

    WarningFilter {
        customerNo = blankToNull(customerNo);
        branch = blankToNull(branch);
        accountManager = blankToNull(accountManager);
    }

    WarningFilter(@Nullable WarningStatus status, @Nullable WarningType type, @Nullable Severity severity,
                  @Nullable String customerNo) {
        this(status, type, null, severity, customerNo, null, null);
    }

    static WarningFilter none() {
        return new WarningFilter(null, null, null, null, null, null, null);
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
