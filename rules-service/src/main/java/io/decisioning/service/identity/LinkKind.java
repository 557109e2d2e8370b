package io.decisioning.service.identity;

/** How a record is in its party (the party API's {@code link}). */
public enum LinkKind {
    /** Alone: no other record is the same person or organization. */
    ALONE,
    /** Linked by the identity pack ({@code AUTO_LINK}). */
    AUTO,
    /** Merged by a person (a candidate an approver merged). */
    CONFIRMED
}
