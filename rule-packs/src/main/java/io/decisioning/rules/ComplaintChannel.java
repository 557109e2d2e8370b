package io.decisioning.rules;

/** How a complaint reached the insurer (DESIGN.md section 13). */
public enum ComplaintChannel {
    PHONE,
    ONLINE,
    LETTER,
    VISIT,
    /** Forwarded by the regulator: the insurer answers to the regulator as well as to the customer. */
    REGULATOR
}
