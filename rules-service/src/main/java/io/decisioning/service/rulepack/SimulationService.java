package io.decisioning.service.rulepack;

import io.decisioning.rules.engine.CompiledPack;
import io.decisioning.rules.engine.CustomerWarning;
import io.decisioning.rules.engine.Evaluation;
import io.decisioning.rules.engine.EvaluationInput;
import io.decisioning.rules.engine.PackOrderException;
import io.decisioning.rules.engine.PackSubject;
import io.decisioning.rules.engine.RuleSet;
import io.decisioning.service.assessment.AssessmentPipeline;
import io.decisioning.service.assessment.EvaluationDate;
import io.decisioning.service.assessment.IdRange;
import io.decisioning.service.assessment.Selection;
import io.decisioning.service.assessment.Subject;
import io.decisioning.service.audit.AuditTrail;
import io.decisioning.service.customer.Customer;
import io.decisioning.service.customer.CustomerRepository;
import io.decisioning.service.engine.RuleEngine;
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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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
 * threads, and keeps its progress and result with the version.
 *
 * <p>A version of a pack that decides about pairs of records (the {@code identity} pack) changes no
 * customer's evaluation directly but the parties the customers are graded as: its simulation resolves the
 * book's parties with the published version and with it ({@link PartyResolver#simulate}) and keeps what
 * would change (pairs, records, parties, the review queue) as the simulation's {@code identity}.
 */
@Service
public class SimulationService {

    static final int WINDOW = 2_000;
    static final int EXAMPLES_PER_TRANSITION = 5;
    private static final Duration STALE = Duration.ofMinutes(30);
    private static final Logger log = LoggerFactory.getLogger(SimulationService.class);

    private final RulePackService packs;
    private final PartyResolver parties;
    private final RuleEngine engine;
    private final SimulationRepository simulations;
    private final CustomerRepository customers;
    private final AssessmentPipeline pipeline;
    private final EvaluationDate evaluationDate;
    private final AuditTrail audit;
    private final TransactionTemplate tx;
    private final int threads;
    private final Duration runawayLimit;
    private final ExecutorService runner = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "simulation");
        thread.setDaemon(true);
        return thread;
    });
    private final Clock clock;

    SimulationService(RulePackService packs, RuleEngine engine, SimulationRepository simulations, CustomerRepository customers,
                      AssessmentPipeline pipeline, EvaluationDate evaluationDate, PartyResolver parties,
                      AuditTrail audit, PlatformTransactionManager transactions, RulesProperties properties, Clock clock) {
        this.clock = clock;
        this.packs = packs;
        this.parties = parties;
        this.engine = engine;
        this.simulations = simulations;
        this.customers = customers;
        this.pipeline = pipeline;
        this.evaluationDate = evaluationDate;
        this.audit = audit;
        this.tx = new TransactionTemplate(transactions);
        this.threads = properties.packs().simulationThreads();
        this.runawayLimit = properties.packs().runawayLimit();
    }

    /** Starts simulating the version over the whole book; 409 while one of it is running. */
    public Simulation start(String pack, int version, String user) {
        PackVersion stored = packs.version(pack, version);
        if (!stored.valid()) {
            throw new ConflictException("Version " + version + " of " + pack + " does not compile; it cannot be simulated.");
        }
        CompiledPack draft = engine.prepared(pack, version);
        RuleSet published = engine.current();
        RuleSet candidate;
        try {
            candidate = published.with(draft);
        } catch (PackOrderException e) {
            throw new ConflictException(e.getMessage());
        }
        Optional<Simulation> running = simulations.find(pack, version)
                .filter(s -> s.status() == SimulationStatus.RUNNING && s.startedAt().isAfter(clock.instant().minus(STALE)));
        if (running.isPresent()) {
            throw new ConflictException("A simulation of version " + version + " of " + pack + " is running.");
        }
        long book = customers.count();
        tx.executeWithoutResult(status -> {
            simulations.start(pack, version, published.rulePacks(), user, clock.instant(), book);
            audit.record(user, "RULE_PACK_SIMULATE", "RULE_PACK_VERSION", pack + ":" + version,
                    Map.of("against", published.rulePacks(), "customers", book));
        });
        if (draft.subject() == PackSubject.PAIR) {
            runner.submit(() -> runLinking(pack, version, published, candidate, book));
        } else {
            runner.submit(() -> run(pack, version, published, candidate));
        }
        return simulations.find(pack, version).orElseThrow();
    }

    /** The version's simulation, its examples limited to the customers {@code user} may see. */
    public Simulation find(String pack, int version, UserAccount user) {
        packs.version(pack, version);
        Simulation simulation = simulations.find(pack, version)
                .orElseThrow(() -> new NotFoundException("Version " + version + " of " + pack + " has not been simulated."));
        return simulation.visibleTo(user, EXAMPLES_PER_TRANSITION);
    }

    /**
     * A version of the identity pack: the book's parties resolved with the published version and with this
     * one, compared. The whole book counts as processed (records sharing no key are parties of their own under
     * any version); the records whose party would change count as changed.
     */
    private void runLinking(String pack, int version, RuleSet published, RuleSet candidate, long book) {
        try {
            LinkingImpact impact = parties.simulate(published, candidate, EXAMPLES_PER_TRANSITION * 4,
                    batch -> RunawayGuard.call("A batch of pairs of the simulation of version " + version + " of " + pack,
                            runawayLimit, batch::get));
            simulations.finish(pack, version, SimulationStatus.DONE, book, impact.recordsChangingParty(), null, 0, List.of(),
                    List.of(), null, impact, clock.instant());
        } catch (Exception e) {
            log.error("Simulation of {} v{} failed", pack, version, e);
            if (e instanceof RunawayGuard.RunawayRulesException) {
                engine.forget(pack, version);
            }
            simulations.finish(pack, version, SimulationStatus.FAILED, 0, 0, null, 0, List.of(), List.of(),
                    e instanceof RunawayGuard.RunawayRulesException ? e.getMessage()
                            : e.getClass().getSimpleName() + ": " + e.getMessage(), clock.instant());
        }
    }

    private void run(String pack, int version, RuleSet published, RuleSet candidate) {
        long started = System.nanoTime();
        Tally tally = new Tally();
        try {
            Optional<IdRange> book = customers.idRange();
            if (book.isPresent()) {
                LocalDate today = evaluationDate.today();
                String what = "the simulation of version " + version + " of " + pack;
                try {
                    BookWindows.run("simulation-" + pack + "-" + version, what, book.get(), WINDOW, threads, runawayLimit,
                            window -> compare(window, today, published, candidate, tally),
                            () -> simulations.progress(pack, version, tally.processed.sum(), tally.changed.sum(),
                                    tally.failed.sum()));
                } catch (RunawayGuard.RunawayRulesException runaway) {
                    engine.forget(pack, version);
                    throw runaway;
                }
            }
            long failed = tally.failed.sum();
            simulations.finish(pack, version, failed == 0 ? SimulationStatus.DONE : SimulationStatus.FAILED,
                    tally.processed.sum(), tally.changed.sum(), tally.changedPremium(), failed, tally.transitions(), tally.examples(),
                    failed == 0 ? null : failed + " customers could not be evaluated with this version: " + tally.firstError,
                    clock.instant());
            log.info("Simulated {} v{} over {} customers in {} ms: {} changed, {} failed", pack, version,
                    tally.processed.sum(), (System.nanoTime() - started) / 1_000_000, tally.changed.sum(), failed);
        } catch (Exception e) {
            log.error("Simulation of {} v{} failed", pack, version, e);
            String error = e instanceof RunawayGuard.RunawayRulesException ? e.getMessage()
                    : e.getClass().getSimpleName() + ": " + e.getMessage();
            simulations.finish(pack, version, SimulationStatus.FAILED, tally.processed.sum(), tally.changed.sum(),
                    tally.changedPremium(), tally.failed.sum(), tally.transitions(), tally.examples(), error, clock.instant());
        }
    }

    private void compare(IdRange window, LocalDate today, RuleSet published, RuleSet candidate, Tally tally) {
        AssessmentPipeline.Read read = pipeline.read(Selection.range(window), today);
        List<EvaluationInput> inputs = read.inputs();
        if (inputs.isEmpty()) {
            return;
        }
        List<Evaluation> before = published.evaluate(inputs);
        List<Evaluation> after;
        try {
            after = candidate.evaluate(inputs);
        } catch (RuntimeException windowFailed) {
            after = new ArrayList<>(inputs.size());
            for (EvaluationInput input : inputs) {
                try {
                    after.add(candidate.evaluate(input));
                } catch (RuntimeException e) {
                    after.add(null);
                    tally.failed(e);
                }
            }
        }
        for (int i = 0; i < inputs.size(); i++) {
            Evaluation b = before.get(i);
            Evaluation a = after.get(i);
            tally.processed.increment();
            if (a == null) {
                continue;
            }
            Customer s = new Customer(read.subjects().get(i), inputs.get(i).profile().annualPremium());
            boolean changed = tally.compare("grade", b.grade().name(), a.grade().name(), s)
                    | tally.compare("tier", b.tier().name(), a.tier().name(), s)
                    | tally.compare("warnings", warnings(b.warnings()), warnings(a.warnings()), s)
                    | tally.compare("decision", b.decision().name(), a.decision().name(), s)
                    | tally.compare("churn", churnBand(b.churnScore()), churnBand(a.churnScore()), s);
            if (changed) {
                tally.changed(s);
            }
        }
    }

    /**
     * A churn score's band by the thresholds of the shipped lapse-risk rows (DESIGN.md section 11): "0-49",
     * "50-69", "70-100"; "none" without a score (no premium schedule). Scores within a band are not a change.
     */
    static String churnBand(Integer churnScore) {
        return churnScore == null ? "none" : churnScore >= 70 ? "70-100" : churnScore >= 50 ? "50-69" : "0-49";
    }

    static String warnings(List<CustomerWarning> warnings) {
        if (warnings.isEmpty()) {
            return "none";
        }
        return warnings.stream().map(w -> w.type() + " " + w.severity()).sorted().collect(Collectors.joining(", "));
    }

    /** Counts shared by the simulation's threads. */
    private static final class Tally {
        final LongAdder processed = new LongAdder();
        final LongAdder changed = new LongAdder();
        /** The annual premium of the changed customers, in cents. */
        private final LongAdder changedCents = new LongAdder();
        final LongAdder failed = new LongAdder();
        volatile String firstError;
        final Map<List<String>, Bucket> buckets = new ConcurrentHashMap<>();

        void changed(Customer customer) {
            changed.increment();
            changedCents.add(customer.annualPremium().movePointRight(2).setScale(0, RoundingMode.HALF_UP).longValueExact());
        }

        BigDecimal changedPremium() {
            return BigDecimal.valueOf(changedCents.sum(), 2);
        }

        void failed(RuntimeException e) {
            failed.increment();
            if (firstError == null) {
                firstError = e.getClass().getSimpleName() + ": " + e.getMessage();
            }
        }

        boolean compare(String field, String from, String to, Customer customer) {
            if (from.equals(to)) {
                return false;
            }
            buckets.computeIfAbsent(List.of(field, from, to), key -> new Bucket()).add(customer);
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
