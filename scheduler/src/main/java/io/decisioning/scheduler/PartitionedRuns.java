package io.decisioning.scheduler;

/**
 * The work of a partitioned run, which the scheduler drives but does not know: the service
 * implements it (for the nightly grading of the book). Every method may be called again for the same
 * run or partition after a crash, on this node or another, and must then carry on from what was
 * committed, never redo it: the Quartz jobs that call these methods request recovery.
 */
public interface PartitionedRuns {

    /** The nightly cron trigger fired: start a run, unless one is running anywhere in the cluster. */
    void startScheduledRun();

    /**
     * Prepares the run (e.g. book-wide figures, then partitions) and schedules its partitions with
     * {@link RunScheduler#schedulePartitions}, in the same transaction as the partitions are recorded.
     */
    void prepare(long runId);

    /** Processes one partition from its last checkpoint to its end. */
    void processPartition(long runId, int partitionNo);

    /**
     * A job of the run failed with {@code error}.
     *
     * @param partitionNo the partition, or -1 for the preparation
     * @return true to try the job again after a pause, false to give up (the run is then failed)
     */
    boolean jobFailed(long runId, int partitionNo, Throwable error);

    /**
     * Called every minute on one node of the cluster: work of a running run that has no job left
     * (e.g. a job that ended with an error while its node shut down) is scheduled again.
     */
    void recoverOrphans();
}
