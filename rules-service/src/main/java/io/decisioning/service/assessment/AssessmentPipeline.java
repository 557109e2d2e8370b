package io.decisioning.service.assessment;

import io.decisioning.rules.engine.Evaluation;
import io.decisioning.rules.engine.EvaluationInput;
import io.decisioning.rules.engine.RuleSet;
import io.decisioning.service.engine.RuleEngine;
import io.decisioning.service.engine.RuleMetrics;
import io.decisioning.service.identity.CustomerKeys;
import io.decisioning.service.identity.MatchKeyRepository;
import io.decisioning.service.identity.PartyResolver;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * The one way customers are evaluated: a pre-bind check, an event, a manual evaluation, a nightly
 * chunk and a simulation all go through here, for a set of customers (one customer is a set of one).
 * <ol>
 *   <li>the customers are read with what is stored about them ({@link Subjects}, one statement that also
 *       carries the sources' {@link CustomerColumns}), then every {@link FactSource} adds its facts, each
 *       with set-based statements;</li>
 *   <li>the live rule packs evaluate them all at once; when they fail for the set, each customer is
 *       evaluated alone, so one bad customer does not hold up the others;</li>
 *   <li>an assessment whose content comes out as stored (most of them, on most days) only gets its time
 *       and trigger, in one statement for the set, where the row still holds the content that was read;</li>
 *   <li>the others are locked, and those rewritten by another evaluation since they were read are read
 *       and evaluated again under the lock, so that of two evaluations of one customer the one that read
 *       later also writes later; then their assessments, history, warnings and changed identity keys are
 *       written with a few statements for the whole set, and handed to the capabilities that keep something of
 *       them ({@link EvaluationsStored}: the complaints' clocks).</li>
 * </ol>
 * Warnings are only synchronised for rewritten assessments: an assessment whose content is as stored has
 * its warnings as stored, unless a person resolved one, which marks the assessment for rewriting
 * ({@link AssessmentRepository#markForRewrite}). A customer the rules cannot evaluate keeps the
 * assessment it had and is reported as failed, never stored with a default outcome. Runs in the
 * caller's transaction.
 */
@Service
public class AssessmentPipeline {

    private static final Logger log = LoggerFactory.getLogger(AssessmentPipeline.class);

    private final SubjectRepository subjects;
    private final List<FactSource> sources;
    private final RuleEngine engine;
    private final AssessmentRepository assessments;
    private final WarningSync warnings;
    private final MatchKeyRepository matchKeys;
    private final PartyResolver parties;
    private final RuleMetrics metrics;
    private final Clock clock;
    private final List<EvaluationsStored> listeners;

    AssessmentPipeline(SubjectRepository subjects, List<FactSource> sources, RuleEngine engine,
                       AssessmentRepository assessments, WarningSync warnings, MatchKeyRepository matchKeys,
                       PartyResolver parties, RuleMetrics metrics, Clock clock, List<EvaluationsStored> listeners) {
        this.subjects = subjects;
        this.sources = List.copyOf(sources);
        this.engine = engine;
        this.assessments = assessments;
        this.warnings = warnings;
        this.matchKeys = matchKeys;
        this.parties = parties;
        this.metrics = metrics;
        this.clock = clock;
        this.listeners = List.copyOf(listeners);
    }

    /**
     * Evaluates the selected customers as of {@code asOf} with the live rules and stores what changed.
     * Customers that do not exist are left out.
     */
    public Assessed assess(Selection selection, Trigger trigger, LocalDate asOf) {
        Evaluated first = evaluate(readWithParties(selection, asOf), trigger);
        if (first.subjects().isEmpty()) {
            return Assessed.NONE;
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        // Most evaluations find what is stored: only their time and trigger are set, where the row still
        // holds the content read. The others, and rows rewritten since they were read, are rewritten.
        Map<Long, String> unchanged = new LinkedHashMap<>();
        List<Long> rewrite = new ArrayList<>();
        for (Outcome outcome : first.outcomes()) {
            if (outcome.unchanged()) {
                unchanged.put(outcome.subject().customerId(), outcome.contentHash());
            } else {
                rewrite.add(outcome.subject().customerId());
            }
        }
        rewrite.addAll(assessments.touch(unchanged, trigger, now));
        int changed = 0;
        List<Assessed.Failure> failures = new ArrayList<>(first.failures());
        Map<Long, Outcome> outcomes = new LinkedHashMap<>();
        first.outcomes().forEach(outcome -> outcomes.put(outcome.subject().customerId(), outcome));
        if (!rewrite.isEmpty()) {
            Map<Long, AssessmentRepository.StoredHashes> locked = assessments.lock(rewrite);
            // A row rewritten between the read and the lock is read and evaluated again, under the lock: the
            // evaluation that read later writes later.
            List<Long> stale = rewrite.stream()
                    .filter(id -> !Objects.equals(locked.get(id), first.stored().get(id)))
                    .toList();
            if (!stale.isEmpty()) {
                Evaluated again = evaluate(readFacts(Selection.ids(stale), asOf), trigger);
                stale.forEach(outcomes::remove);
                again.outcomes().forEach(outcome -> outcomes.put(outcome.subject().customerId(), outcome));
                failures.addAll(again.failures());
            }
            changed = store(rewrite.stream().map(outcomes::get).filter(Objects::nonNull).toList(), locked, trigger, asOf, now);
        }
        List<Assessed.One> assessed = new ArrayList<>(outcomes.size());
        outcomes.values().forEach(outcome -> assessed.add(new Assessed.One(outcome.subject(), outcome.evaluation(),
                Assessment.of(outcome.subject(), outcome.evaluation(), trigger, now))));
        return new Assessed(assessed, changed, failures);
    }

    /**
     * Rewrites these customers' assessments, locked: the assessment and its history where the outcome
     * changed, the warnings, and the identity keys where they changed.
     *
     * @return how many outcomes changed (or were new)
     */
    private int store(List<Outcome> rewritten, Map<Long, AssessmentRepository.StoredHashes> locked, Trigger trigger,
                      LocalDate asOf, Instant now) {
        List<CustomerKeys> changedKeys = new ArrayList<>();
        List<AssessmentRepository.ToStore> toStore = new ArrayList<>(rewritten.size());
        List<WarningSync.Raised> raised = new ArrayList<>(rewritten.size());
        for (Outcome outcome : rewritten) {
            Subject subject = outcome.subject();
            AssessmentRepository.StoredHashes stored = locked.get(subject.customerId());
            if (stored == null || !stored.hasMatchKeys(outcome.keyDigest())) {
                changedKeys.add(new CustomerKeys(subject.customerId(), subject.keys()));
            }
            toStore.add(new AssessmentRepository.ToStore(subject.customerId(), outcome.evaluation(), outcome.keyDigest()));
            // the warnings people work on exist once per party, under its primary record (DESIGN.md section 10)
            boolean primary = !subject.inLargerParty() || subject.party().primaryCustomerId() == subject.customerId();
            raised.add(new WarningSync.Raised(subject.customerId(), subject.customerNo(),
                    primary ? outcome.evaluation().warnings() : List.of()));
        }
        parties.keysChanged(matchKeys.refresh(changedKeys));
        AssessmentRepository.Saved saved = assessments.saveAll(toStore, trigger, now, locked);
        warnings.syncAll(raised, now);
        if (!listeners.isEmpty() && !toStore.isEmpty()) {
            List<Evaluation> evaluations = toStore.stream().map(AssessmentRepository.ToStore::evaluation).toList();
            listeners.forEach(listener -> listener.stored(evaluations, asOf, now));
        }
        return saved.changed().size();
    }

    /**
     * The selected customers and their facts, each in its party (DESIGN.md section 10): a record never
     * resolved (a first evaluation) is resolved first, and the other records of the selected customers'
     * parties are taken with them (but for a range, whose neighbours are evaluated in ranges of their own),
     * so that every record of a party gets the party's outcome at once. Most customers are alone and
     * resolved: one read.
     */
    private SubjectRepository.Read readWithParties(Selection selection, LocalDate asOf) {
        SubjectRepository.Read read = readFacts(selection, asOf);
        List<Long> unresolved = read.subjects().all().stream()
                .filter(subject -> !subject.applicant() && subject.party() == null)
                .map(Subject::customerId)
                .toList();
        if (!unresolved.isEmpty()) {
            parties.resolve(unresolved);
            read = readFacts(selection, asOf);
        }
        if (selection.range() == null) {
            List<Long> outside = read.subjects().membersOutside();
            if (!outside.isEmpty()) {
                List<Long> also = new ArrayList<>(selection.also());
                also.addAll(outside);
                read = readFacts(selection.with(also), asOf);
            }
        }
        return read;
    }

    /** The selected customers and their facts, with what is stored about them. */
    private SubjectRepository.Read readFacts(Selection selection, LocalDate asOf) {
        List<CustomerColumns> columns = new ArrayList<>();
        for (FactSource source : sources) {
            CustomerColumns contributed = source.customerColumns(asOf);
            if (contributed != null) {
                columns.add(contributed);
            }
        }
        SubjectRepository.Read read = subjects.read(selection, asOf, columns);
        if (!read.subjects().all().isEmpty()) {
            for (FactSource source : sources) {
                source.read(read.subjects(), read.facts());
            }
        }
        return read;
    }

    /**
     * The live rules' evaluation of what was read: all at once, or one by one when the set fails, so that
     * one bad customer does not hold up the others.
     */
    private Evaluated evaluate(SubjectRepository.Read read, Trigger trigger) {
        List<Subject> selected = read.subjects().all();
        List<EvaluationInput> inputs = read.facts().inputs();
        RuleSet rules = engine.current();
        List<Evaluation> evaluations = new ArrayList<>(inputs.size());
        List<Assessed.Failure> failures = new ArrayList<>();
        if (!inputs.isEmpty()) {
            try {
                evaluations.addAll(rules.evaluate(inputs));
                metrics.fired(evaluations);
            } catch (RuntimeException setFailed) {
                if (inputs.size() > 1) {
                    log.warn("The rules failed for a set of {} customers ({}); evaluating them one by one", inputs.size(),
                            setFailed.toString());
                }
                evaluations.clear();
                for (int i = 0; i < inputs.size(); i++) {
                    try {
                        Evaluation evaluation = rules.evaluate(inputs.get(i));
                        evaluations.add(evaluation);
                        metrics.fired(evaluation);
                    } catch (RuntimeException e) {
                        evaluations.add(null);
                        metrics.failed(trigger.name().toLowerCase(Locale.ROOT), e);
                        failures.add(new Assessed.Failure(selected.get(i), e));
                    }
                }
            }
        }
        List<Outcome> outcomes = new ArrayList<>(evaluations.size());
        for (int i = 0; i < evaluations.size(); i++) {
            Evaluation evaluation = evaluations.get(i);
            if (evaluation != null) {
                Subject subject = selected.get(i);
                AssessmentRepository.StoredHashes stored = read.stored().get(subject.customerId());
                String contentHash = AssessmentRepository.contentHash(evaluation, AssessmentRepository.outcomeHash(evaluation));
                outcomes.add(new Outcome(subject, evaluation, contentHash, read.keyDigests().get(subject.customerId()),
                        stored != null && stored.content().equals(contentHash) && subject.keysStored()));
            }
        }
        return new Evaluated(selected, read.stored(), outcomes, failures);
    }

    /** What the rules made of what was read. */
    private record Evaluated(List<Subject> subjects, Map<Long, AssessmentRepository.StoredHashes> stored,
                             List<Outcome> outcomes, List<Assessed.Failure> failures) {
    }

    /**
     * One customer's evaluation, its content hash, the digest of its match keys, and whether it is what is
     * stored already (content and identity keys alike).
     */
    private record Outcome(Subject subject, Evaluation evaluation, String contentHash, String keyDigest,
                           boolean unchanged) {
    }

    /**
     * The facts of the selected customers as of {@code asOf}, read but not evaluated, nothing locked or
     * stored: a simulation evaluates them with two rule sets, a back-test as of a past date.
     */
    public Read read(Selection selection, LocalDate asOf) {
        SubjectRepository.Read read = readFacts(selection, asOf);
        return new Read(read.subjects().all(), read.facts().inputs());
    }

    /** Evaluates an applicant who is not a customer with the live rules; nothing is stored. */
    public Evaluation evaluateApplicant(Subject applicant, LocalDate asOf) {
        if (!applicant.applicant()) {
            throw new IllegalArgumentException(applicant.customerNo() + " is a customer, not an applicant");
        }
        Subjects subjects = new Subjects(List.of(applicant), asOf, null);
        Facts facts = new Facts(subjects);
        for (FactSource source : sources) {
            source.read(subjects, facts);
        }
        try {
            Evaluation evaluation = engine.current().evaluate(facts.inputs().get(0));
            metrics.fired(evaluation);
            return evaluation;
        } catch (RuntimeException e) {
            metrics.failed("applicant", e);
            throw e;
        }
    }

    /** The selected customers and the rule packs' input of each, in the same order. */
    public record Read(List<Subject> subjects, List<EvaluationInput> inputs) {

        public Read {
            subjects = List.copyOf(subjects);
            inputs = List.copyOf(inputs);
        }
    }
}
