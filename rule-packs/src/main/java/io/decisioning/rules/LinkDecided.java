package io.decisioning.rules;

import java.util.Objects;

/**
 * The outcome a rule of the {@code identity} pack inserts for a pair: {@code insert(new
 * LinkDecided($pair, LinkOutcome.AUTO_LINK))}. Of the rules that hold for a pair, the one with the
 * highest salience decides.
 */
public record LinkDecided(String pairId, LinkOutcome outcome) {

    public LinkDecided {
        Objects.requireNonNull(pairId, "pairId");
        Objects.requireNonNull(outcome, "outcome");
    }

    public LinkDecided(RecordPair pair, LinkOutcome outcome) {
        this(pair.pairId(), outcome);
    }
}
