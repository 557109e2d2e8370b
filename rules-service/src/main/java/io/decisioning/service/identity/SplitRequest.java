package io.decisioning.service.identity;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** The body of {@code POST /api/v1/parties/{partyNo}/split}: the record that leaves, and why. */
record SplitRequest(@NotBlank @Size(max = 32) String customerNo, @NotBlank @Size(max = 2000) String reason) {
}
