package io.decisioning.service.rulepack;

import io.decisioning.rules.Scorecard;
import io.decisioning.rules.engine.CompiledPack;
import io.decisioning.rules.engine.Evaluation;
import io.decisioning.rules.engine.EvaluationInput;
import io.decisioning.rules.engine.RuleSet;
import io.decisioning.rules.engine.Sentence;
import io.decisioning.service.assessment.AssessmentPipeline;
import io.decisioning.service.assessment.EvaluationDate;
import io.decisioning.service.assessment.IdRange;
import io.decisioning.service.assessment.Selection;
import io.decisioning.service.assessment.Subject;
import io.decisioning.service.audit.AuditTrail;
import io.decisioning.service.customer.CustomerRepository;
import io.decisioning.service.engine.RuleEngine;
import io.decisioning.service.system.ConflictException;
import io.decisioning.service.system.InvalidInputException;
import io.decisioning.service.system.NotFoundException;
import io.decisioning.service.system.RulesProperties;
import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Back-testing a scorecard version (DESIGN.md section 11): the whole book evaluated as of a past date D with the
 * live rules and the version in its pack's place, every source reading as of D (features, book figures,
 * retention figures as the CRM would have shown them on D), and each customer at risk on D compared with whether
 * it left within the horizon after D ({@link LapseRepository}). Nothing is written but the back-test's own row.
 *
 * <p>Runs in the background on the node that was asked, in id windows over a few threads under the runaway
 * watchdog, like a simulation ({@link BookRunner}); it keeps a byte per customer evaluated ({@link BacktestTally})
 * and, when done, the counts and lapse rates per churn-score decile and band, the top decile's lift and the AUC.
 * A version that some customers cannot be evaluated with fails the back-test, with its error.
 */
@Service
class BacktestService {

    static final int MAX_HORIZON_DAYS = 730;
    private static final Logger log = LoggerFactory.getLogger(BacktestService.class);

    private final RulePackService packs;
    private final RuleEngine engine;
    private final BacktestRepository backtests;
    private final LapseRepository lapses;
    private final AssessmentPipeline pipeline;
    private final EvaluationDate evaluationDate;
    private final AuditTrail audit;
    private final TransactionTemplate tx;
    private final BookRunner runner;
    private final Clock clock;

    BacktestService(RulePackService packs, RuleEngine engine, BacktestRepository backtests, LapseRepository lapses,
                    CustomerRepository customers, AssessmentPipeline pipeline, EvaluationDate evaluationDate,
                    AuditTrail audit, PlatformTransactionManager transactions, RulesProperties properties, Clock clock) {
        this.packs = packs;
        this.engine = engine;
        this.backtests = backtests;
        this.lapses = lapses;
        this.pipeline = pipeline;
        this.evaluationDate = evaluationDate;
        this.audit = audit;
        this.tx = new TransactionTemplate(transactions);
        this.runner = new BookRunner("back-test", packs, engine, customers, properties, clock);
        this.clock = clock;
    }

    /**
     * Starts back-testing the version as of {@code asOf} over {@code horizonDays}: 404 for an unknown version, 409
     * for one that does not compile or cannot run with the live packs, or while a back-test of it runs; 400 for a
     * version that gives no churn score, and for dates the data cannot answer (in the future, before the CRM's
     * premium schedule begins, or a horizon that has not passed yet).
     */
    public Backtest start(String pack, int version, BacktestRequest request, String user) {
        CompiledPack draft = runner.draft(pack, version, new Sentence("back-tested", "回测"));
        if (!draft.scores(Scorecard.CHURN)) {
            throw new InvalidInputException("name", new Sentence("version " + version + " of pack " + pack
                    + " gives no churn score (none of its rules gives CHURN points); only a churn scorecard can be back-tested",
                    "规则包 " + pack + " 的版本 " + version + " 不产生流失评分（其规则均不给出 CHURN 分数）；只有流失评分卡才能回测"));
        }
        LocalDate asOf = request.asOf();
        int horizonDays = request.horizonDays();
        checkDates(asOf, horizonDays);
        RuleSet live = engine.current();
        RuleSet candidate = BookRunner.withDraft(live, draft);
        long book = runner.bookSize();
        Map<String, Integer> against = new LinkedHashMap<>(live.rulePacks());
        against.remove(pack);
        long id = tx.execute(status -> {
            packs.lockVersion(pack, version);
            Optional<Backtest> running = backtests.latest(pack, version)
                    .filter(b -> b.status() == BacktestStatus.RUNNING && runner.mayStillRun(b.startedAt()));
            if (running.isPresent()) {
                throw new ConflictException(new Sentence("A back-test of version " + version + " of " + pack
                        + " is running (as of " + running.get().asOf() + ", started by " + running.get().requestedBy() + ").",
                        "规则包 " + pack + " 的版本 " + version + " 正在回测（基准日 " + running.get().asOf() + "，由 "
                                + running.get().requestedBy() + " 发起）。"));
            }
            long started = backtests.start(pack, version, asOf, horizonDays, against, user, clock.instant(), book);
            audit.record(user, "RULE_PACK_BACKTEST", "RULE_PACK_VERSION", pack + ":" + version, Map.of(
                    "asOf", asOf.toString(), "horizonDays", horizonDays, "against", against, "customers", book));
            return started;
        });
        BookCounts counts = new BookCounts();
        runner.submit(pack, version, () -> run(id, pack, version, asOf, horizonDays, candidate, counts),
                error -> backtests.finish(id, BacktestStatus.FAILED, counts.processed.sum(), counts.failed.sum(), null, error,
                        clock.instant()));
        return backtests.latest(pack, version).orElseThrow();
    }

    /** The version's latest back-test; 404 for an unknown version or one never back-tested. */
    public Backtest latest(String pack, int version) {
        packs.version(pack, version);
        return backtests.latest(pack, version)
                .orElseThrow(() -> new NotFoundException(new Sentence("Version " + version + " of " + pack
                        + " has not been back-tested.", "规则包 " + pack + " 的版本 " + version + " 尚未回测。")));
    }

    /**
     * The dates the data can answer: {@code asOf} not in the future nor before the CRM's premium schedule begins
     * (before it, no customer has the retention figures a churn score is made of), and the horizon and the 30 days
     * in which a policy ending on its last day may be renewed over by today (who left within it must be known).
     */
    private void checkDates(LocalDate asOf, int horizonDays) {
        LocalDate today = evaluationDate.today();
        if (asOf.isAfter(today)) {
            throw new InvalidInputException("asOf", new Sentence("is in the future (today is " + today + ")",
                    "是未来的日期（今天是 " + today + "）"));
        }
        Optional<LocalDate> oldest = lapses.oldestDueDate();
        if (oldest.isEmpty()) {
            throw new InvalidInputException("asOf", new Sentence("is before the oldest data: the CRM keeps no premium schedule "
                    + "(premium_due is empty), so no date has the figures a churn score is made of",
                    "早于最早的数据：CRM 中没有保费计划（premium_due 为空），因此没有任何日期具备计算流失评分所需的数据"));
        }
        if (asOf.isBefore(oldest.get())) {
            throw new InvalidInputException("asOf", new Sentence("is before the oldest data: the CRM's premium schedule begins on "
                    + oldest.get(), "早于最早的数据：CRM 的保费计划从 " + oldest.get() + " 开始"));
        }
        // a policy that ends on the horizon's last day may still be renewed up to RENEWAL_DAYS later: that must be known too
        LocalDate known = asOf.plusDays(horizonDays + LapseRepository.RENEWAL_DAYS);
        if (known.isAfter(today)) {
            long longest = ChronoUnit.DAYS.between(asOf, today) - LapseRepository.RENEWAL_DAYS;
            throw new InvalidInputException("horizonDays", new Sentence("ends on " + asOf.plusDays(horizonDays)
                    + ", and a renewal may come " + LapseRepository.RENEWAL_DAYS
                    + " days after a policy's end, which is after today (" + today
                    + "): who left by then cannot be known yet; take an earlier asOf or a shorter horizon (at most "
                    + longest + " days from " + asOf + ")",
                    "截止于 " + asOf.plusDays(horizonDays) + "，而续保可能在保单到期后 " + LapseRepository.RENEWAL_DAYS
                            + " 天内发生，晚于今天（" + today + "）：届时哪些客户已流失尚无法得知；请选择更早的 asOf 或更短的期限（自 "
                            + asOf + " 起最多 " + longest + " 天）"));
        }
    }

    private void run(long id, String pack, int version, LocalDate asOf, int horizonDays, RuleSet candidate,
                     BookCounts counts) {
        long started = System.nanoTime();
        BacktestTally tally = new BacktestTally();
        runner.overBook(pack, version, window -> evaluate(window, asOf, horizonDays, candidate, counts, tally),
                () -> backtests.progress(id, counts.processed.sum(), counts.failed.sum()));
        long failed = counts.failed.sum();
        if (failed > 0) {
            log.warn("Back-test of {} v{} failed: {} customers could not be evaluated ({})", pack, version, failed,
                    counts.firstError());
            backtests.finish(id, BacktestStatus.FAILED, counts.processed.sum(), failed, null, counts.failures(),
                    clock.instant());
            return;
        }
        Backtest.Figures figures = tally.figures();
        backtests.finish(id, BacktestStatus.DONE, counts.processed.sum(), 0, figures, null, clock.instant());
        log.info("Back-tested {} v{} as of {} over {} days: {} customers evaluated, {} left, AUC {}, in {} ms", pack,
                version, asOf, horizonDays, figures.evaluated(), figures.left(), figures.auc(),
                (System.nanoTime() - started) / 1_000_000);
    }

    /**
     * One window: its customers read as of D, those at risk on D evaluated (each party once, under its primary
     * record), and each one's churn score kept with whether it left.
     */
    private void evaluate(IdRange window, LocalDate asOf, int horizonDays, RuleSet candidate, BookCounts counts,
                          BacktestTally tally) {
        AssessmentPipeline.Read read = pipeline.read(Selection.range(window), asOf);
        if (read.subjects().isEmpty()) {
            return;
        }
        Map<Long, Boolean> atRisk = lapses.atRiskAndLeft(window, asOf, horizonDays);
        List<EvaluationInput> inputs = new ArrayList<>(atRisk.size());
        List<Subject> subjects = new ArrayList<>(atRisk.size());
        for (int i = 0; i < read.subjects().size(); i++) {
            Subject subject = read.subjects().get(i);
            counts.processed.increment();
            if (subject.inLargerParty() && subject.party().primaryCustomerId() != subject.customerId()) {
                tally.otherPartyRecords.increment();
            } else if (!atRisk.containsKey(subject.customerId())) {
                tally.notAtRisk.increment();
            } else {
                inputs.add(read.inputs().get(i));
                subjects.add(subject);
            }
        }
        List<Evaluation> evaluations = counts.evaluate(candidate, inputs);
        byte[] outcomes = new byte[inputs.size()];
        int kept = 0;
        for (int i = 0; i < evaluations.size(); i++) {
            Evaluation evaluation = evaluations.get(i);
            if (evaluation == null) {
                continue;
            }
            Integer score = evaluation.churnScore();
            if (score == null) {
                tally.noChurnScore.increment();
            } else {
                outcomes[kept++] = BacktestTally.outcome(score, atRisk.get(subjects.get(i).customerId()));
            }
        }
        tally.window(window.fromId(), Arrays.copyOf(outcomes, kept));
    }
}
