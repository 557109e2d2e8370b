package io.decisioning.scheduler;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Prepares a run (book-wide figures, partitions) and schedules its partitions. */
@DisallowConcurrentExecution
public class PrepareRunJob implements Job {

    private static final Logger log = LoggerFactory.getLogger(PrepareRunJob.class);

    private final PartitionedRuns runs;
    private final RunScheduler scheduler;

    public PrepareRunJob(PartitionedRuns runs, RunScheduler scheduler) {
        this.runs = runs;
        this.scheduler = scheduler;
    }

    @Override
    public void execute(JobExecutionContext context) {
        long runId = context.getMergedJobDataMap().getLong(RunScheduler.RUN_ID);
        try {
            runs.prepare(runId);
        } catch (RuntimeException e) {
            log.error("Preparing run {} failed", runId, e);
            if (runs.jobFailed(runId, -1, e)) {
                scheduler.schedulePreparationRetry(runId, RunScheduler.retry(context) + 1);
            }
        }
    }
}
