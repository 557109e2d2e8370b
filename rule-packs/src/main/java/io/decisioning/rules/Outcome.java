package io.decisioning.rules;

/**
 * What rules insert to decide about a customer: a grade, a tier, a decision, a warning or score
 * points, each keyed by the customer's number. The engine collects exactly these; any other fact a
 * rule inserts stays inside its pack.
 */
public sealed interface Outcome permits GradeAssigned, TierAssigned, DecisionMade, WarningRaised, ScorePoints {

    /** The customer the outcome is about. */
    String customerNo();
}
