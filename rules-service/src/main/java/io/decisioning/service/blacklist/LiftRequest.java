package io.decisioning.service.blacklist;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** The body of {@code POST /api/v1/blacklist/{id}/lift}. */
record LiftRequest(@NotBlank @Size(max = 2000) String reason) {
}
