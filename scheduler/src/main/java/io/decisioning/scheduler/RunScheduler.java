package io.decisioning.scheduler;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import java.util.TimeZone;
import org.quartz.CronScheduleBuilder;
import org.quartz.CronTrigger;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobDataMap;
import org.quartz.JobDetail;
import org.quartz.JobExecutionContext;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts the jobs of partitioned runs into Quartz's clustered JDBC job store, where any node's scheduler
 * picks them up. Inside a Spring transaction the job store joins it (Spring's
 * {@code LocalDataSourceJobStore}), so a run's rows and its jobs are committed together or not at all.
 */
public class RunScheduler {

    static final String GROUP = "batch";
    static final String RUN_ID = "runId";
    static final String PARTITION = "partition";
    static final String RETRY = "retry";
    private static final Logger log = LoggerFactory.getLogger(RunScheduler.class);

    private final Scheduler scheduler;
    private final Clock clock;

    /** @param clock when "now" is: the jobs scheduled to start now, and retries after their backoff */
    public RunScheduler(Scheduler scheduler, Clock clock) {
        this.scheduler = scheduler;
        this.clock = clock;
    }

    /** Schedules the preparation of run {@code runId} to start now. */
    public void schedulePreparation(long runId) {
        schedule(preparationJob(runId, 0), clock.instant());
    }

    /** Schedules these partitions of run {@code runId} to start now; each becomes a job any node may run. */
    public void schedulePartitions(long runId, List<Integer> partitions) {
        for (int partition : partitions) {
            schedulePartition(runId, partition, clock.instant());
        }
    }

    /** Schedules one partition at {@code when} (e.g. again, after its job was lost). */
    public void schedulePartition(long runId, int partition, Instant when) {
        schedule(partitionJob(runId, partition, 0), when);
    }

    /** Schedules the preparation again after a failure: its {@code retry}th retry, after {@link #backoff}. */
    void schedulePreparationRetry(long runId, int retry) {
        schedule(preparationJob(runId, retry), clock.instant().plus(backoff(retry)));
    }

    /** Schedules a partition again after a failure: its {@code retry}th retry, after {@link #backoff}. */
    void schedulePartitionRetry(long runId, int partition, int retry) {
        schedule(partitionJob(runId, partition, retry), clock.instant().plus(backoff(retry)));
    }

    /** Which retry of its job the job of {@code context} is: 0 for the first try. */
    static int retry(JobExecutionContext context) {
        JobDataMap data = context.getMergedJobDataMap();
        return data.containsKey(RETRY) ? data.getInt(RETRY) : 0; // a job stored by an earlier version has no count
    }

    private static JobDetail preparationJob(long runId, int retry) {
        return JobBuilder.newJob(PrepareRunJob.class)
                .withIdentity("run-" + runId + "-prepare", GROUP)
                .usingJobData(RUN_ID, runId)
                .usingJobData(RETRY, retry)
                .requestRecovery()
                .build();
    }

    private static JobDetail partitionJob(long runId, int partition, int retry) {
        return JobBuilder.newJob(PartitionJob.class)
                .withIdentity("run-" + runId + "-partition-" + partition, GROUP)
                .usingJobData(RUN_ID, runId)
                .usingJobData(PARTITION, partition)
                .usingJobData(RETRY, retry)
                .requestRecovery()
                .build();
    }

    /**
     * The nightly trigger: {@code cron} (Quartz syntax, seconds first) in {@code zone}; a night the whole
     * cluster was down is not run later.
     */
    public void scheduleNightly(String cron, ZoneId zone) {
        scheduleCron("nightly", NightlyRunJob.class, cron, zone, MissedFiring.SKIP);
    }

    /**
     * A cron trigger named {@code name} (in this class's group) that runs a durable job of {@code jobClass}:
     * {@code cron} (Quartz syntax, seconds first) in {@code zone}. Clustered like every job here: each firing
     * runs on one node. Replaces the stored trigger when the expression, zone or handling of missed firings
     * changed, so every node converges on the configuration; leaves it alone otherwise (its next firing stays).
     *
     * @param missed what to do about a firing that came while no node of the cluster was up
     */
    public void scheduleCron(String name, Class<? extends Job> jobClass, String cron, ZoneId zone, MissedFiring missed) {
        JobDetail job = JobBuilder.newJob(jobClass)
                .withIdentity(name, GROUP)
                .storeDurably()
                .build();
        TriggerKey key = TriggerKey.triggerKey(name, GROUP);
        CronScheduleBuilder schedule = CronScheduleBuilder.cronSchedule(cron)
                // TimeZone knows fixed offsets only as offsets: "UTC+8" by name would be GMT
                .inTimeZone(TimeZone.getTimeZone(zone.normalized()));
        CronTrigger trigger = TriggerBuilder.newTrigger()
                .withIdentity(key)
                .forJob(job)
                .withSchedule(missed == MissedFiring.SKIP ? schedule.withMisfireHandlingInstructionDoNothing()
                        : schedule.withMisfireHandlingInstructionFireAndProceed())
                .build();
        try {
            Trigger existing = scheduler.getTrigger(key);
            // compared as Quartz stores them: the expression in upper case, the zone as a TimeZone id
            if (existing instanceof CronTrigger stored && stored.getCronExpression().equals(trigger.getCronExpression())
                    && stored.getTimeZone().getID().equals(trigger.getTimeZone().getID())
                    && stored.getMisfireInstruction() == trigger.getMisfireInstruction()
                    && stored.getJobKey().equals(job.getKey())) {
                return;
            }
            scheduler.addJob(job, true);
            if (existing == null) {
                scheduler.scheduleJob(trigger);
            } else {
                scheduler.rescheduleJob(key, trigger);
            }
            log.info("Scheduled {}: '{}' in {} (next at {})", name, cron, zone, trigger.getFireTimeAfter(new Date()));
        } catch (org.quartz.ObjectAlreadyExistsException anotherNodeWasFirst) {
            // scheduled by another node starting at the same moment, from the same configuration
        } catch (SchedulerException e) {
            throw new IllegalStateException("Cannot schedule " + name, e);
        }
    }

    /** What a cron trigger does about a firing that came while no node of the cluster was up. */
    public enum MissedFiring {
        /** Nothing: wait for the next one (a nightly run that would run into the day). */
        SKIP,
        /** Fire once as soon as a node is up, then keep to the schedule (monthly work that must not be lost). */
        FIRE_ONCE
    }

    /** The supervisor: every minute, on one node of the cluster, {@link PartitionedRuns#recoverOrphans}. */
    public void scheduleSupervisor() {
        JobDetail job = JobBuilder.newJob(SupervisorJob.class)
                .withIdentity("supervisor", GROUP)
                .storeDurably()
                .build();
        TriggerKey key = TriggerKey.triggerKey("supervisor", GROUP);
        try {
            if (scheduler.getTrigger(key) != null) {
                return;
            }
            scheduler.addJob(job, true);
            scheduler.scheduleJob(TriggerBuilder.newTrigger()
                    .withIdentity(key)
                    .forJob(job)
                    .startAt(Date.from(clock.instant().plusSeconds(60)))
                    .withSchedule(SimpleScheduleBuilder.repeatMinutelyForever().withMisfireHandlingInstructionNextWithRemainingCount())
                    .build());
        } catch (org.quartz.ObjectAlreadyExistsException anotherNodeWasFirst) {
            // scheduled by another node at the same moment
        } catch (SchedulerException e) {
            throw new IllegalStateException("Cannot schedule the batch supervisor", e);
        }
    }

    /** Whether a job for this partition of the run is waiting or running anywhere in the cluster. */
    public boolean hasPartitionJob(long runId, int partition) {
        try {
            return scheduler.checkExists(JobKey.jobKey("run-" + runId + "-partition-" + partition, GROUP));
        } catch (SchedulerException e) {
            throw new IllegalStateException("Cannot read the scheduled jobs", e);
        }
    }

    /** Whether the preparation job of the run is waiting or running anywhere in the cluster. */
    public boolean hasPreparationJob(long runId) {
        try {
            return scheduler.checkExists(JobKey.jobKey("run-" + runId + "-prepare", GROUP));
        } catch (SchedulerException e) {
            throw new IllegalStateException("Cannot read the scheduled jobs", e);
        }
    }

    private void schedule(JobDetail job, Instant when) {
        Trigger trigger = TriggerBuilder.newTrigger()
                .withIdentity(job.getKey().getName(), GROUP)
                .forJob(job)
                .startAt(Date.from(when))
                .withSchedule(SimpleScheduleBuilder.simpleSchedule().withMisfireHandlingInstructionFireNow())
                .build();
        try {
            // a job left from an earlier attempt (e.g. a retry of the same partition) is replaced
            scheduler.scheduleJob(job, java.util.Set.of(trigger), true);
        } catch (SchedulerException e) {
            throw new IllegalStateException("Cannot schedule " + job.getKey(), e);
        }
    }

    /** Pause before retrying a failed job: 5 s, 10 s, 20 s, ... at most 5 minutes. */
    static Duration backoff(int attempt) {
        long seconds = Math.min(300, 5L << Math.min(6, Math.max(0, attempt - 1)));
        return Duration.ofSeconds(seconds);
    }
}
