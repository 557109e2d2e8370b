package io.decisioning.rules;

import java.util.Objects;

/**
 * Outcome: a scorecard rule (one bin of a characteristic) adds points to one of the customer's
 * scorecards. The engine sums the points per card and clamps the sum to 0-100.
 */
public record ScorePoints(String customerNo, Scorecard card, int points) {
    public ScorePoints {
        Objects.requireNonNull(customerNo, "customerNo");
        Objects.requireNonNull(card, "card");
    }
}
