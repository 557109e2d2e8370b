package io.decisioning.service.assessment;

import io.decisioning.rules.engine.Evaluation;
import io.decisioning.rules.engine.EvaluationInput;
import io.decisioning.rules.engine.RuleSet;
import io.decisioning.service.engine.RuleEngine;
import io.decisioning.service.engine.RuleMetrics;
import io.decisioning.service.identity.CustomerKeys;
import io.decisioning.service.identity.MatchKeyRepository;
import io.decisioning.service.warning.WarningBulkSync;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * The one way customers are evaluated: a pre-bind check, an event, a manual evaluation, a nightly
 * chunk and a simulation all go through here, for a set of customers (one customer is a set of one).
 * <ol>
 *   <li>the selected customers' current assessments are locked, before anything of theirs is read, so
 *       that of two evaluations of one customer the one that read later also writes later;</li>
 *   <li>the customers are read ({@link Subjects}), then every {@link FactSource} adds its facts, each
 *       with set-based statements;</li>
 *   <li>the live rule packs evaluate them all at once; when they fail for the set, each customer is
 *       evaluated alone, so one bad customer does not hold up the others;</li>
 *   <li>the assessments, their history and the warnings are brought up to date with a few statements
 *       for the whole set, and the customers' identity keys where they changed.</li>
 * </ol>
 * A customer the rules cannot evaluate keeps the assessment it had and is reported as failed, never
 * stored with a default outcome. Runs in the caller's transaction.
 */
@Service
public class AssessmentPipeline {

    private static final Logger log = LoggerFactory.getLogger(AssessmentPipeline.class);

    private final SubjectRepository subjects;
    private final List<FactSource> sources;
    private final RuleEngine engine;
    private final AssessmentRepository assessments;
    private final WarningBulkSync warnings;
    private final MatchKeyRepository matchKeys;
    private final RuleMetrics metrics;
    private final Clock clock;

    AssessmentPipeline(SubjectRepository subjects, List<FactSource> sources, RuleEngine engine,
                       AssessmentRepository assessments, WarningBulkSync warnings, MatchKeyRepository matchKeys,
                       RuleMetrics metrics, Clock clock) {
        this.subjects = subjects;
        this.sources = List.copyOf(sources);
        this.engine = engine;
        this.assessments = assessments;
        this.warnings = warnings;
        this.matchKeys = matchKeys;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * Evaluates the selected customers as of {@code asOf} with the live rules and stores what changed.
     * Customers that do not exist are left out.
     */
    public Assessed assess(Selection selection, Trigger trigger, LocalDate asOf) {
        Map<Long, AssessmentRepository.StoredHashes> previous = assessments.lock(selection);
        Subjects selected = subjects.read(selection, asOf);
        if (selected.all().isEmpty()) {
            return Assessed.NONE;
        }
        List<EvaluationInput> inputs = facts(selected).inputs();
        List<String> fingerprints = refreshMatchKeys(selected, previous);
        RuleSet rules = engine.current();
        String where = trigger.name().toLowerCase(Locale.ROOT);
        List<Evaluation> evaluations = new ArrayList<>(inputs.size());
        List<Assessed.Failure> failures = new ArrayList<>();
        try {
            evaluations.addAll(rules.evaluate(inputs));
            metrics.fired(evaluations);
        } catch (RuntimeException setFailed) {
            if (inputs.size() > 1) {
                log.warn("The rules failed for a set of {} customers ({}); evaluating them one by one", inputs.size(),
                        setFailed.toString());
            }
            for (int i = 0; i < inputs.size(); i++) {
                try {
                    Evaluation evaluation = rules.evaluate(inputs.get(i));
                    evaluations.add(evaluation);
                    metrics.fired(evaluation);
                } catch (RuntimeException e) {
                    evaluations.add(null);
                    metrics.failed(where, e);
                    failures.add(new Assessed.Failure(selected.all().get(i), e));
                }
            }
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        List<AssessmentRepository.ToStore> toStore = new ArrayList<>(evaluations.size());
        List<WarningBulkSync.Raised> raised = new ArrayList<>(evaluations.size());
        List<Assessed.One> assessed = new ArrayList<>(evaluations.size());
        for (int i = 0; i < evaluations.size(); i++) {
            Evaluation evaluation = evaluations.get(i);
            if (evaluation == null) {
                continue;
            }
            Subject subject = selected.all().get(i);
            toStore.add(new AssessmentRepository.ToStore(subject.customerId(), evaluation, fingerprints.get(i)));
            raised.add(new WarningBulkSync.Raised(subject.customerId(), subject.customerNo(), evaluation.warnings()));
            assessed.add(new Assessed.One(subject, evaluation, Assessment.of(evaluation, trigger, now)));
        }
        AssessmentRepository.Saved saved = assessments.saveAll(toStore, trigger, now, previous);
        warnings.syncAll(raised, now);
        return new Assessed(assessed, saved.changed().size(), failures);
    }

    /**
     * The facts of the selected customers as of {@code asOf}, read but not evaluated, nothing locked or
     * stored: a simulation evaluates them with two rule sets, a back-test as of a past date.
     */
    public Read read(Selection selection, LocalDate asOf) {
        Subjects selected = subjects.read(selection, asOf);
        if (selected.all().isEmpty()) {
            return new Read(List.of(), List.of());
        }
        return new Read(selected.all(), facts(selected).inputs());
    }

    /** Evaluates an applicant who is not a customer with the live rules; nothing is stored. */
    public Evaluation evaluateApplicant(Subject applicant, LocalDate asOf) {
        if (!applicant.applicant()) {
            throw new IllegalArgumentException(applicant.customerNo() + " is a customer, not an applicant");
        }
        EvaluationInput input = facts(new Subjects(List.of(applicant), asOf, null)).inputs().get(0);
        try {
            Evaluation evaluation = engine.current().evaluate(input);
            metrics.fired(evaluation);
            return evaluation;
        } catch (RuntimeException e) {
            metrics.failed("applicant", e);
            throw e;
        }
    }

    private Facts facts(Subjects selected) {
        Facts facts = new Facts(selected);
        for (FactSource source : sources) {
            source.read(selected, facts);
        }
        return facts;
    }

    /**
     * Brings the stored identity keys of the customers whose keys changed up to date (they are how a new
     * blacklist entry finds its customers), and returns every customer's fingerprint of them, in order.
     */
    private List<String> refreshMatchKeys(Subjects selected, Map<Long, AssessmentRepository.StoredHashes> previous) {
        List<String> fingerprints = new ArrayList<>(selected.all().size());
        List<CustomerKeys> changed = new ArrayList<>();
        for (Subject subject : selected.all()) {
            String fingerprint = AssessmentRepository.matchKeysHash(subject.keys());
            AssessmentRepository.StoredHashes stored = previous.get(subject.customerId());
            if (stored == null || !stored.hasMatchKeys(fingerprint)) {
                changed.add(new CustomerKeys(subject.customerId(), subject.keys()));
            }
            fingerprints.add(fingerprint);
        }
        matchKeys.refresh(changed);
        return fingerprints;
    }

    /** The selected customers and the rule packs' input of each, in the same order. */
    public record Read(List<Subject> subjects, List<EvaluationInput> inputs) {

        public Read {
            subjects = List.copyOf(subjects);
            inputs = List.copyOf(inputs);
        }
    }
}
