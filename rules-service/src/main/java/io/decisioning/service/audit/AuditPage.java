package io.decisioning.service.audit;

import java.util.List;

/** One page of audit records, newest first, and how many match the filter in all. */
record AuditPage(List<AuditEvent> items, long total) {

    AuditPage {
        items = List.copyOf(items);
    }
}
