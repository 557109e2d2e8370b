package io.decisioning.scheduler;

import static io.decisioning.scheduler.QuartzFixtures.awaitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import io.decisioning.scheduler.RecordingRuns.Partition;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.quartz.CronTrigger;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SimpleTrigger;
import org.quartz.Trigger;
import org.quartz.TriggerKey;
import org.quartz.impl.matchers.GroupMatcher;
import org.quartz.listeners.SchedulerListenerSupport;

class RunSchedulerTests {

    private static final TriggerKey NIGHTLY = TriggerKey.triggerKey("nightly", RunScheduler.GROUP);
    private static final TriggerKey SUPERVISOR = TriggerKey.triggerKey("supervisor", RunScheduler.GROUP);
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    private final RecordingRuns runs = new RecordingRuns();
    private final List<Trigger> triggersScheduled = new CopyOnWriteArrayList<>();
    private Scheduler quartz;
    private RunScheduler scheduler;

    @BeforeEach
    void startQuartz() throws Exception {
        quartz = QuartzFixtures.startedScheduler(runs);
        quartz.getListenerManager().addSchedulerListener(new SchedulerListenerSupport() {
            @Override
            public void jobScheduled(Trigger trigger) {
                triggersScheduled.add(trigger);
            }
        });
        scheduler = new RunScheduler(quartz, Clock.systemUTC());
    }

    @AfterEach
    void stopQuartz() throws Exception {
        quartz.shutdown(true);
    }

    @Test
    void schedulingThePreparationPreparesThatRun() throws Exception {
        scheduler.schedulePreparation(42);

        awaitUntil("run 42 prepared", () -> !runs.prepared.isEmpty());
        assertThat(runs.prepared).containsExactly(42L);
    }

    @Test
    void schedulingPartitionsProcessesEachPartitionOnceWithItsRun() throws Exception {
        scheduler.schedulePartitions(7, List.of(0, 1, 2, 3));

        awaitUntil("four partitions processed", () -> runs.processed.size() >= 4);
        awaitUntil("no partition job left", () -> quartz.getJobKeys(GroupMatcher.anyJobGroup()).isEmpty());
        assertThat(runs.processed).containsExactlyInAnyOrder(
                new Partition(7, 0), new Partition(7, 1), new Partition(7, 2), new Partition(7, 3));
    }

    @Test
    void aPartitionScheduledForLaterWaitsUntilThen() throws Exception {
        Instant inAnHour = Instant.now().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.MILLIS);

        scheduler.schedulePartition(7, 5, inAnHour);

        assertThat(quartz.getTrigger(TriggerKey.triggerKey("run-7-partition-5", RunScheduler.GROUP)).getStartTime())
                .isEqualTo(inAnHour);
        assertThat(scheduler.hasPartitionJob(7, 5)).isTrue();
        assertThat(runs.processed).isEmpty();
    }

    @Test
    void preparationAndPartitionJobsRequestRecoveryOnAnotherNode() throws Exception {
        quartz.standby(); // the jobs stay until they run
        scheduler.schedulePreparation(7);
        scheduler.schedulePartitions(7, List.of(5));

        assertThat(quartz.getJobDetail(JobKey.jobKey("run-7-partition-5", RunScheduler.GROUP)).requestsRecovery()).isTrue();
        assertThat(quartz.getJobDetail(JobKey.jobKey("run-7-prepare", RunScheduler.GROUP)).requestsRecovery()).isTrue();
    }

    @Test
    void aPartitionHasAJobFromBeingScheduledUntilItIsProcessed() throws Exception {
        CountDownLatch partitionsMayEnd = runs.holdPartitions();
        assertThat(scheduler.hasPartitionJob(7, 1)).isFalse();

        scheduler.schedulePartitions(7, List.of(1));
        assertThat(scheduler.hasPartitionJob(7, 1)).isTrue();
        awaitUntil("partition 1 running", () -> !runs.processed.isEmpty());
        assertThat(scheduler.hasPartitionJob(7, 1)).as("while it runs").isTrue();
        assertThat(scheduler.hasPartitionJob(7, 2)).as("another partition").isFalse();
        assertThat(scheduler.hasPartitionJob(8, 1)).as("another run").isFalse();

        partitionsMayEnd.countDown();
        awaitUntil("partition 1 without a job once processed", () -> !scheduler.hasPartitionJob(7, 1));
        assertThat(runs.processed).containsExactly(new Partition(7, 1));
    }

    @Test
    void aPreparationHasAJobFromBeingScheduledUntilTheRunIsPrepared() throws Exception {
        assertThat(scheduler.hasPreparationJob(9)).isFalse();
        quartz.standby();

        scheduler.schedulePreparation(9);
        assertThat(scheduler.hasPreparationJob(9)).isTrue();
        assertThat(scheduler.hasPreparationJob(10)).as("another run").isFalse();

        quartz.start();
        awaitUntil("the preparation without a job once done", () -> !scheduler.hasPreparationJob(9));
        assertThat(runs.prepared).containsExactly(9L);
    }

    @Test
    void theNightlyTriggerStartsAScheduledRun() throws Exception {
        scheduler.scheduleNightly("* * * * * ?", SHANGHAI);

        awaitUntil("a scheduled run started", () -> runs.scheduledRunsStarted.get() > 0);
    }

    @Test
    void theNightlyTriggerFiresAtTheCronTimeInTheZone() throws Exception {
        scheduler.scheduleNightly("0 0 2 * * ?", SHANGHAI);

        Trigger nightly = quartz.getTrigger(NIGHTLY);
        assertThat(nightly.getNextFireTime().toInstant()).isEqualTo(nextTwoAm(SHANGHAI, nightly.getStartTime().toInstant()));
    }

    @Test
    void theNightlyTriggerFiresAtTheCronTimeInAZoneWrittenAsHoursFromUtc() throws Exception {
        ZoneId utcPlus8 = ZoneId.of("UTC+8"); // a valid ZoneId that java.util.TimeZone does not know by this id

        scheduler.scheduleNightly("0 0 2 * * ?", utcPlus8);

        Trigger nightly = quartz.getTrigger(NIGHTLY);
        assertThat(nightly.getNextFireTime().toInstant()).isEqualTo(nextTwoAm(utcPlus8, nightly.getStartTime().toInstant()));
    }

    @Test
    void reschedulingTheNightlyWithTheSameCronAndZoneKeepsTheStoredTrigger() throws Exception {
        scheduler.scheduleNightly("0 0 2 * * ?", SHANGHAI);
        Trigger stored = quartz.getTrigger(NIGHTLY);

        scheduler.scheduleNightly("0 0 2 * * ?", SHANGHAI);

        assertThat(triggersScheduled).hasSize(1);
        assertThat(quartz.getTrigger(NIGHTLY).getNextFireTime()).isEqualTo(stored.getNextFireTime());
    }

    @Test
    void reschedulingTheNightlyWithTheSameCronInLowerCaseKeepsTheStoredTrigger() throws Exception {
        scheduler.scheduleNightly("0 0 2 ? * mon-fri", SHANGHAI);

        scheduler.scheduleNightly("0 0 2 ? * mon-fri", SHANGHAI);

        assertThat(triggersScheduled).hasSize(1);
    }

    @Test
    void reschedulingTheNightlyInTheSameZoneGivenAsAnOffsetKeepsTheStoredTrigger() throws Exception {
        scheduler.scheduleNightly("0 0 2 * * ?", ZoneId.of("+08:00"));

        scheduler.scheduleNightly("0 0 2 * * ?", ZoneId.of("+08:00"));

        assertThat(triggersScheduled).hasSize(1);
    }

    @Test
    void reschedulingTheNightlyWithAnotherCronReplacesTheStoredTrigger() throws Exception {
        scheduler.scheduleNightly("0 0 2 * * ?", SHANGHAI);

        scheduler.scheduleNightly("0 30 3 * * ?", SHANGHAI);

        CronTrigger nightly = (CronTrigger) quartz.getTrigger(NIGHTLY);
        assertThat(nightly.getCronExpression()).isEqualTo("0 30 3 * * ?");
        assertThat(quartz.getTriggersOfJob(JobKey.jobKey("nightly", RunScheduler.GROUP))).hasSize(1);
        assertThat(triggersScheduled).hasSize(2);
    }

    @Test
    void reschedulingTheNightlyInAnotherZoneReplacesTheStoredTrigger() throws Exception {
        scheduler.scheduleNightly("0 0 2 * * ?", SHANGHAI);

        scheduler.scheduleNightly("0 0 2 * * ?", ZoneId.of("Europe/London"));

        CronTrigger nightly = (CronTrigger) quartz.getTrigger(NIGHTLY);
        assertThat(nightly.getTimeZone().getID()).isEqualTo("Europe/London");
        assertThat(nightly.getNextFireTime().toInstant())
                .isEqualTo(nextTwoAm(ZoneId.of("Europe/London"), nightly.getStartTime().toInstant()));
        assertThat(triggersScheduled).hasSize(2);
    }

    @Test
    void aCronTriggerOfAnotherJobRunsThatJobInTheZoneAndMakesUpAFiringMissedWhenAskedTo() throws Exception {
        TriggerKey monthly = TriggerKey.triggerKey("monthly", RunScheduler.GROUP);

        scheduler.scheduleCron("monthly", QuartzFixtures.MonthlyJob.class, "0 0 3 25 * ?", SHANGHAI,
                RunScheduler.MissedFiring.FIRE_ONCE);

        CronTrigger trigger = (CronTrigger) quartz.getTrigger(monthly);
        assertThat(trigger.getCronExpression()).isEqualTo("0 0 3 25 * ?");
        assertThat(trigger.getTimeZone().getID()).isEqualTo("Asia/Shanghai");
        assertThat(trigger.getMisfireInstruction()).isEqualTo(CronTrigger.MISFIRE_INSTRUCTION_FIRE_ONCE_NOW);
        ZonedDateTime next = trigger.getNextFireTime().toInstant().atZone(SHANGHAI);
        assertThat(next.getDayOfMonth()).isEqualTo(25);
        assertThat(next.toLocalTime()).isEqualTo(LocalTime.of(3, 0));
        assertThat(quartz.getJobDetail(JobKey.jobKey("monthly", RunScheduler.GROUP)).getJobClass())
                .isEqualTo(QuartzFixtures.MonthlyJob.class);

        scheduler.scheduleCron("monthly", QuartzFixtures.MonthlyJob.class, "* * * * * ?", SHANGHAI,
                RunScheduler.MissedFiring.FIRE_ONCE);
        awaitUntil("the monthly job run on its new schedule", () -> runs.monthlyJobsRun.get() > 0);
    }

    @Test
    void theNightlyRunSkipsANightTheWholeClusterWasDown() throws Exception {
        scheduler.scheduleNightly("0 0 2 * * ?", SHANGHAI);

        assertThat(quartz.getTrigger(NIGHTLY).getMisfireInstruction()).isEqualTo(CronTrigger.MISFIRE_INSTRUCTION_DO_NOTHING);
    }

    @Test
    void reschedulingACronTriggerWithOtherHandlingOfMissedFiringsReplacesIt() throws Exception {
        scheduler.scheduleCron("monthly", QuartzFixtures.MonthlyJob.class, "0 0 3 25 * ?", SHANGHAI,
                RunScheduler.MissedFiring.FIRE_ONCE);
        scheduler.scheduleCron("monthly", QuartzFixtures.MonthlyJob.class, "0 0 3 25 * ?", SHANGHAI,
                RunScheduler.MissedFiring.FIRE_ONCE);
        assertThat(triggersScheduled).hasSize(1);

        scheduler.scheduleCron("monthly", QuartzFixtures.MonthlyJob.class, "0 0 3 25 * ?", SHANGHAI,
                RunScheduler.MissedFiring.SKIP);

        assertThat(triggersScheduled).hasSize(2);
        assertThat(quartz.getTrigger(TriggerKey.triggerKey("monthly", RunScheduler.GROUP)).getMisfireInstruction())
                .isEqualTo(CronTrigger.MISFIRE_INSTRUCTION_DO_NOTHING);
    }

    @Test
    void theSupervisorIsScheduledOnceToRecoverOrphansEveryMinute() throws Exception {
        Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        scheduler.scheduleSupervisor();
        Instant after = Instant.now();

        scheduler.scheduleSupervisor();

        assertThat(triggersScheduled).hasSize(1);
        SimpleTrigger supervisor = (SimpleTrigger) quartz.getTrigger(SUPERVISOR);
        assertThat(supervisor.getRepeatInterval()).isEqualTo(Duration.ofMinutes(1).toMillis());
        assertThat(supervisor.getRepeatCount()).isEqualTo(SimpleTrigger.REPEAT_INDEFINITELY);
        assertThat(supervisor.getNextFireTime().toInstant())
                .as("a minute after it was scheduled")
                .isBetween(before.plus(Duration.ofMinutes(1)), after.plus(Duration.ofMinutes(1)));
    }

    @Test
    void theSupervisorRecoversOrphans() throws Exception {
        scheduler.scheduleSupervisor();

        quartz.triggerJob(JobKey.jobKey("supervisor", RunScheduler.GROUP));

        awaitUntil("orphans recovered", () -> runs.orphanRecoveries.get() > 0);
        assertThat(quartz.getTrigger(SUPERVISOR)).as("still scheduled").isNotNull();
    }

    @Test
    void theBackoffDoublesFromFiveSecondsToAtMostFiveMinutes() {
        assertThat(List.of(1, 2, 3, 4, 5, 6, 7, 8, 100).stream().map(RunScheduler::backoff).map(Duration::toSeconds))
                .containsExactly(5L, 10L, 20L, 40L, 80L, 160L, 300L, 300L, 300L);
        assertThat(RunScheduler.backoff(0)).isEqualTo(Duration.ofSeconds(5));
    }

    private static Instant nextTwoAm(ZoneId zone, Instant after) {
        ZonedDateTime today = after.atZone(zone).with(LocalTime.of(2, 0));
        return (today.toInstant().isBefore(after) ? today.plusDays(1) : today).toInstant();
    }
}
