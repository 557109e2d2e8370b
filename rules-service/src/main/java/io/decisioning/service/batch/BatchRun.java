package io.decisioning.service.batch;

import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A run over the whole book as the API shows it (DESIGN.md section 5); the counts are the sums of
 * its partitions' committed checkpoints, so they move while it runs.
 *
 * @param total      customers in the book when the run was partitioned (0 before)
 * @param processed  customers evaluated so far (failed ones included)
 * @param changed    customers whose outcome changed
 * @param failed     customers the rules could not evaluate (their previous assessment stays)
 * @param rulePacks  the pack versions live when the run started
 */
public record BatchRun(long id, RunStatus status, long total, long processed, long changed, long failed,
                       Instant startedAt, @Nullable Instant finishedAt, Map<String, Integer> rulePacks,
                       RunTrigger trigger, String requestedBy, String asOfDate, int partitions,
                       int partitionsDone, @Nullable String error) {
}
