package io.decisioning.rules.engine;

/**
 * What a pack decides about ({@code subject} in {@code pack.properties}): a customer, as the stages of the
 * pipeline do, or a pair of CRM records, as the {@code identity} pack does (DESIGN.md section 10).
 */
public enum PackSubject {
    /** Customers ({@code CustomerProfile}, blacklist hits and the outcomes of earlier packs). */
    CUSTOMER,
    /** Pairs of records ({@code RecordPair}): the rules insert a {@code LinkDecided}. */
    PAIR
}
