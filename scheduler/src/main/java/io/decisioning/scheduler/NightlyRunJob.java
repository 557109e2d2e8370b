package io.decisioning.scheduler;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;

/** Fired by the nightly cron trigger: starts a run unless one is running. */
@DisallowConcurrentExecution
public class NightlyRunJob implements Job {

    private final PartitionedRuns runs;

    public NightlyRunJob(PartitionedRuns runs) {
        this.runs = runs;
    }

    @Override
    public void execute(JobExecutionContext context) {
        runs.startScheduledRun();
    }
}
