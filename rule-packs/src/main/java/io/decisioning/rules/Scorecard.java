package io.decisioning.rules;

/** The scorecards; each adds up points from its rules and is clamped to 0-100. VALUE and RISK are made before the decision, CHURN after it. */
public enum Scorecard {
    VALUE, RISK,
    /** The retention pack's churn score (DESIGN.md section 11): how likely the customer is to leave. */
    CHURN
}
