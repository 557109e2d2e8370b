package io.decisioning.rules;

/** The two scorecards; each adds up points from its rules and is clamped to 0-100. */
public enum Scorecard {
    VALUE, RISK
}
