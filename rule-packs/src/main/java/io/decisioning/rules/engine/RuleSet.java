package io.decisioning.rules.engine;

import io.decisioning.rules.BlacklistHit;
import io.decisioning.rules.DecisionMade;
import io.decisioning.rules.GradeAssigned;
import io.decisioning.rules.ScorePoints;
import io.decisioning.rules.Scorecard;
import io.decisioning.rules.TierAssigned;
import io.decisioning.rules.WarningRaised;
import io.decisioning.rules.WarningType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.kie.api.runtime.KieSession;

/**
 * A pipeline of compiled packs that evaluates customers: immutable, thread-safe, shared by all
 * threads; swap a whole RuleSet to publish a new pack version.
 *
 * <p>The packs run as stages in their {@code order}. Each stage gets a fresh session of its own
 * KieBase with the customers' profiles, their blacklist hits and the outcomes of the earlier stages,
 * so a pack can rely on everything before it being final (tiering sees every warning). A KieBase
 * per pack keeps packs independently versioned, compiled and published, and a pack's salience
 * cannot reach into another's; the price is inserting the profiles once per stage, which the
 * benchmark (BENCHMARK-engine.md) shows to be small next to the rules' own work.
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

    /** " value points", " risk points": the end of a score contribution's reason. */
    private static final Map<Scorecard, String> POINTS = new EnumMap<>(Scorecard.class);

    static {
        for (Scorecard card : Scorecard.values()) {
            POINTS.put(card, " " + card.name().toLowerCase(Locale.ROOT) + " points");
        }
    }

    private final List<CompiledPack> packs;
    private final Map<String, Integer> rulePacks;
    /** The same, immutable, so that each Evaluation shares it instead of copying it. */
    private final Map<String, Integer> rulePacksShared;

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
    }

    /** The pipeline of these packs, run in their {@code order} (lower first). */
    public static RuleSet of(List<CompiledPack> packs) {
        if (packs.isEmpty()) {
            throw new IllegalArgumentException("a rule set needs at least one pack");
        }
        return new RuleSet(packs);
    }

    /** This rule set with {@code pack} in place of the pack of the same name (or added): to try a draft. */
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
     * decision, ends the batch in an {@link EvaluationException}.
     */
    public List<Evaluation> evaluate(List<EvaluationInput> inputs) {
        if (inputs.isEmpty()) {
            return List.of();
        }
        Map<String, Customer> customers = new HashMap<>(inputs.size() * 2);
        List<Customer> ordered = new ArrayList<>(inputs.size());
        for (EvaluationInput input : inputs) {
            Customer customer = new Customer(input);
            if (customers.putIfAbsent(input.profile().customerNo(), customer) != null) {
                throw new IllegalArgumentException("customer " + input.profile().customerNo() + " is twice in the batch");
            }
            ordered.add(customer);
        }
        List<Object> earlier = new ArrayList<>();
        for (CompiledPack pack : packs) {
            for (OutcomeRecorder.Fired fired : runStage(pack, inputs, earlier)) {
                Customer customer = customers.get(fired.customerNo());
                if (customer == null) {
                    throw new EvaluationException("rule \"" + fired.rule() + "\" of pack " + pack + " produced "
                            + fired.outcome() + " for a customer who is not being evaluated");
                }
                customer.add(pack, fired);
                earlier.add(fired.outcome());
            }
        }
        List<Evaluation> evaluations = new ArrayList<>(ordered.size());
        for (Customer customer : ordered) {
            evaluations.add(customer.evaluation(rulePacksShared));
        }
        return evaluations;
    }

    private static List<OutcomeRecorder.Fired> runStage(CompiledPack pack, List<EvaluationInput> inputs,
                                                        List<Object> earlier) {
        KieSession session = pack.kieBase.newKieSession();
        OutcomeRecorder recorder = new OutcomeRecorder(pack.reasons);
        int limit = FIRINGS_PER_CUSTOMER * inputs.size();
        try {
            session.addEventListener(recorder);
            boolean hits = pack.reads(BlacklistHit.class);
            for (EvaluationInput input : inputs) {
                session.insert(input.profile());
                if (hits) {
                    for (BlacklistHit hit : input.blacklistHits()) {
                        session.insert(hit);
                    }
                }
            }
            Map<Class<?>, Boolean> reads = new HashMap<>();
            for (Object outcome : earlier) {
                if (reads.computeIfAbsent(outcome.getClass(), pack::reads)) {
                    session.insert(outcome);
                }
            }
            int fired = session.fireAllRules(limit);
            if (fired >= limit) {
                throw new EvaluationException("pack " + pack + " fired " + fired + " rules for " + inputs.size()
                        + " customers and was stopped: a rule probably loops (it inserts facts that make it match again)");
            }
        } catch (EvaluationException e) {
            throw e;
        } catch (RuntimeException e) {
            // a rule's consequence or constraint threw (Drools wraps it in a ConsequenceException
            // naming the rule): the batch cannot be evaluated, and callers fail closed
            throw new EvaluationException("pack " + pack + " failed: " + e.getMessage()
                    + (e.getCause() == null ? "" : " (" + e.getCause() + ")"), e);
        } finally {
            session.dispose();
        }
        return recorder.outcomes();
    }

    /** What the stages decided about one customer, until it becomes an {@link Evaluation}. */
    private static final class Customer {

        private record Produced(CompiledPack pack, OutcomeRecorder.Fired fired) {
        }

        private final EvaluationInput input;
        private final List<Produced> produced = new ArrayList<>(16);

        Customer(EvaluationInput input) {
            this.input = input;
        }

        void add(CompiledPack pack, OutcomeRecorder.Fired fired) {
            produced.add(new Produced(pack, fired));
        }

        Evaluation evaluation(Map<String, Integer> rulePacks) {
            List<Reason> reasons = new ArrayList<>(produced.size());
            List<Produced> grades = new ArrayList<>(1);
            List<Produced> tiers = new ArrayList<>(1);
            List<Produced> decisions = new ArrayList<>(1);
            Map<WarningType, RaisedWarning> warnings = new EnumMap<>(WarningType.class);
            Map<Scorecard, Long> points = new EnumMap<>(Scorecard.class);
            for (Produced p : produced) {
                Object outcome = p.fired().outcome();
                ReasonTemplate template = p.fired().reason();
                String message = template == null ? p.fired().rule() : template.render(input.profile());
                if (outcome instanceof GradeAssigned) {
                    grades.add(p);
                } else if (outcome instanceof TierAssigned) {
                    tiers.add(p);
                } else if (outcome instanceof DecisionMade) {
                    decisions.add(p);
                } else if (outcome instanceof WarningRaised warning) {
                    RaisedWarning raised = new RaisedWarning(warning.type(), warning.severity(), message);
                    warnings.merge(warning.type(), raised,
                            (a, b) -> b.severity().compareTo(a.severity()) > 0 ? b : a);
                } else if (outcome instanceof ScorePoints score) {
                    points.merge(score.card(), (long) score.points(), Long::sum);
                    message = message + (score.points() >= 0 ? ": +" : ": ") + score.points() + POINTS.get(score.card());
                }
                reasons.add(new Reason(p.pack().name(), p.pack().version(), p.fired().rule(), message));
            }
            GradeAssigned grade = (GradeAssigned) single(grades, "grade");
            TierAssigned tier = (TierAssigned) single(tiers, "tier");
            DecisionMade decision = (DecisionMade) single(decisions, "decision");
            return new Evaluation(input.profile(), input.blacklistHits(), grade.grade(), tier.tier(), decision.decision(),
                    clamp(points.get(Scorecard.VALUE)), clamp(points.get(Scorecard.RISK)),
                    List.copyOf(warnings.values()), reasons, rulePacks);
        }

        private Object single(List<Produced> candidates, String what) {
            if (candidates.size() == 1) {
                return candidates.get(0).fired().outcome();
            }
            String customerNo = input.profile().customerNo();
            if (candidates.isEmpty()) {
                throw new EvaluationException("no rule gave customer " + customerNo + " a " + what);
            }
            throw new EvaluationException("customer " + customerNo + " got " + candidates.size() + " of " + what + ": "
                    + candidates.stream().map(c -> c.fired().outcome() + " by \"" + c.fired().rule() + "\"")
                    .collect(Collectors.joining(", ")) + "; rules that decide a " + what + " need a guard such as not GradeAssigned(customerNo == $p.customerNo)");
        }

        private static int clamp(Long sum) {
            return sum == null ? 0 : (int) Math.max(0, Math.min(100, sum));
        }
    }

    @Override
    public String toString() {
        return "RuleSet" + rulePacks;
    }
}
