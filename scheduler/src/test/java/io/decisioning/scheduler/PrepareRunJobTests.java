package io.decisioning.scheduler;

import static io.decisioning.scheduler.QuartzFixtures.awaitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import io.decisioning.scheduler.RecordingRuns.Failure;
import java.time.Clock;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.Trigger.TriggerState;
import org.quartz.Trigger;
import org.quartz.TriggerKey;

class PrepareRunJobTests {

    private static final JobKey PREPARATION_JOB = JobKey.jobKey("run-7-prepare", RunScheduler.GROUP);
    private static final TriggerKey PREPARATION_TRIGGER = TriggerKey.triggerKey("run-7-prepare", RunScheduler.GROUP);

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
    void aFailedPreparationIsTriedAgainFiveSecondsLaterWhenTheRunSaysSo() throws Exception {
        runs.failPreparations(1).retryFailedJobs(true);

        scheduler.schedulePreparation(7);

        Trigger retry = awaitRetryAfterFailures(1);
        Instant seen = Instant.now();
        Failure failure = runs.failures.get(0);
        assertThat(retry.getNextFireTime().toInstant())
                .isBetween(failure.at().plusSeconds(5), seen.plusSeconds(5));
        JobDetail retryJob = quartz.getJobDetail(PREPARATION_JOB);
        assertThat(retryJob.getJobClass()).isEqualTo(PrepareRunJob.class);
        assertThat(retryJob.requestsRecovery()).isTrue();
        assertThat(scheduler.hasPreparationJob(7)).isTrue();
        assertThat(runs.prepared).containsExactly(7L);
    }

    @Test
    void eachRetryOfAPreparationWaitsTwiceAsLongAsTheOneBefore() throws Exception {
        runs.failPreparations(2).retryFailedJobs(true);
        scheduler.schedulePreparation(7);
        awaitRetryAfterFailures(1);

        quartz.triggerJob(PREPARATION_JOB);

        Trigger retry = awaitRetryAfterFailures(2);
        Instant seen = Instant.now();
        assertThat(retry.getNextFireTime().toInstant())
                .isBetween(runs.failures.get(1).at().plusSeconds(10), seen.plusSeconds(10));
    }

    @Test
    void theRetryPreparesTheSameRun() throws Exception {
        runs.failPreparations(1).retryFailedJobs(true);
        scheduler.schedulePreparation(7);
        awaitRetryAfterFailures(1);

        quartz.triggerJob(PREPARATION_JOB); // now rather than in five seconds

        awaitUntil("the run prepared again", () -> runs.prepared.size() == 2);
        assertThat(runs.prepared).containsExactly(7L, 7L);
    }

    @Test
    void aFailedPreparationIsNotTriedAgainWhenTheRunGivesUp() throws Exception {
        runs.failPreparations(1).retryFailedJobs(false);

        scheduler.schedulePreparation(7);

        awaitUntil("the failure reported and the job gone", () -> !runs.failures.isEmpty() && !scheduler.hasPreparationJob(7));
        assertThat(quartz.getTrigger(PREPARATION_TRIGGER)).isNull();
        assertThat(runs.prepared).containsExactly(7L);
        assertThat(runs.failures).hasSize(1);
    }

    @Test
    void theRunLearnsThatItsPreparationFailedAndWhy() throws Exception {
        runs.failPreparations(1);

        scheduler.schedulePreparation(7);

        awaitUntil("the failure reported", () -> !runs.failures.isEmpty());
        Failure failure = runs.failures.get(0);
        assertThat(failure.runId()).isEqualTo(7);
        assertThat(failure.partitionNo()).as("no partition: the preparation").isEqualTo(-1);
        assertThat(failure.error()).isInstanceOf(IllegalStateException.class).hasMessage("preparation of run 7 broke");
    }

    /**
     * Waits until Quartz has ended the failed job and kept its retry (blocked while the job ran, waiting
     * afterwards), then holds the retry, due in seconds, so that the test reads it at leisure.
     */
    private Trigger awaitRetryAfterFailures(int failures) throws Exception {
        awaitUntil("the retry scheduled after " + failures + " failures", () -> runs.failures.size() == failures
                && quartz.getTriggerState(PREPARATION_TRIGGER) == TriggerState.NORMAL);
        quartz.pauseTrigger(PREPARATION_TRIGGER);
        return quartz.getTrigger(PREPARATION_TRIGGER);
    }
}
