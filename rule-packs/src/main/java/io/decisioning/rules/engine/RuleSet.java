package io.decisioning.rules.engine;

import io.decisioning.rules.BlacklistHit;
import io.decisioning.rules.Complaint;
import io.decisioning.rules.CustomerProfile;
import io.decisioning.rules.ScorePoints;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.kie.api.runtime.KieSession;

/**
 * A pipeline of compiled packs that evaluates customers: immutable, thread-safe, shared by all
 * threads; swap a whole RuleSet to publish a new pack version.
 *
 * <p>The packs run as stages in their {@code order}. Each stage gets an empty session of its own
 * KieBase (new, or reset and reused after a stage that ended cleanly) with the customers' profiles, their blacklist hits and the outcomes the earlier stages
 * kept, so a pack can rely on everything before it being final (tiering sees every warning). The rows that compare
 * figures with numbers ({@link DirectRule}) the engine fires itself, before Drools fires the others, and their
 * outcomes take the place Drools would have given them; a pack all of whose rules are such needs no session. After
 * a stage fires, its {@link HitPolicy} settles each customer's single-valued outcomes. A KieBase
 * per pack keeps packs independently versioned, compiled and published, and a pack's salience
 * cannot reach into another's; the price is inserting the profiles once per stage, which the
 * benchmark (BENCHMARK-engine.md) shows to be small next to the rules' own work.
 *
 * <p>Packs after the decision cannot change it ({@link DecisionStage}): building a rule set whose
 * packs after the decision give a grade, tier, decision or VALUE or RISK points throws a
 * {@link PackOrderException}, and such an outcome inserted anyway fails the evaluation.
 *
 * <p>Evaluate many customers per call: a batch of 250 to 1000 shares a session per stage, which is
 * the fast path. Joins between a customer's facts are by {@code customerNo}.
 */
public final class RuleSet {

    /**
     * A bound on rule firings per customer and stage: the default packs fire fewer than 10. A pack
     * that passes it loops, and the batch ends in an {@link EvaluationException} instead of hanging.
     */
    static final int FIRINGS_PER_CUSTOMER = 100;
    /**
     * The time budget of one stage of one call: a second, plus 5 ms per customer (a thousand times
     * what a customer takes). Rules that run longer (a consequence that computes or waits, a slow loop
     * under the firing bound) are halted at their next firing and the call fails closed. A single
     * consequence that never returns cannot be halted between firings; the service runs a draft's
     * tests and simulation under a watchdog that stops them (rules.packs.runaway-limit), so such a
     * version fails and is never published.
     */
    static final long BUDGET_NANOS = 1_000_000_000L;
    static final long BUDGET_NANOS_PER_CUSTOMER = 5_000_000L;

    private final List<CompiledPack> packs;
    /** The packs that decide about customers, in pipeline order: the stages of {@link #evaluate}. */
    private final List<CompiledPack> stages;
    /** The packs that decide about pairs of records ({@link PackSubject#PAIR}), in order: see {@link #link}. */
    private final List<CompiledPack> linking;
    /** The index of the pack that makes the decision (see {@link DecisionStage}), -1 when none does. */
    private final int decisionStage;
    private final Map<String, Integer> rulePacks;
    /** The same, immutable, so that each Evaluation shares it instead of copying it. */
    private final Map<String, Integer> rulePacksShared;
    /** Whether some stage needs optional CRM data ({@link CompiledPack#needs}), so that it may not run for a customer. */
    private final boolean conditional;
    /** The stages that may give CHURN points: a customer gets a churn score when one of them ran for it. */
    private final long churnStages;
    /** The packs that took part, by the stages that did not run for a customer (bits), for customers without some data. */
    private final Map<Long, Map<String, Integer>> rulePacksWithout = new java.util.concurrent.ConcurrentHashMap<>();

    private RuleSet(List<CompiledPack> packs) {
        this.packs = packs.stream()
                .sorted(Comparator.comparingInt(CompiledPack::order).thenComparing(CompiledPack::name))
                .toList();
        Map<String, Integer> versions = new LinkedHashMap<>();
        for (CompiledPack pack : this.packs) {
            if (versions.put(pack.name(), pack.version()) != null) {
                throw new IllegalArgumentException("pack " + pack.name() + " is in the rule set twice");
            }
        }
        this.rulePacks = Collections.unmodifiableMap(versions);
        this.rulePacksShared = Map.copyOf(versions);
        this.stages = this.packs.stream().filter(pack -> pack.subject() == PackSubject.CUSTOMER).toList();
        this.linking = this.packs.stream().filter(pack -> pack.subject() == PackSubject.PAIR).toList();
        this.decisionStage = DecisionStage.of(this.stages);
        DecisionStage.check(this.stages, decisionStage);
        if (stages.size() > Long.SIZE) {
            throw new IllegalArgumentException("a rule set has at most " + Long.SIZE + " packs that decide about customers");
        }
        this.conditional = stages.stream().anyMatch(pack -> !pack.needs().isEmpty());
        long churn = 0;
        for (int stage = 0; stage < stages.size(); stage++) {
            if (stages.get(stage).scores(io.decisioning.rules.Scorecard.CHURN)) {
                churn |= 1L << stage;
            }
        }
        this.churnStages = churn;
    }

    /**
     * The pipeline of these packs, run in their {@code order} (lower first).
     *
     * @throws PackOrderException when a pack after the decision has rules that give a grade, tier,
     *                            decision or VALUE or RISK points
     */
    public static RuleSet of(List<CompiledPack> packs) {
        if (packs.isEmpty()) {
            throw new IllegalArgumentException("a rule set needs at least one pack");
        }
        return new RuleSet(packs);
    }

    /**
     * This rule set with {@code pack} in place of the pack of the same name (or added): to try a draft,
     * and to check it before it is published.
     *
     * @throws PackOrderException when, with the draft in place, a pack after the decision has rules that
     *                            give a grade, tier, decision or VALUE or RISK points
     */
    public RuleSet with(CompiledPack pack) {
        List<CompiledPack> replaced = new ArrayList<>(packs.stream().filter(p -> !p.name().equals(pack.name())).toList());
        replaced.add(pack);
        return new RuleSet(replaced);
    }

    /** The packs in pipeline order. */
    public List<CompiledPack> packs() {
        return packs;
    }

    /** The version of each pack, by name, in pipeline order. */
    public Map<String, Integer> rulePacks() {
        return rulePacks;
    }

    public Evaluation evaluate(EvaluationInput input) {
        return evaluate(List.of(input)).get(0);
    }

    /**
     * Evaluates a batch of customers (fastest at about 1000) and returns their evaluations in the same
     * order. All or nothing: a rule that throws or loops, or a customer left without grade, tier or
     * decision, ends the batch in an {@link EvaluationException}. Each evaluation carries its reasons
     * and its near misses (see {@link NearMiss}; about 2.5 % of the time, BENCHMARK-engine.md).
     */
    public List<Evaluation> evaluate(List<EvaluationInput> inputs) {
        if (inputs.isEmpty()) {
            return List.of();
        }
        Map<String, CustomerOutcomes> customers = new HashMap<>(inputs.size() * 2);
        List<CustomerOutcomes> ordered = new ArrayList<>(inputs.size());
        for (EvaluationInput input : inputs) {
            CustomerOutcomes customer = new CustomerOutcomes(input);
            if (customers.putIfAbsent(input.profile().customerNo(), customer) != null) {
                throw new IllegalArgumentException("customer " + input.profile().customerNo() + " is twice in the batch");
            }
            ordered.add(customer);
        }
        // the outcomes kept so far, by type, for the later stages that read them
        Map<Class<?>, List<Object>> kept = new LinkedHashMap<>();
        int size = inputs.size();
        Function<Class<?>, List<Object>> newList = type -> new ArrayList<>(size);
        BiConsumer<Class<?>, Object> keep = (type, outcome) -> kept.computeIfAbsent(type, newList).add(outcome);
        for (int stage = 0; stage < stages.size(); stage++) {
            CompiledPack pack = stages.get(stage);
            List<EvaluationInput> runFor = inputs;
            List<CustomerOutcomes> runForCustomers = ordered;
            if (!pack.needs().isEmpty()) {
                runFor = new ArrayList<>(inputs.size());
                runForCustomers = new ArrayList<>(inputs.size());
                for (CustomerOutcomes customer : ordered) {
                    if (pack.runsFor(customer.input.profile())) {
                        runFor.add(customer.input);
                        runForCustomers.add(customer);
                    } else {
                        customer.skipped |= 1L << stage;
                    }
                }
            }
            if (!runFor.isEmpty()) {
                runStage(pack, stage, runFor, runForCustomers, runFor.size() == inputs.size() ? kept : only(kept, runFor), customers,
                        decisionStage >= 0 && stage > decisionStage ? stages.get(decisionStage) : null);
            }
            for (CustomerOutcomes customer : ordered) {
                customer.endStage(stage, pack.hitPolicy(), keep);
            }
        }
        List<Evaluation> evaluations = new ArrayList<>(ordered.size());
        for (CustomerOutcomes customer : ordered) {
            evaluations.add(customer.evaluation(conditional ? rulePacks(customer.skipped) : rulePacksShared, stages,
                    (churnStages & ~customer.skipped) != 0));
        }
        return evaluations;
    }

    /** The packs that took part for a customer for whom the stages of {@code skipped} (bits) did not run. */
    private Map<String, Integer> rulePacks(long skipped) {
        if (skipped == 0) {
            return rulePacksShared;
        }
        return rulePacksWithout.computeIfAbsent(skipped, bits -> {
            Map<String, Integer> versions = new LinkedHashMap<>(rulePacks);
            for (int stage = 0; stage < stages.size(); stage++) {
                if ((bits & 1L << stage) != 0) {
                    versions.remove(stages.get(stage).name());
                }
            }
            return Map.copyOf(versions);
        });
    }

    /** The outcomes kept so far of only these customers: a stage that does not run for the others must not see theirs. */
    private static Map<Class<?>, List<Object>> only(Map<Class<?>, List<Object>> kept, List<EvaluationInput> inputs) {
        java.util.Set<String> customerNos = new java.util.HashSet<>(inputs.size() * 2);
        inputs.forEach(input -> customerNos.add(input.profile().customerNo()));
        Map<Class<?>, List<Object>> only = new LinkedHashMap<>();
        kept.forEach((type, outcomes) -> {
            only.put(type, outcomes.stream()
                    .filter(outcome -> customerNos.contains(OutcomeKind.of(outcome).customerNo(outcome)))
                    .toList());
        });
        return only;
    }

    /**
     * The time limits and states of complaints without a customer (DESIGN.md section 13), in the order given: the
     * packs that read complaints run with the complaints alone (see {@link ComplaintClocks}). All or nothing, like
     * {@link #evaluate}.
     */
    public List<ComplaintClock> clock(List<Complaint> complaints) {
        return ComplaintClocks.of(stages, complaints);
    }

    /**
     * Decides for each pair of records whether they are one party ({@code identity} pack, DESIGN.md
     * section 10), in the order given. All or nothing, like {@link #evaluate}.
     */
    public List<LinkDecision> link(List<io.decisioning.rules.RecordPair> pairs) {
        return pairs.isEmpty() ? List.of() : Linking.decide(linking, pairs);
    }

    /**
     * The packs that decide about pairs of records with their versions ({@code "identity:3"}), empty when none
     * does: what a resolution of the book was done with.
     */
    public String linking() {
        return String.join(",", linking.stream().map(pack -> pack.name() + ":" + pack.version()).toList());
    }

    /** Whether a pack decides about pairs of records: without one, no two records link. */
    public boolean links() {
        return !linking.isEmpty();
    }

    /**
     * @param ordered  the customers of {@code inputs}, in the same order
     * @param decision the pack that made the decision when this stage runs after it, else null
     */
    private static void runStage(CompiledPack pack, int stage, List<EvaluationInput> inputs, List<CustomerOutcomes> ordered,
                                 Map<Class<?>, List<Object>> earlier, Map<String, CustomerOutcomes> customers,
                                 CompiledPack decision) {
        int[] direct = pack.direct.length == 0 ? null : fireDirect(pack, stage, ordered);
        if (!pack.session) {
            return;
        }
        if (pack.complaintsOnly) {
            // the rules left to Drools match only with a complaint: the customers without one (most) stay out
            List<EvaluationInput> withComplaints = new ArrayList<>();
            for (EvaluationInput input : inputs) {
                if (!input.complaints().isEmpty()) {
                    withComplaints.add(input);
                }
            }
            if (withComplaints.isEmpty()) {
                return;
            }
            if (withComplaints.size() < inputs.size()) {
                earlier = only(earlier, withComplaints);
                inputs = withComplaints;
            }
        }
        KieSession session = pack.session();
        boolean clean = false;
        OutcomeRecorder recorder = new OutcomeRecorder(pack, stage, customers, decision);
        int limit = FIRINGS_PER_CUSTOMER * inputs.size();
        try {
            if (direct != null) {
                insertDirect(pack, ordered, direct, session);
            }
            boolean profiles = pack.reads(CustomerProfile.class);
            boolean hits = pack.reads(BlacklistHit.class);
            boolean complaints = pack.reads(Complaint.class);
            for (EvaluationInput input : inputs) {
                if (profiles) {
                    session.insert(input.profile());
                }
                if (hits) {
                    for (BlacklistHit hit : input.blacklistHits()) {
                        session.insert(hit);
                    }
                }
                if (complaints) {
                    for (Complaint complaint : input.complaints()) {
                        session.insert(complaint);
                    }
                }
            }
            for (Map.Entry<Class<?>, List<Object>> outcomes : earlier.entrySet()) {
                if (outcomes.getKey() == ScorePoints.class && pack.reads(ScorePoints.class)) {
                    for (Object outcome : outcomes.getValue()) {
                        if (pack.readsPoints(((ScorePoints) outcome).card())) {
                            session.insert(outcome);
                        }
                    }
                } else if (pack.reads(outcomes.getKey())) {
                    for (Object outcome : outcomes.getValue()) {
                        session.insert(outcome);
                    }
                }
            }
            // registered after the engine's own inserts, so that only the rules' inserts reach it
            session.addEventListener(recorder);
            TimeBudget budget = new TimeBudget(BUDGET_NANOS + BUDGET_NANOS_PER_CUSTOMER * inputs.size());
            session.addEventListener(budget);
            int fired;
            try {
                fired = session.fireAllRules(limit);
            } finally {
                session.removeEventListener(budget);
            }
            if (budget.exceeded) {
                throw new EvaluationException("pack " + pack + " ran longer than its time budget of "
                        + budget.nanos / 1_000_000 + " ms for " + inputs.size() + " customers and was stopped after "
                        + fired + " rule firings: a rule takes too long");
            }
            if (fired >= limit) {
                throw EvaluationException.looped(pack, fired, inputs.size(), "customers");
            }
            clean = true;
        } catch (RuntimeException e) {
            throw EvaluationException.failed(pack, e);
        } finally {
            // only a session whose stage ended cleanly goes back for reuse; one that threw or was
            // stopped is disposed for good
            if (clean) {
                session.removeEventListener(recorder);
                pack.release(session);
            } else {
                pack.discard(session);
            }
        }
        if (recorder.problem() != null) {
            throw new EvaluationException(recorder.problem());
        }
        if (direct != null) {
            for (int i = 0; i < ordered.size(); i++) {
                ordered.get(i).merge(direct[2 * i], direct[2 * i + 1]);
            }
        }
    }

    /**
     * Fires the pack's direct rules ({@link CompiledPack#direct}) for each customer, as Drools would fire them, and
     * adds their outcomes to the customer's candidates ahead of those Drools will give.
     *
     * @return for each customer (by index), where its candidates of this stage start and where the direct rules'
     *         end ({@code [2i]}, {@code [2i + 1]})
     */
    private static int[] fireDirect(CompiledPack pack, int stage, List<CustomerOutcomes> customers) {
        int[] bounds = new int[2 * customers.size()];
        for (int i = 0; i < customers.size(); i++) {
            CustomerOutcomes customer = customers.get(i);
            CustomerProfile profile = customer.input.profile();
            bounds[2 * i] = customer.size();
            int kept = pack.directRequired == 0 ? 0 : customer.keptOrdinals();
            for (CompiledRule rule : pack.direct) {
                DirectRule form = rule.direct();
                if (form.holds(profile, kept, customer)) {
                    customer.add(pack, stage, rule, form.kind, form.outcome(profile.customerNo()));
                }
            }
            bounds[2 * i + 1] = customer.size();
        }
        return bounds;
    }

    /** Hands the direct rules' outcomes to the session whose rules read them (see {@link CompiledPack#direct}). */
    private static void insertDirect(CompiledPack pack, List<CustomerOutcomes> customers, int[] bounds, KieSession session) {
        boolean points = pack.reads(ScorePoints.class);
        for (int i = 0; i < customers.size(); i++) {
            CustomerOutcomes customer = customers.get(i);
            if (pack.complaintsOnly && customer.input.complaints().isEmpty()) {
                continue;
            }
            for (int c = bounds[2 * i]; c < bounds[2 * i + 1]; c++) {
                Object outcome = customer.outcome(c);
                if (outcome instanceof ScorePoints score ? points && pack.readsPoints(score.card())
                        : pack.reads(outcome.getClass())) {
                    session.insert(outcome);
                }
            }
        }
    }

    @Override
    public String toString() {
        return "RuleSet" + rulePacks;
    }

    /** Halts the session at the first firing after its deadline. */
    private static final class TimeBudget extends org.kie.api.event.rule.DefaultAgendaEventListener {
        final long nanos;
        private final long deadline;
        volatile boolean exceeded;

        TimeBudget(long nanos) {
            this.nanos = nanos;
            this.deadline = System.nanoTime() + nanos;
        }

        @Override
        public void beforeMatchFired(org.kie.api.event.rule.BeforeMatchFiredEvent event) {
            if (System.nanoTime() > deadline) {
                exceeded = true;
                event.getKieRuntime().halt();
            }
        }
    }
}
