package io.decisioning.rules;

/** STRONG: same identity document. WEAK: same name and birth date, or same phone. */
public enum MatchStrength {
    STRONG, WEAK
}
