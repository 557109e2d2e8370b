package io.decisioning.service.duelist;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/** The body of {@code POST /api/v1/due-lists/{month}/items/{id}/outcome}: the salesperson's feedback; the note is optional. */
record OutcomeRequest(@NotNull ContactOutcome outcome, @Nullable @Size(max = OutcomeRequest.MAX_NOTE) String note) {

    static final int MAX_NOTE = 1000;

    OutcomeRequest {
        note = note == null || note.isBlank() ? null : note.strip();
    }
}
