package io.decisioning.service.warning;

import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/** The body of {@code POST /api/v1/warnings/{id}/acknowledge}; the note is optional. */
record AcknowledgeRequest(@Nullable @Size(max = 2000) String note) {

    AcknowledgeRequest {
        note = note == null || note.isBlank() ? null : note.strip();
    }
}
