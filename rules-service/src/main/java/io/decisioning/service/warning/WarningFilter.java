package io.decisioning.service.warning;

import io.decisioning.rules.Severity;
import io.decisioning.rules.WarningType;
import org.jspecify.annotations.Nullable;

/**
 * Which warnings to list; a null criterion does not filter. A blank customer number or branch is none.
 * A branch means its subtree (GD: GD and GD-SZ), within the user's own scope: a branch outside it
 * lists nothing.
 */
record WarningFilter(@Nullable WarningStatus status, @Nullable WarningType type, @Nullable Severity severity,
                     @Nullable String customerNo, @Nullable String branch) {

    WarningFilter {
        customerNo = customerNo == null || customerNo.isBlank() ? null : customerNo.strip();
        branch = branch == null || branch.isBlank() ? null : branch.strip();
    }

    WarningFilter(@Nullable WarningStatus status, @Nullable WarningType type, @Nullable Severity severity,
                  @Nullable String customerNo) {
        this(status, type, severity, customerNo, null);
    }

    static WarningFilter none() {
        return new WarningFilter(null, null, null, null, null);
    }
}
