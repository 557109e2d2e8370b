package io.decisioning.service.manager;

import io.decisioning.service.system.StorableDate;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import org.jspecify.annotations.Nullable;

/**
 * The body of {@code POST /api/v1/customers/{customerNo}/contacts}: what kind of contact, when (an ISO-8601 date-time
 * with an offset, not in the future), the satisfaction score of a survey (1-5; only for a survey, and required there)
 * and a note.
 */
record NewContact(
        @NotNull ContactKind kind,
        @NotNull @StorableDate OffsetDateTime occurredAt,
        @Nullable @Min(1) @Max(5) Integer satisfaction,
        @Nullable @Size(max = 1000) String note) {

    NewContact {
        note = note == null || note.isBlank() ? null : note.strip();
    }
}
