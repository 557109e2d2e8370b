package io.decisioning.service.manager;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A contact with a customer (DESIGN.md section 12, contract fields).
 *
 * @param by           who logged it: the manager, or the CRM's integration user
 * @param satisfaction 1-5 for a survey, else null
 */
public record Contact(long id, String customerNo, ContactKind kind, Instant occurredAt, String by,
                      @Nullable Integer satisfaction, @Nullable String note) {
}
