package io.decisioning.service.identity;

import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/** The body of a merge or a rejection of a candidate: the approver's note. */
record DecisionRequest(@Nullable @Size(max = 2000) String note) {
}
