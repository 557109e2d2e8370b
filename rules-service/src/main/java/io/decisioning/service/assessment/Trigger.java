package io.decisioning.service.assessment;

/** What caused an evaluation (DESIGN.md section 5). */
public enum Trigger {
    BATCH, EVENT, CHECK, MANUAL
}
