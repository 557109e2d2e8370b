package io.decisioning.service.dashboard;

import io.decisioning.rules.Severity;
import io.decisioning.rules.WarningType;
import io.decisioning.service.batch.BatchRun;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The figures of the admin UI's dashboard, over the customers the user may see: how many, how many
 * assessed, the grade and tier distribution, VIPs, blacklisted, the open warning work (OPEN and
 * ACKNOWLEDGED) by type and severity, the last nightly or manual run, and the rule packs published
 * and live on this node.
 */
public record Dashboard(long customers, long assessed, List<Count> grades, List<Count> tiers, long vip, long blacklisted,
                        List<WarningCount> openWarnings, @Nullable BatchRun lastBatchRun, List<LivePack> rulePacks) {

    /** How many assessed customers have this grade or tier. */
    public record Count(String value, long count) {
    }

    public record WarningCount(WarningType type, Severity severity, long count) {
    }

    public record LivePack(String name, @Nullable Integer publishedVersion, @Nullable Integer liveVersion) {
    }
}
