package io.decisioning.scheduler;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Processes one partition of a run. Quartz runs each partition's job on one node at a time
 * ({@link DisallowConcurrentExecution} holds per job key) and, because the job requests recovery,
 * fires it again on a live node when the node running it dies; the partition then resumes from its
 * checkpoint.
 */
@DisallowConcurrentExecution
public class PartitionJob implements Job {

    private static final Logger log = LoggerFactory.getLogger(PartitionJob.class);

    private final PartitionedRuns runs;
    private final RunScheduler scheduler;

    public PartitionJob(PartitionedRuns runs, RunScheduler scheduler) {
        this.runs = runs;
        this.scheduler = scheduler;
    }

    @Override
    public void execute(JobExecutionContext context) {
        long runId = context.getMergedJobDataMap().getLong(RunScheduler.RUN_ID);
        int partition = context.getMergedJobDataMap().getInt(RunScheduler.PARTITION);
        if (context.isRecovering()) {
            log.info("Resuming partition {} of run {} after a node failure", partition, runId);
        }
        try {
            runs.processPartition(runId, partition);
        } catch (RuntimeException e) {
            log.error("Partition {} of run {} failed", partition, runId, e);
            if (runs.jobFailed(runId, partition, e)) {
                scheduler.schedulePartitionRetry(runId, partition, RunScheduler.retry(context) + 1);
            }
        }
    }
}
