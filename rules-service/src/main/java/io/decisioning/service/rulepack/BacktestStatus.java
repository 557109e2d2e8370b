package io.decisioning.service.rulepack;

/**
 * Where a back-test is: RUNNING until it has evaluated the whole book as of its date; DONE with its figures;
 * FAILED when the version could not evaluate some customers or the run broke (with its error, never figures
 * of part of the book).
 */
enum BacktestStatus {
    RUNNING, DONE, FAILED
}
