package io.decisioning.service.batch;

/**
 * How far a run's own steps have got, apart from its partitions' work: STARTING until the book is
 * split into partitions, PARTITIONED while they are processed, FINISHED once the run has its final
 * status. A run still STARTING after a crash is prepared again; one PARTITIONED has its unfinished
 * partitions scheduled again.
 */
enum RunPhase {
    STARTING, PARTITIONED, FINISHED
}
