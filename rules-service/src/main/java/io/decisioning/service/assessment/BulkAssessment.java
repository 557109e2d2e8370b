package io.decisioning.service.assessment;

import io.decisioning.rules.BlacklistHit;
import io.decisioning.rules.Decision;
import io.decisioning.rules.Grade;
import io.decisioning.rules.Severity;
import io.decisioning.rules.Tier;
import io.decisioning.rules.WarningType;
import io.decisioning.rules.engine.Evaluation;
import io.decisioning.rules.engine.EvaluationInput;
import io.decisioning.rules.engine.RaisedWarning;
import io.decisioning.rules.engine.Reason;
import io.decisioning.rules.engine.RuleSet;
import io.decisioning.service.blacklist.BlacklistMatchRepository;
import io.decisioning.service.engine.RuleMetrics;
import io.decisioning.service.identity.CustomerKeys;
import io.decisioning.service.identity.MatchKeys;
import io.decisioning.service.engine.RuleEngine;
import io.decisioning.service.warning.WarningBulkSync;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import io.decisioning.service.customer.CustomerFeatureRepository;
import io.decisioning.service.customer.CustomerSnapshot;
import io.decisioning.service.customer.Customer;

/**
 * Evaluates and stores many customers at once: the nightly run's chunks and batches of events. The
 * same steps as {@link AssessmentService#evaluateAndStore} for one customer, each done set-based for
 * the whole chunk: match keys refreshed and blacklist hits joined for all, one call to the rules, the
 * assessments, their history and the warnings written in batches. Runs in the caller's transaction.
 *
 * <p>When the rules fail for the chunk, each customer is evaluated alone so that one bad customer
 * does not hold up the others; the customers that still fail keep their previous assessment and are
 * reported as failed, never stored with a default outcome.
 */
@Service
public class BulkAssessment {

    private static final Logger log = LoggerFactory.getLogger(BulkAssessment.class);

    private final CustomerFeatureRepository features;
    private final BlacklistMatchRepository blacklist;
    private final RuleEngine engine;
    private final AssessmentRepository assessments;
    private final WarningBulkSync warnings;
    private final RuleMetrics metrics;
    /** Not final: the nightly-batch benchmark flips it between its runs (rules, then floor) in one JVM. */
    private volatile boolean constantRules;
    private final Clock clock = Clock.systemUTC();

    BulkAssessment(CustomerFeatureRepository features, BlacklistMatchRepository blacklist, RuleEngine engine, AssessmentRepository assessments,
                   WarningBulkSync warnings, RuleMetrics metrics,
                   @Value("${rules.benchmark.constant-rules:false}") boolean constantRules) {
        this.features = features;
        this.blacklist = blacklist;
        this.engine = engine;
        this.assessments = assessments;
        this.warnings = warnings;
        this.metrics = metrics;
        this.constantRules = constantRules;
        if (constantRules) {
            log.warn("rules.benchmark.constant-rules is on: every customer gets a constant outcome instead of the rules' "
                    + "(a benchmark's floor; never in production)");
        }
    }

    /**
     * Evaluates every customer in {@code range} as of {@code today} and stores the outcomes (a chunk
     * of the nightly run). Their assessments are locked before their data is read.
     */
    public ChunkResult evaluateRange(IdRange range, Trigger trigger, LocalDate today) {
        Map<Long, AssessmentRepository.StoredHashes> previous = assessments.lock(range);
        return evaluateAndStore(features.snapshotsInRange(range, today), previous, trigger, today);
    }

    /**
     * Evaluates these customers as of {@code today} and stores the outcomes (a batch of events); ids
     * of customers that do not exist are ignored (absent from the result's count).
     */
    public ChunkResult evaluateCustomers(List<Long> customerIds, Trigger trigger, LocalDate today) {
        List<Long> sorted = customerIds.stream().distinct().sorted().toList();
        Map<Long, AssessmentRepository.StoredHashes> previous = assessments.lock(sorted);
        return evaluateAndStore(features.snapshotsOf(sorted, today), previous, trigger, today);
    }

    private ChunkResult evaluateAndStore(List<CustomerSnapshot> snapshots,
                                         Map<Long, AssessmentRepository.StoredHashes> previous, Trigger trigger,
                                         LocalDate today) {
        if (snapshots.isEmpty()) {
            return new ChunkResult(0, 0, 0, List.of());
        }
        // match keys are read and written only for customers whose keys differ from those stored with their assessment
        List<CustomerKeys> changedKeys = new ArrayList<>();
        List<String> matchKeys = new ArrayList<>(snapshots.size());
        List<Long> ids = new ArrayList<>(snapshots.size());
        for (CustomerSnapshot snapshot : snapshots) {
            Customer c = snapshot.customer();
            MatchKeys keys = MatchKeys.of(c.idType(), c.idNumber(), c.name(), c.birthDate(), c.phone());
            String fingerprint = AssessmentRepository.matchKeysHash(keys);
            AssessmentRepository.StoredHashes stored = previous.get(c.id());
            if (stored == null || !stored.hasMatchKeys(fingerprint)) {
                changedKeys.add(new CustomerKeys(c.id(), keys));
            }
            matchKeys.add(fingerprint);
            ids.add(c.id());
        }
        blacklist.refreshKeys(changedKeys);
        Map<Long, List<BlacklistHit>> hits = blacklist.hitsFor(ids, today);
        List<EvaluationInput> inputs = new ArrayList<>(snapshots.size());
        for (CustomerSnapshot snapshot : snapshots) {
            inputs.add(new EvaluationInput(snapshot.features().toProfile(),
                    hits.getOrDefault(snapshot.customer().id(), List.of())));
        }
        RuleSet rules = engine.current();
        List<AssessmentRepository.ToStore> toStore = new ArrayList<>(snapshots.size());
        List<Failure> failures = new ArrayList<>();
        try {
            List<Evaluation> evaluations = evaluate(rules, inputs);
            for (int i = 0; i < snapshots.size(); i++) {
                toStore.add(new AssessmentRepository.ToStore(ids.get(i), evaluations.get(i), matchKeys.get(i)));
            }
            metrics.fired(evaluations);
        } catch (RuntimeException chunkFailed) {
            log.warn("The rules failed for a chunk of {} customers ({}); evaluating them one by one",
                    snapshots.size(), chunkFailed.toString());
            for (int i = 0; i < snapshots.size(); i++) {
                try {
                    Evaluation evaluation = evaluate(rules, List.of(inputs.get(i))).get(0);
                    toStore.add(new AssessmentRepository.ToStore(ids.get(i), evaluation, matchKeys.get(i)));
                    metrics.fired(evaluation);
                } catch (RuntimeException e) {
                    metrics.failed("bulk", e);
                    failures.add(new Failure(ids.get(i), snapshots.get(i).customer().customerNo(), String.valueOf(e.getMessage())));
                }
            }
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        AssessmentRepository.Saved saved = assessments.saveAll(toStore, trigger, now, previous);
        List<WarningBulkSync.Raised> raised = new ArrayList<>(toStore.size());
        for (AssessmentRepository.ToStore item : toStore) {
            raised.add(new WarningBulkSync.Raised(item.customerId(), item.evaluation().customerNo(),
                    item.evaluation().warnings()));
        }
        warnings.syncAll(raised, now);
        return new ChunkResult(snapshots.size(), saved.changed().size(), failures.size(), failures);
    }

    private List<Evaluation> evaluate(RuleSet rules, List<EvaluationInput> inputs) {
        if (!constantRules) {
            return rules.evaluate(inputs);
        }
        Map<String, Integer> versions = rules.rulePacks();
        List<Evaluation> constant = new ArrayList<>(inputs.size());
        for (EvaluationInput input : inputs) {
            boolean warned = Math.floorMod(input.profile().customerNo().hashCode(), 10) == 0;
            constant.add(new Evaluation(input.profile(), input.blacklistHits(), Grade.STANDARD, Tier.STANDARD,
                    Decision.ACCEPT, 50, 50, warned ? FLOOR_WARNING : List.of(), FLOOR_REASONS, versions));
        }
        return constant;
    }

    /**
     * The floor's constant outcome is shaped like the rules' typical one, so that it writes the same
     * rows and about as many bytes: ten reasons of about 1.2 KB of JSON (the shipped packs give 10-12
     * reasons, about 1.2 KB) and a warning for about one customer in ten (the rules warn about 9 %).
     */
    private static final List<Reason> FLOOR_REASONS = java.util.stream.IntStream.rangeClosed(1, 10)
            .mapToObj(i -> new Reason("benchmark", 0, "FLR-%03d Constant outcome".formatted(i),
                    "no rules evaluated: constant reason %d".formatted(i)))
            .toList();
    private static final List<RaisedWarning> FLOOR_WARNING = List.of(
            new RaisedWarning(WarningType.REPEAT_CLAIMANT, Severity.MEDIUM, "constant warning of the benchmark floor"));

    /** A customer the rules could not evaluate; the previous assessment stays. */
    public record Failure(long customerId, String customerNo, String error) {
    }

    /**
     * What a chunk did.
     *
     * @param processed customers evaluated or attempted
     * @param changed   customers whose outcome changed (or who had no assessment before)
     * @param failed    customers the rules could not evaluate
     */
    public record ChunkResult(int processed, int changed, int failed, List<Failure> failures) {

        public ChunkResult {
            failures = List.copyOf(failures);
        }

        public Set<Long> failedIds() {
            Set<Long> ids = new HashSet<>();
            failures.forEach(f -> ids.add(f.customerId()));
            return ids;
        }
    }
}
