package io.decisioning.rules.engine;

import io.decisioning.rules.LinkOutcome;
import java.util.Objects;

/**
 * What the pair packs decided for one pair of records, with the rule that decided it.
 *
 * @param reason the pack, version and rule that gave the outcome, with a sentence naming the evidence
 */
public record LinkDecision(String pairId, LinkOutcome outcome, Reason reason) {

    public LinkDecision {
        Objects.requireNonNull(pairId, "pairId");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(reason, "reason");
    }
}
