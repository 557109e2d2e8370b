package io.decisioning.service.batch;

/**
 * How a batch run stands (DESIGN.md section 5): RUNNING until its last partition is done, then
 * SUCCEEDED; FAILED when its preparation failed or a partition failed {@code rules.batch.max-attempts}
 * times. At most one run is RUNNING at a time, cluster-wide.
 */
public enum RunStatus {
    RUNNING, SUCCEEDED, FAILED
}
