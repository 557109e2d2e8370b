package io.decisioning.service.warning;

/**
 * Where a warning is in its lifecycle (DESIGN.md section 4): OPEN when raised, ACKNOWLEDGED by a
 * person, RESOLVED by a person or by the system when the rules no longer raise it.
 */
enum WarningStatus {
    OPEN, ACKNOWLEDGED, RESOLVED;

    /** Only an OPEN warning can be acknowledged. */
    boolean canBeAcknowledged() {
        return this == OPEN;
    }

    /** An OPEN or ACKNOWLEDGED warning can be resolved; a RESOLVED one stays as it was resolved. */
    boolean canBeResolved() {
        return this != RESOLVED;
    }
}
