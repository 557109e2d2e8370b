package io.decisioning.rules;

/** How much handling a complaint needs, which sets its time limit (DESIGN.md section 13). */
public enum ComplaintComplexity {
    SIMPLE,
    COMPLEX,
    EXTENDED
}
