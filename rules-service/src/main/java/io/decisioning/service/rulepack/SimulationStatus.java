package io.decisioning.service.rulepack;

/**
 * Where a simulation is: RUNNING until it has compared the whole book; DONE when it has; FAILED when
 * the version could not evaluate some customers or the run broke. Only a DONE simulation lets a
 * version be published where publishing requires one.
 */
enum SimulationStatus {
    RUNNING, DONE, FAILED
}
