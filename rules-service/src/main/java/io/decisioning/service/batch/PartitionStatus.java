package io.decisioning.service.batch;

/**
 * Where one partition of a run is: PENDING until a node first takes it, RUNNING while nodes work
 * through its chunks (also after its node died: it resumes from its checkpoint), DONE when its
 * checkpoint reached its last customer. The run succeeds when every partition is DONE.
 */
enum PartitionStatus {
    PENDING, RUNNING, DONE
}
