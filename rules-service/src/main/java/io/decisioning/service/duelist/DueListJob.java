package io.decisioning.service.duelist;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;

/**
 * Fired by the {@code rules.retention.due-list-cron} trigger on one node of the cluster (Quartz's clustered JDBC job
 * store): generates next month's due list.
 */
@DisallowConcurrentExecution
class DueListJob implements Job {

    private final DueListService lists;

    DueListJob(DueListService lists) {
        this.lists = lists;
    }

    @Override
    public void execute(JobExecutionContext context) {
        lists.generateNextMonth();
    }
}
