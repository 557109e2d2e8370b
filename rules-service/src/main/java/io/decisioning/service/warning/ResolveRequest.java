package io.decisioning.service.warning;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** The body of {@code POST /api/v1/warnings/{id}/resolve}: a person closing a warning says why. */
record ResolveRequest(@NotBlank @Size(max = 2000) String note) {
}
