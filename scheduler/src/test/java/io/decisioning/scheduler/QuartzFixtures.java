package io.decisioning.scheduler;

import static org.assertj.core.api.Assertions.fail;

import java.time.Clock;
import java.time.Duration;
import java.util.Properties;
import java.util.UUID;
import org.quartz.Job;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.simpl.RAMJobStore;

/**
 * A real Quartz scheduler for the module's jobs: the in-memory job store instead of the service's
 * clustered JDBC one, and jobs built the way Spring's job factory builds them, from their constructor.
 */
final class QuartzFixtures {

    /** How long a test waits for Quartz before it fails; generous, for a loaded CI machine. */
    static final Duration PATIENCE = Duration.ofSeconds(30);

    private QuartzFixtures() {
    }

    /** A started scheduler with three worker threads whose jobs work on {@code runs}; shut it down after the test. */
    static Scheduler startedScheduler(PartitionedRuns runs) throws SchedulerException {
        Properties properties = new Properties();
        properties.setProperty(StdSchedulerFactory.PROP_SCHED_INSTANCE_NAME, "scheduler-tests-" + UUID.randomUUID());
        properties.setProperty(StdSchedulerFactory.PROP_JOB_STORE_CLASS, RAMJobStore.class.getName());
        properties.setProperty("org.quartz.threadPool.threadCount", "3");
        Scheduler scheduler = new StdSchedulerFactory(properties).getScheduler();
        RunScheduler runScheduler = new RunScheduler(scheduler, Clock.systemUTC());
        scheduler.setJobFactory((bundle, ignored) -> job(bundle.getJobDetail().getJobClass(), runs, runScheduler));
        scheduler.start();
        return scheduler;
    }

    private static Job job(Class<? extends Job> type, PartitionedRuns runs, RunScheduler runScheduler) throws SchedulerException {
        if (type == PrepareRunJob.class) {
            return new PrepareRunJob(runs, runScheduler);
        }
        if (type == PartitionJob.class) {
            return new PartitionJob(runs, runScheduler);
        }
        if (type == NightlyRunJob.class) {
            return new NightlyRunJob(runs);
        }
        if (type == SupervisorJob.class) {
            return new SupervisorJob(runs);
        }
        if (type == MonthlyJob.class) {
            return new MonthlyJob(runs);
        }
        throw new SchedulerException("No job of type " + type);
    }

    /** A job of the service's own on a cron trigger ({@link RunScheduler#scheduleCron}): counts its firings. */
    static final class MonthlyJob implements Job {

        private final RecordingRuns runs;

        MonthlyJob(PartitionedRuns runs) {
            this.runs = (RecordingRuns) runs;
        }

        @Override
        public void execute(org.quartz.JobExecutionContext context) {
            runs.monthlyJobsRun.incrementAndGet();
        }
    }

    /** Waits until {@code condition} holds, failing with {@code what} after {@link #PATIENCE}. */
    static void awaitUntil(String what, Condition condition) throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.holds()) {
            if (System.nanoTime() > deadline) {
                fail("Waited " + PATIENCE.toSeconds() + " s in vain for: " + what);
            }
            Thread.sleep(10);
        }
    }

    /** A condition that may read Quartz, whose methods throw checked exceptions. */
    @FunctionalInterface
    interface Condition {
        boolean holds() throws Exception;
    }
}
