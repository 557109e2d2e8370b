package io.decisioning.service.batch;

import io.decisioning.rules.engine.Sentence;
import io.decisioning.scheduler.PartitionedRuns;
import io.decisioning.scheduler.RunScheduler;
import io.decisioning.service.assessment.Assessed;
import io.decisioning.service.assessment.AssessmentPipeline;
import io.decisioning.service.assessment.EvaluationDate;
import io.decisioning.service.assessment.IdRange;
import io.decisioning.service.assessment.Selection;
import io.decisioning.service.assessment.Trigger;
import io.decisioning.service.audit.AuditTrail;
import io.decisioning.service.book.BookStatistics;
import io.decisioning.service.book.BookStats;
import io.decisioning.service.engine.RuleEngine;
import io.decisioning.service.identity.PartyResolver;
import io.decisioning.service.system.ConflictException;
import io.decisioning.service.system.NotFoundException;
import io.decisioning.service.system.RulesProperties;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The nightly run over the whole book (issue 3), driven by the scheduler module's Quartz jobs:
 * <ol>
 *   <li>start: a RUNNING batch_run row (one at a time, cluster-wide, by a unique key) and its
 *       preparation job, in one transaction;</li>
 *   <li>prepare: the parties are resolved (DESIGN.md section 10), the book-wide figures are refreshed, the book is split into partitions of
 *       customer-id ranges and one Quartz job per partition is scheduled, in one transaction;</li>
 *   <li>each partition, on whichever node Quartz gives it to, in chunks: features read set-based,
 *       evaluated together, assessments, history and warnings written, and the checkpoint and
 *       counts advanced, each chunk in one transaction;</li>
 *   <li>the partition that finds no other unfinished partition marks the run SUCCEEDED.</li>
 * </ol>
 * A node killed at any point loses only the uncommitted chunk; Quartz fires its jobs again on a
 * live node, which resumes from the committed checkpoint.
 */
@Service
public class BatchRunService implements PartitionedRuns {

    static final String SCHEDULED_BY = "scheduler";
    private static final Logger log = LoggerFactory.getLogger(BatchRunService.class);

    private final BatchRunRepository runs;
    private final RunScheduler runScheduler;
    private final Scheduler scheduler;
    private final BookStatistics bookStatistics;
    private final PartyResolver parties;
    private final AssessmentPipeline pipeline;
    private final RuleEngine engine;
    private final EvaluationDate evaluationDate;
    private final AuditTrail audit;
    private final RulesProperties.Batch settings;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final org.springframework.context.ApplicationEventPublisher events;

    BatchRunService(BatchRunRepository runs, RunScheduler runScheduler, Scheduler scheduler,
                    BookStatistics bookStatistics, PartyResolver parties, AssessmentPipeline pipeline,
                    RuleEngine engine, EvaluationDate evaluationDate, AuditTrail audit, RulesProperties properties,
                    PlatformTransactionManager transactions, Clock clock,
                    org.springframework.context.ApplicationEventPublisher events) {
        this.clock = clock;
        this.events = events;
        this.runs = runs;
        this.runScheduler = runScheduler;
        this.scheduler = scheduler;
        this.bookStatistics = bookStatistics;
        this.parties = parties;
        this.pipeline = pipeline;
        this.engine = engine;
        this.evaluationDate = evaluationDate;
        this.audit = audit;
        this.settings = properties.batch();
        this.tx = new TransactionTemplate(transactions);
    }

    /** Starts a run now on behalf of {@code user} (POST /api/v1/batch-runs); 409 when one is running. */
    public BatchRun startManual(String user) {
        long runId = start(RunTrigger.MANUAL, user)
                .orElseThrow(() -> new ConflictException(new Sentence("A batch run is already running; only one runs at a time.",
                        "已有批处理正在运行，同一时间只能运行一个。")));
        return find(runId);
    }

    @Override
    public void startScheduledRun() {
        start(RunTrigger.SCHEDULED, SCHEDULED_BY).ifPresentOrElse(
                id -> log.info("Nightly run {} started", id),
                () -> log.warn("Nightly run not started: a run is still running"));
    }

    private Optional<Long> start(RunTrigger trigger, String user) {
        try {
            return Optional.ofNullable(tx.execute(status -> {
                LocalDate asOf = evaluationDate.today();
                long runId = runs.insertRunning(trigger, user, asOf, clock.instant(), engine.versions());
                runScheduler.schedulePreparation(runId);
                audit.record(user, "BATCH_RUN_STARTED", "BATCH_RUN", Long.toString(runId),
                        Map.of("trigger", trigger, "asOfDate", asOf.toString()));
                return runId;
            }));
        } catch (DuplicateKeyException alreadyRunning) {
            return Optional.empty();
        }
    }

    @Override
    public void prepare(long runId) {
        tx.executeWithoutResult(status -> {
            BatchRunRepository.RunState run = runs.lockRun(runId).orElse(null);
            if (run == null || run.status() != RunStatus.RUNNING || run.phase() != RunPhase.STARTING) {
                return; // prepared before a crash, or finished: nothing to do again
            }
            long started = System.nanoTime();
            // the parties first (DESIGN.md section 10): the book figures rank parties, not records
            PartyResolver.Summary resolved = parties.resolveBook();
            BookStats stats = bookStatistics.refresh(run.asOf());
            List<BatchRunRepository.Partition> partitions = runs.insertPartitions(runId, settings.partitionSize());
            runs.markPartitioned(runId, stats.customers(), partitions.size(), stats.id());
            if (partitions.isEmpty()) {
                runs.finish(runId, RunStatus.SUCCEEDED, clock.instant(), null);
                log.info("Run {}: the book is empty", runId);
                return;
            }
            runScheduler.schedulePartitions(runId, partitions.stream().map(BatchRunRepository.Partition::partitionNo).toList());
            log.info("Run {} as of {}: {} customers in {} partitions ({} ms to resolve parties ({}: {} new records, {} with"
                            + " other keys, {} records in {} pairs, {} changed, {} candidates), refresh the book figures and"
                            + " partition)",
                    runId, run.asOf(), stats.customers(), partitions.size(), (System.nanoTime() - started) / 1_000_000,
                    resolved.wholeBook() ? "the whole book" : "what changed", resolved.fresh(), resolved.changedKeys(),
                    resolved.records(), resolved.pairs(), resolved.changed(), resolved.candidates());
        });
    }

    @Override
    public void processPartition(long runId, int partitionNo) {
        String node = node();
        long chunks = 0;
        while (Boolean.TRUE.equals(tx.execute(status -> processChunk(runId, partitionNo, node)))) {
            chunks++;
            if (!settings.chunkPause().isZero()) {
                try {
                    Thread.sleep(settings.chunkPause().toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return; // the node is shutting down: the partition resumes from its checkpoint elsewhere
                }
            }
        }
        log.debug("Run {} partition {}: {} chunks on {}", runId, partitionNo, chunks, node);
    }

    /** One chunk of a partition in one transaction; false when the partition (or the run) is finished. */
    private boolean processChunk(long runId, int partitionNo, String node) {
        BatchRunRepository.Partition partition = runs.lockPartition(runId, partitionNo).orElse(null);
        if (partition == null || partition.status() == PartitionStatus.DONE) {
            return false;
        }
        BatchRunRepository.RunState run = runs.run(runId).orElseThrow();
        if (run.status() != RunStatus.RUNNING) {
            return false;
        }
        if (partition.status() == PartitionStatus.PENDING) {
            runs.startPartition(runId, partitionNo, node, clock.instant());
        }
        if (partition.checkpointId() >= partition.toId()) {
            runs.partitionDone(runId, partitionNo, clock.instant());
            finishIfComplete(runId);
            return false;
        }
        long chunkEnd = runs.chunkEnd(partition.checkpointId(), partition.toId(), settings.chunkSize());
        Assessed result = pipeline.assess(Selection.range(new IdRange(partition.checkpointId() + 1, chunkEnd)),
                Trigger.BATCH, run.asOf());
        runs.insertFailures(runId, result.failures());
        runs.checkpoint(runId, partitionNo, chunkEnd, result.processed(), result.changed(), result.failures().size(), node);
        return true;
    }

    private void finishIfComplete(long runId) {
        BatchRunRepository.RunState run = runs.lockRun(runId).orElseThrow();
        if (run.status() == RunStatus.RUNNING && runs.partitionsNotDone(runId) == 0) {
            runs.finish(runId, RunStatus.SUCCEEDED, clock.instant(), null);
            events.publishEvent(new RunSucceeded(runId, run.asOf()));
            BatchRun done = runs.find(runId).orElseThrow();
            log.info("Run {} succeeded: {} customers, {} changed, {} failed, in {} s", runId, done.processed(),
                    done.changed(), done.failed(), (clock.millis() - done.startedAt().toEpochMilli()) / 1000.0);
        }
    }

    @Override
    public boolean jobFailed(long runId, int partitionNo, Throwable error) {
        return Boolean.TRUE.equals(tx.execute(status -> {
            String message = error.getClass().getSimpleName() + ": " + error.getMessage();
            if (partitionNo < 0) {
                runs.lockRun(runId);
                runs.finish(runId, RunStatus.FAILED, clock.instant(), "Preparation failed: " + message);
                return false;
            }
            int attempts = runs.partitionFailed(runId, partitionNo);
            BatchRunRepository.RunState run = runs.lockRun(runId).orElse(null);
            if (run == null || run.status() != RunStatus.RUNNING) {
                return false;
            }
            if (attempts >= settings.maxAttempts()) {
                runs.finish(runId, RunStatus.FAILED, clock.instant(),
                        "Partition " + partitionNo + " failed " + attempts + " times: " + message);
                return false;
            }
            return true;
        }));
    }

    /**
     * Work of RUNNING runs that has no Quartz job any more is scheduled again: a preparation or a
     * partition whose job ended with an error that could not even be recorded (its node was shutting
     * down), or jobs lost with the Quartz tables. At start-up and every minute (the supervisor job).
     */
    @Override
    public void recoverOrphans() {
        for (BatchRunRepository.RunState run : runs.running()) {
            if (run.phase() == RunPhase.STARTING) {
                if (!runScheduler.hasPreparationJob(run.id())) {
                    log.warn("Run {} lost its preparation job; scheduling it again", run.id());
                    runScheduler.schedulePreparation(run.id());
                }
                continue;
            }
            for (int partition : runs.unfinishedPartitions(run.id())) {
                if (!runScheduler.hasPartitionJob(run.id(), partition)) {
                    log.warn("Partition {} of run {} lost its job; scheduling it again", partition, run.id());
                    runScheduler.schedulePartition(run.id(), partition, clock.instant());
                }
            }
        }
    }

    public BatchRun find(long runId) {
        return runs.find(runId).orElseThrow(() -> new NotFoundException(new Sentence("No batch run " + runId + ".",
                "批处理 " + runId + " 不存在。")));
    }

    public List<BatchRun> latest(int limit) {
        return runs.latest(limit);
    }

    private String node() {
        try {
            return scheduler.getSchedulerInstanceId();
        } catch (SchedulerException e) {
            return "unknown";
        }
    }
}
