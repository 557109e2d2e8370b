package io.decisioning.service.batch;

import java.time.LocalDate;

/**
 * A nightly (or manual) run over the whole book succeeded, published once, by the node that finished it, with the
 * transaction that marks it SUCCEEDED: what follows a run (DESIGN.md section 12's assignment proposals) listens for it
 * after the commit.
 */
public record RunSucceeded(long runId, LocalDate asOf) {
}
