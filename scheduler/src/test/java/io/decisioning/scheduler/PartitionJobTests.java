package io.decisioning.scheduler;

import static io.decisioning.scheduler.QuartzFixtures.awaitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import io.decisioning.scheduler.RecordingRuns.Failure;
import io.decisioning.scheduler.RecordingRuns.Partition;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.Trigger.TriggerState;
import org.quartz.Trigger;
import org.quartz.TriggerKey;

class PartitionJobTests {

    private static final JobKey PARTITION_JOB = JobKey.jobKey("run-7-partition-3", RunScheduler.GROUP);
    private static final TriggerKey PARTITION_TRIGGER = TriggerKey.triggerKey("run-7-partition-3", RunScheduler.GROUP);

    private final RecordingRuns runs = new RecordingRuns();
    private Scheduler quartz;
    private RunScheduler scheduler;

    @BeforeEach
    void startQuartz() throws Exception {
        quartz = QuartzFixtures.startedScheduler(runs);
        scheduler = new RunScheduler(quartz, Clock.systemUTC());
    }

    @AfterEach
    void stopQuartz() throws Exception {
        quartz.shutdown(true);
    }

    @Test
    void aFailedPartitionIsTriedAgainFiveSecondsLaterWhenTheRunSaysSo() throws Exception {
        runs.failPartitions(1).retryFailedJobs(true);

        scheduler.schedulePartitions(7, List.of(3));

        Trigger retry = awaitRetryAfterFailures(1);
        Instant seen = Instant.now();
        Failure failure = runs.failures.get(0);
        assertThat(retry.getNextFireTime().toInstant())
                .isBetween(failure.at().plusSeconds(5), seen.plusSeconds(5));
        JobDetail retryJob = quartz.getJobDetail(PARTITION_JOB);
        assertThat(retryJob.getJobClass()).isEqualTo(PartitionJob.class);
        assertThat(retryJob.requestsRecovery()).isTrue();
        assertThat(scheduler.hasPartitionJob(7, 3)).isTrue();
        assertThat(runs.processed).containsExactly(new Partition(7, 3));
    }

    @Test
    void eachRetryOfAPartitionWaitsTwiceAsLongAsTheOneBefore() throws Exception {
        runs.failPartitions(2).retryFailedJobs(true);
        scheduler.schedulePartitions(7, List.of(3));
        awaitRetryAfterFailures(1);

        quartz.triggerJob(PARTITION_JOB);

        Trigger retry = awaitRetryAfterFailures(2);
        Instant seen = Instant.now();
        assertThat(retry.getNextFireTime().toInstant())
                .isBetween(runs.failures.get(1).at().plusSeconds(10), seen.plusSeconds(10));
    }

    @Test
    void theRetryProcessesTheSamePartitionOfTheSameRun() throws Exception {
        runs.failPartitions(1).retryFailedJobs(true);
        scheduler.schedulePartitions(7, List.of(3));
        awaitRetryAfterFailures(1);

        quartz.triggerJob(PARTITION_JOB); // now rather than in five seconds

        awaitUntil("the partition processed again", () -> runs.processed.size() == 2);
        assertThat(runs.processed).containsExactly(new Partition(7, 3), new Partition(7, 3));
    }

    @Test
    void aFailedPartitionIsNotTriedAgainWhenTheRunGivesUp() throws Exception {
        runs.failPartitions(1).retryFailedJobs(false);

        scheduler.schedulePartitions(7, List.of(3));

        awaitUntil("the failure reported and the job gone", () -> !runs.failures.isEmpty() && !scheduler.hasPartitionJob(7, 3));
        assertThat(quartz.getTrigger(PARTITION_TRIGGER)).isNull();
        assertThat(runs.processed).containsExactly(new Partition(7, 3));
        assertThat(runs.failures).hasSize(1);
    }

    @Test
    void theRunLearnsWhichPartitionFailedAndWhy() throws Exception {
        runs.failPartitions(1);

        scheduler.schedulePartitions(7, List.of(3));

        awaitUntil("the failure reported", () -> !runs.failures.isEmpty());
        Failure failure = runs.failures.get(0);
        assertThat(failure.runId()).isEqualTo(7);
        assertThat(failure.partitionNo()).isEqualTo(3);
        assertThat(failure.error()).isInstanceOf(IllegalStateException.class).hasMessage("partition 3 of run 7 broke");
    }

    @Test
    void aPartitionThatSucceedsIsNotReportedAsFailed() throws Exception {
        scheduler.schedulePartitions(7, List.of(3));

        awaitUntil("the partition done and its job gone", () -> !runs.processed.isEmpty() && !scheduler.hasPartitionJob(7, 3));
        assertThat(runs.failures).isEmpty();
    }

    @Test
    void differentPartitionsRunAtTheSameTime() throws Exception {
        CountDownLatch partitionsMayEnd = runs.holdPartitions();

        scheduler.schedulePartitions(7, List.of(1, 2));

        awaitUntil("both partitions running", () -> runs.processed.size() == 2);
        partitionsMayEnd.countDown();
        assertThat(runs.mostPartitionsAtOnce).hasValue(2);
    }

    @Test
    void aPartitionScheduledAgainWhileItRunsWaitsForTheRunningJobToEnd() throws Exception {
        CountDownLatch partitionsMayEnd = runs.holdPartitions();
        scheduler.schedulePartitions(7, List.of(3));
        awaitUntil("partition 3 running", () -> runs.processed.size() == 1);

        scheduler.schedulePartition(7, 3, Instant.now());

        awaitUntil("the second job held back", () -> quartz.getTriggerState(PARTITION_TRIGGER) == TriggerState.BLOCKED);
        assertThat(runs.processed).hasSize(1);
        partitionsMayEnd.countDown();
        awaitUntil("partition 3 processed twice and its job gone",
                () -> runs.processed.size() == 2 && !scheduler.hasPartitionJob(7, 3));
        assertThat(runs.mostPartitionsAtOnce).hasValue(1);
    }

    /**
     * Waits until Quartz has ended the failed job and kept its retry (blocked while the job ran, waiting
     * afterwards), then holds the retry, due in seconds, so that the test reads it at leisure.
     */
    private Trigger awaitRetryAfterFailures(int failures) throws Exception {
        awaitUntil("the retry scheduled after " + failures + " failures", () -> runs.failures.size() == failures
                && quartz.getTriggerState(PARTITION_TRIGGER) == TriggerState.NORMAL);
        quartz.pauseTrigger(PARTITION_TRIGGER);
        return quartz.getTrigger(PARTITION_TRIGGER);
    }
}
