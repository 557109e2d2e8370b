package io.decisioning.service.housekeeping;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;

/** Fired by the housekeeping trigger ({@code rules.housekeeping.cron}) on one node of the cluster. */
@DisallowConcurrentExecution
class HousekeepingJob implements Job {

    private final Housekeeping housekeeping;

    HousekeepingJob(Housekeeping housekeeping) {
        this.housekeeping = housekeeping;
    }

    @Override
    public void execute(JobExecutionContext context) {
        housekeeping.run();
    }
}
