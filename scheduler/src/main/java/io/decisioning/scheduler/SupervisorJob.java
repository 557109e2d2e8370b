package io.decisioning.scheduler;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;

/** Every minute on one node: reschedules work of running runs that lost its job. */
@DisallowConcurrentExecution
public class SupervisorJob implements Job {

    private final PartitionedRuns runs;

    public SupervisorJob(PartitionedRuns runs) {
        this.runs = runs;
    }

    @Override
    public void execute(JobExecutionContext context) {
        runs.recoverOrphans();
    }
}
