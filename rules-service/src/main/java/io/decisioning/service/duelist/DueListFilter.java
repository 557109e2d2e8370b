package io.decisioning.service.duelist;

import org.jspecify.annotations.Nullable;

/**
 * Which items of a due list to show; a null criterion does not filter, and a blank one is none. A branch means its
 * subtree (GD: GD and GD-SZ), within the caller's own scope; the account manager is the item's.
 */
record DueListFilter(@Nullable String branch, @Nullable String accountManager, @Nullable DueKind kind) {

    DueListFilter {
        branch = blankToNull(branch);
        accountManager = blankToNull(accountManager);
    }

    static DueListFilter none() {
        return new DueListFilter(null, null, null);
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
