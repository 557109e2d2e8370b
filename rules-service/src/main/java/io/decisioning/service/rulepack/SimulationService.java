package io.decisioning.service.rulepack;

import io.decisioning.rules.engine.CompiledPack;
import io.decisioning.rules.engine.CustomerWarning;
import io.decisioning.rules.engine.Evaluation;
import io.decisioning.rules.engine.EvaluationInput;
import io.decisioning.rules.engine.PackSubject;
import io.decisioning.rules.engine.RuleSet;
import io.decisioning.rules.engine.Sentence;
import io.decisioning.service.assessment.AssessmentPipeline;
import io.decisioning.service.assessment.EvaluationDate;
import io.decisioning.service.assessment.IdRange;
import io.decisioning.service.assessment.Selection;
import io.decisioning.service.assessment.Subject;
import io.decisioning.service.audit.AuditTrail;
import io.decisioning.service.customer.Customer;
import io.decisioning.service.customer.CustomerRepository;
import io.decisioning.service.engine.RuleEngine;
import io.decisioning.service.export.Rows;
import io.decisioning.service.identity.LinkingImpact;
import io.decisioning.service.identity.PartyResolver;
import io.decisioning.service.system.ConflictException;
import io.decisioning.service.system.NotFoundException;
import io.decisioning.service.system.RulesProperties;
import io.decisioning.service.system.UserAccount;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Impact simulation (issue 4): the whole book evaluated twice, with the published rules and with the
 * version in its pack's place, compared customer by customer; nothing is written but the
 * simulation's own row. Runs in the background on the node that was asked, in id windows over a few
 * threads ({@link BookRunner}), and keeps its progress and result with the version.
 *
 * <p>A version of a pack that decides about pairs of records (the {@code identity} pack) changes no
 * customer's evaluation directly but the parties the customers are graded as: its simulation resolves the
 * book's parties with the published version and with it ({@link PartyResolver#simulate}) and keeps what
 * would change (pairs, records, parties, the review queue) as the simulation's {@code identity}.
 */
@Service
public class SimulationService {

    static final int EXAMPLES_PER_TRANSITION = 5;
    private static final Logger log = LoggerFactory.getLogger(SimulationService.class);

    private final RulePackService packs;
    private final PartyResolver parties;
    private final RuleEngine engine;
    private final SimulationRepository simulations;
    private final AssessmentPipeline pipeline;
    private final EvaluationDate evaluationDate;
    private final AuditTrail audit;
    private final TransactionTemplate tx;
    private final Duration runawayLimit;
    private final BookRunner runner;
    private final Clock clock;

    SimulationService(RulePackService packs, RuleEngine engine, SimulationRepository simulations, CustomerRepository customers,
                      AssessmentPipeline pipeline, EvaluationDate evaluationDate, PartyResolver parties,
                      AuditTrail audit, PlatformTransactionManager transactions, RulesProperties properties, Clock clock) {
        this.clock = clock;
        this.packs = packs;
        this.parties = parties;
        this.engine = engine;
        this.simulations = simulations;
        this.pipeline = pipeline;
        this.evaluationDate = evaluationDate;
        this.audit = audit;
        this.tx = new TransactionTemplate(transactions);
        this.runawayLimit = properties.packs().runawayLimit();
        this.runner = new BookRunner("simulation", packs, engine, customers, properties, clock);
    }

    /** Starts simulating the version over the whole book; 409 while one of it is running. */
    public Simulation start(String pack, int version, String user) {
        CompiledPack draft = runner.draft(pack, version, new Sentence("simulated", "模拟"));
        RuleSet published = engine.current();
        RuleSet candidate = BookRunner.withDraft(published, draft);
        long book = runner.bookSize();
        tx.executeWithoutResult(status -> {
            // locked, so that of two requests on any nodes one starts and the other finds it running
            packs.lockVersion(pack, version);
            Optional<Simulation> running = simulations.find(pack, version)
                    .filter(s -> s.status() == SimulationStatus.RUNNING && runner.mayStillRun(s.startedAt()));
            if (running.isPresent()) {
                throw new ConflictException(new Sentence("A simulation of version " + version + " of " + pack + " is running.",
                        "规则包 " + pack + " 的版本 " + version + " 正在模拟。"));
            }
            simulations.start(pack, version, published.rulePacks(), user, clock.instant(), book);
            audit.record(user, "RULE_PACK_SIMULATE", "RULE_PACK_VERSION", pack + ":" + version,
                    Map.of("against", published.rulePacks(), "customers", book));
        });
        if (draft.subject() == PackSubject.PAIR) {
            runner.submit(pack, version, () -> runLinking(pack, version, published, candidate, book),
                    error -> simulations.finish(pack, version, SimulationStatus.FAILED, 0, 0, null, 0, List.of(), List.of(),
                            error, clock.instant()));
        } else {
            BookCounts counts = new BookCounts();
            Tally tally = new Tally();
            runner.submit(pack, version, () -> run(pack, version, published, candidate, counts, tally),
                    error -> simulations.finish(pack, version, SimulationStatus.FAILED, counts.processed.sum(),
                            tally.changed.sum(), tally.changedPremium(), counts.failed.sum(), tally.transitions(),
                            tally.examples(), error, clock.instant()));
        }
        return simulations.find(pack, version).orElseThrow();
    }

    /** The version's simulation, its examples limited to the customers {@code user} may see. */
    public Simulation find(String pack, int version, UserAccount user) {
        packs.version(pack, version);
        Simulation simulation = simulations.find(pack, version)
                .orElseThrow(() -> new NotFoundException(new Sentence("Version " + version + " of " + pack
                        + " has not been simulated.", "规则包 " + pack + " 的版本 " + version + " 尚未模拟。")));
        return simulation.visibleTo(user, EXAMPLES_PER_TRANSITION);
    }

    /** A page of a simulation's changes, and how many there are. */
    public record ChangePage(List<Simulation.Change> items, long total) {
    }

    /**
     * The changes the version's simulation found (every one, not only the examples) of the customers {@code user} may
     * see, by customer number: a customer whose grade and tier change has two. 404 when never simulated.
     */
    ChangePage changes(String pack, int version, SimulationRepository.ChangeFilter filter, UserAccount user,
                              int page, int size) {
        find(pack, version, user);
        return new ChangePage(simulations.changes(pack, version, filter, user, page, size),
                simulations.countChanges(pack, version, filter, user));
    }

    /** The changes of {@link #changes}, all of them, to export; 409 while the simulation runs. */
    Rows<Simulation.Change> changeRows(String pack, int version, SimulationRepository.ChangeFilter filter,
                                              UserAccount user) {
        if (find(pack, version, user).status() == SimulationStatus.RUNNING) {
            throw new ConflictException(new Sentence("The simulation of version " + version + " of " + pack
                    + " is running: export its changes when it is done.",
                    "规则包 " + pack + " 的版本 " + version + " 的模拟正在运行，请在完成后再导出其变化。"));
        }
        return Rows.of(() -> simulations.countChanges(pack, version, filter, user),
                each -> simulations.forEachChange(pack, version, filter, user, each));
    }

    /**
     * A version of the identity pack: the book's parties resolved with the published version and with this
     * one, compared. The whole book counts as processed (records sharing no key are parties of their own under
     * any version); the records whose party would change count as changed.
     */
    private void runLinking(String pack, int version, RuleSet published, RuleSet candidate, long book) {
        LinkingImpact impact = parties.simulate(published, candidate, EXAMPLES_PER_TRANSITION * 4,
                batch -> RunawayGuard.call("A batch of pairs of the simulation of version " + version + " of " + pack,
                        runawayLimit, batch::get));
        simulations.finish(pack, version, SimulationStatus.DONE, book, impact.recordsChangingParty(), null, 0, List.of(),
                List.of(), null, impact, clock.instant());
    }

    private void run(String pack, int version, RuleSet published, RuleSet candidate, BookCounts counts, Tally tally) {
        long started = System.nanoTime();
        LocalDate today = evaluationDate.today();
        runner.overBook(pack, version, window -> compare(pack, version, window, today, published, candidate, counts, tally),
                () -> simulations.progress(pack, version, counts.processed.sum(), tally.changed.sum(), counts.failed.sum()));
        long failed = counts.failed.sum();
        simulations.finish(pack, version, failed == 0 ? SimulationStatus.DONE : SimulationStatus.FAILED,
                counts.processed.sum(), tally.changed.sum(), tally.changedPremium(), failed, tally.transitions(), tally.examples(),
                failed == 0 ? null : counts.failures(), clock.instant());
        log.info("Simulated {} v{} over {} customers in {} ms: {} changed, {} failed", pack, version,
                counts.processed.sum(), (System.nanoTime() - started) / 1_000_000, tally.changed.sum(), failed);
    }

    private void compare(String pack, int version, IdRange window, LocalDate today, RuleSet published, RuleSet candidate,
                         BookCounts counts, Tally tally) {
        AssessmentPipeline.Read read = pipeline.read(Selection.range(window), today);
        List<EvaluationInput> inputs = read.inputs();
        if (inputs.isEmpty()) {
            return;
        }
        List<Evaluation> before = published.evaluate(inputs);
        List<Evaluation> after = counts.evaluate(candidate, inputs);
        List<Object[]> changes = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            Evaluation b = before.get(i);
            Evaluation a = after.get(i);
            counts.processed.increment();
            if (a == null) {
                continue;
            }
            Customer s = new Customer(read.subjects().get(i), inputs.get(i).profile().annualPremium());
            boolean changed = tally.compare("grade", b.grade().name(), a.grade().name(), s, changes)
                    | tally.compare("tier", b.tier().name(), a.tier().name(), s, changes)
                    | tally.compare("warnings", warnings(b.warnings()), warnings(a.warnings()), s, changes)
                    | tally.compare("decision", b.decision().name(), a.decision().name(), s, changes)
                    | tally.compare("churn", churnBand(b.churnScore()), churnBand(a.churnScore()), s, changes)
                    | tally.compare("entitlements", entitlements(b), entitlements(a), s, changes);
            // each complaint's state (DESIGN.md section 13): a complaint that changes is one transition, so that a
            // time limit edited shows how many complaints it makes overdue
            for (int c = 0; c < b.complaints().size() && c < a.complaints().size(); c++) {
                changed |= tally.compare("complaintState", complaintState(b.complaints().get(c)),
                        complaintState(a.complaints().get(c)), s, changes);
            }
            if (changed) {
                tally.changed(s);
            }
        }
        simulations.addChanges(pack, version, changes);
    }

    /**
     * A churn score's band by the thresholds of the shipped lapse-risk rows (DESIGN.md section 11): "0-49",
     * "50-69", "70-100"; "none" without a score (no premium schedule). Scores within a band are not a change.
     */
    static String churnBand(Integer churnScore) {
        return churnScore == null ? "none" : churnScore >= 70 ? "70-100" : churnScore >= 50 ? "50-69" : "0-49";
    }

    /** The services granted (DESIGN.md section 12), in the vocabulary's order: "RENEWAL_REMINDER, FAST_SMALL_CLAIMS"; "none". */
    static String entitlements(Evaluation e) {
        return e.entitlements().isEmpty() ? "none"
                : e.entitlements().stream().map(Enum::name).collect(Collectors.joining(", "));
    }

    /** A complaint's state ("OVERDUE"), "none" when the rules gave it none (withdrawn, unclassified). */
    static String complaintState(io.decisioning.rules.engine.ComplaintClock clock) {
        return clock.state() == null ? "none" : clock.state().name();
    }

    static String warnings(List<CustomerWarning> warnings) {
        if (warnings.isEmpty()) {
            return "none";
        }
        return warnings.stream().map(w -> w.type() + " " + w.severity()).sorted().collect(Collectors.joining(", "));
    }

    /** What the simulation's threads find: the customers changed, their premium, and the transitions. */
    private static final class Tally {
        final LongAdder changed = new LongAdder();
        /** The annual premium of the changed customers, in cents. */
        private final LongAdder changedCents = new LongAdder();
        final Map<List<String>, Bucket> buckets = new ConcurrentHashMap<>();

        void changed(Customer customer) {
            changed.increment();
            changedCents.add(customer.annualPremium().movePointRight(2).setScale(0, RoundingMode.HALF_UP).longValueExact());
        }

        BigDecimal changedPremium() {
            return BigDecimal.valueOf(changedCents.sum(), 2);
        }

        /** Counts the transition, if {@code from} and {@code to} differ, and adds it to {@code changes} as a row to keep. */
        boolean compare(String field, String from, String to, Customer customer, List<Object[]> changes) {
            if (from.equals(to)) {
                return false;
            }
            buckets.computeIfAbsent(List.of(field, from, to), key -> new Bucket()).add(customer);
            changes.add(SimulationRepository.change(customer.subject().customerId(), field, from, to, customer.annualPremium()));
            return true;
        }

        List<Simulation.Transition> transitions() {
            return buckets.entrySet().stream()
                    .map(e -> new Simulation.Transition(e.getKey().get(0), e.getKey().get(1), e.getKey().get(2),
                            e.getValue().count, e.getValue().premium))
                    .sorted(Comparator.comparing(Simulation.Transition::field)
                            .thenComparing(Comparator.comparingLong(Simulation.Transition::count).reversed())
                            .thenComparing(Simulation.Transition::from).thenComparing(Simulation.Transition::to))
                    .toList();
        }

        List<Simulation.Examples> examples() {
            return buckets.entrySet().stream()
                    .sorted(Map.Entry.comparingByKey(Comparator.comparing((List<String> key) -> String.join("\u0000", key))))
                    .map(e -> new Simulation.Examples(e.getKey().get(0), e.getKey().get(1), e.getKey().get(2),
                            e.getValue().examples()))
                    .toList();
        }
    }

    private static final class Bucket {
        long count;
        BigDecimal premium = BigDecimal.ZERO;
        final List<Simulation.Example> examples = new ArrayList<>();

        synchronized void add(Customer customer) {
            count++;
            premium = premium.add(customer.annualPremium());
            if (examples.size() < EXAMPLES_PER_TRANSITION * 4) {
                examples.add(new Simulation.Example(customer.subject().customerId(), customer.subject().customerNo(),
                        customer.subject().branchCode()));
            }
        }

        synchronized List<Simulation.Example> examples() {
            // kept: more than are shown, so that users of a branch still see some of theirs
            return examples.stream().sorted(Comparator.comparingLong(Simulation.Example::customerId)).toList();
        }
    }

    /** A customer of the book and the annual premium the simulation counts for it. */
    private record Customer(Subject subject, BigDecimal annualPremium) {

        Customer(Subject subject, double annualPremium) {
            this(subject, BigDecimal.valueOf(annualPremium).setScale(2, RoundingMode.HALF_UP));
        }
    }
}
