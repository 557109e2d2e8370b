package io.decisioning.scheduler;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The service's stand-in: records what the jobs ask of a run, and fails or holds where a test says
 * so. Every record is safe to read from the test thread while Quartz's workers write it.
 */
final class RecordingRuns implements PartitionedRuns {

    record Partition(long runId, int partitionNo) {
    }

    record Failure(long runId, int partitionNo, Throwable error, Instant at) {
    }

    final AtomicInteger scheduledRunsStarted = new AtomicInteger();
    final AtomicInteger orphanRecoveries = new AtomicInteger();
    /** Firings of {@link MonthlyJob}, a job of the service's own on a cron trigger. */
    final AtomicInteger monthlyJobsRun = new AtomicInteger();
    final List<Long> prepared = new CopyOnWriteArrayList<>();
    final List<Partition> processed = new CopyOnWriteArrayList<>();
    final List<Failure> failures = new CopyOnWriteArrayList<>();
    /** The most partitions processed at the same time. */
    final AtomicInteger mostPartitionsAtOnce = new AtomicInteger();

    private final AtomicInteger partitionsNow = new AtomicInteger();
    private final AtomicInteger preparationsToFail = new AtomicInteger();
    private final AtomicInteger partitionsToFail = new AtomicInteger();
    private volatile boolean retry;
    private volatile CountDownLatch partitionGate = new CountDownLatch(0);

    /** The next {@code times} preparations throw. */
    RecordingRuns failPreparations(int times) {
        preparationsToFail.set(times);
        return this;
    }

    /** The next {@code times} partitions throw (after being recorded as processed). */
    RecordingRuns failPartitions(int times) {
        partitionsToFail.set(times);
        return this;
    }

    /** What {@link #jobFailed} answers: true to have the job tried again. */
    RecordingRuns retryFailedJobs(boolean retry) {
        this.retry = retry;
        return this;
    }

    /** Partitions wait (at most half a minute) until the returned latch is counted down. */
    CountDownLatch holdPartitions() {
        partitionGate = new CountDownLatch(1);
        return partitionGate;
    }

    @Override
    public void startScheduledRun() {
        scheduledRunsStarted.incrementAndGet();
    }

    @Override
    public void prepare(long runId) {
        prepared.add(runId);
        if (preparationsToFail.getAndDecrement() > 0) {
            throw new IllegalStateException("preparation of run " + runId + " broke");
        }
    }

    @Override
    public void processPartition(long runId, int partitionNo) {
        mostPartitionsAtOnce.accumulateAndGet(partitionsNow.incrementAndGet(), Math::max);
        try {
            processed.add(new Partition(runId, partitionNo));
            if (!partitionGate.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never released partition " + partitionNo);
            }
            if (partitionsToFail.getAndDecrement() > 0) {
                throw new IllegalStateException("partition " + partitionNo + " of run " + runId + " broke");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            partitionsNow.decrementAndGet();
        }
    }

    @Override
    public boolean jobFailed(long runId, int partitionNo, Throwable error) {
        // Quartz keeps trigger times in milliseconds
        failures.add(new Failure(runId, partitionNo, error, Instant.now().truncatedTo(ChronoUnit.MILLIS)));
        return retry;
    }

    @Override
    public void recoverOrphans() {
        orphanRecoveries.incrementAndGet();
    }
}
