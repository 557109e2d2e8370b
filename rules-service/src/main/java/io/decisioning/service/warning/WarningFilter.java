package io.decisioning.service.warning;

import io.decisioning.rules.Severity;
import io.decisioning.rules.WarningType;
import org.jspecify.annotations.Nullable;

/** Which warnings to list; a null criterion does not filter. A blank customer number is none. */
record WarningFilter(@Nullable WarningStatus status, @Nullable WarningType type, @Nullable Severity severity,
                     @Nullable String customerNo) {

    WarningFilter {
        customerNo = customerNo == null || customerNo.isBlank() ? null : customerNo.strip();
    }

    static WarningFilter none() {
        return new WarningFilter(null, null, null, null);
    }
}
