package io.decisioning.rules;

/** What a complaint is about (seed 002; DESIGN.md section 13); a complaint has none until it is classified. */
public enum ComplaintCategory {
    PRODUCT,
    SERVICE,
    COMPLIANCE
}
