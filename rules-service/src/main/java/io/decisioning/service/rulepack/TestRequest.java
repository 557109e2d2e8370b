package io.decisioning.service.rulepack;

import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * The optional body of {@code POST .../versions/{v}/test}: scenarios to run besides the version's
 * own, in the scenario-file format (CSV text with its header line).
 */
record TestRequest(@Nullable @Size(max = 1_000_000) String scenarios) {
}
