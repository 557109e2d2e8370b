package io.decisioning.service.duelist;

import java.time.Instant;
import java.util.List;

/**
 * One page of a due list (DESIGN.md section 11): the month, when it was generated, the items the caller may see
 * that match the filter, and how many those are in all; then who generated it and the list's figures
 * ({@link DueList}).
 */
record DueListPage(String month, Instant generatedAt, List<DueListItem> items, long total, String generatedBy,
                   int installments, int renewals, int skippedUnknownPolicy) {

    DueListPage {
        items = List.copyOf(items);
    }

    static DueListPage of(DueList list, List<DueListItem> items, long total) {
        return new DueListPage(list.month(), list.generatedAt(), items, total, list.generatedBy(), list.installments(),
                list.renewals(), list.skippedUnknownPolicy());
    }
}
