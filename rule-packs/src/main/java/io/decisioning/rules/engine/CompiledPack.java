package io.decisioning.rules.engine;

import io.decisioning.rules.Scorecard;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.drools.kiesession.session.StatefulKnowledgeSessionImpl;
import org.kie.api.KieBase;
import org.kie.api.runtime.KieSession;

/**
 * One version of one pack, compiled to its own KieBase: immutable and shared by all threads. Build
 * one with {@link PackCompiler#compile}, combine packs into a pipeline with {@link RuleSet#of}.
 */
public final class CompiledPack {

    private final PackSource source;
    private final PackDescriptor descriptor;
    final KieBase kieBase;
    /** Each rule's reason and salience, by rule name (names are unique within a pack). */
    final Map<String, CompiledRule> rules;
    /**
     * For near misses: by slot (see {@link OutcomeKind}: grade, tier, decision, warning of a type), the
     * rules that give it and whose conditions the engine can evaluate, highest salience first; null
     * when the pack has none or its hit policy is not {@link HitPolicy#FIRST}.
     */
    final CompiledRule[][] missable;
    /**
     * The slots of {@link #missable} that hold rules, in ascending order: most of a pack's slots (one
     * per warning type) are empty, and walking them all for every customer showed in profiles.
     */
    final int[] missableSlots;
    /**
     * The rules the engine fires itself ({@link DirectRule}), in the order Drools would fire them for a customer
     * (salience, then load order): those of {@link #direct(Collection)}.
     */
    final CompiledRule[] direct;
    /** Whether some rule is left to Drools: without one the stage needs no session. */
    final boolean session;
    /**
     * Whether every rule left to Drools matches only for a customer with complaints (see
     * {@link FactsRead#complaintRequiredByAll}): the session then takes only those customers.
     */
    final boolean complaintsOnly;
    /** The slots of the grade, tier and decision the direct rules require (bits; see {@link DirectRule#requiredSlots}). */
    final int directRequired;
    /** Simple names of the fact types the rules left to Drools match; null when that could not be told. */
    private final Set<String> factTypes;
    /** {@link #readsPoints} by card ordinal, worked out once: it is asked for every earlier point of every stage. */
    private final boolean[] pointsRead;
    /**
     * Sessions that ended a stage cleanly and were reset, for the next batch: creating a session and
     * growing its memories again per batch showed in profiles. A session that threw or was stopped
     * is disposed instead (see {@link #discard}), never reused.
     */
    private final ConcurrentLinkedQueue<KieSession> idle = new ConcurrentLinkedQueue<>();
    private final AtomicInteger idleCount = new AtomicInteger();
    /** More idle sessions than threads evaluating at once are of no use; beyond this they are disposed. */
    private static final int MAX_IDLE = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());

    CompiledPack(PackSource source, PackDescriptor descriptor, KieBase kieBase, Map<String, CompiledRule> rules,
                 FactsRead factsRead) {
        this.source = source;
        this.descriptor = descriptor;
        this.kieBase = kieBase;
        Map<String, CompiledRule> loaded = new HashMap<>();
        Map<String, String> packageOf = new HashMap<>();
        for (org.kie.api.definition.KiePackage kiePackage : kieBase.getKiePackages()) {
            for (org.kie.api.definition.rule.Rule rule : kiePackage.getRules()) {
                CompiledRule compiled = rules.get(rule.getName());
                if (compiled != null && rule instanceof org.drools.base.definitions.rule.impl.RuleImpl impl) {
                    loaded.put(rule.getName(), compiled.loadedAt(impl.getLoadOrder()));
                    packageOf.put(rule.getName(), kiePackage.getName());
                }
            }
        }
        // a HashMap: looked up once per outcome, where Map.copyOf's probing showed in profiles
        this.rules = Collections.unmodifiableMap(loaded.size() == rules.size() ? loaded : new HashMap<>(rules));
        this.direct = factsRead == null || loaded.size() != rules.size() ? new CompiledRule[0] : direct(loaded.values());
        // the engine fires these itself: Drools must not fire them again (nor match them)
        for (CompiledRule rule : direct) {
            kieBase.removeRule(packageOf.get(rule.name()), rule.name());
        }
        if (direct.length > 0) {
            // Removing rules leaves each package's compiled consequences to be loaded again, lazily, by the first
            // session that fires one; two threads doing so at once define the same class twice (a LinkageError,
            // DirectRulesTests#concurrentFirstEvaluationsOfANewlyCompiledPack). Load them now, on this one thread.
            for (org.kie.api.definition.KiePackage kiePackage : kieBase.getKiePackages()) {
                ((org.drools.base.definitions.InternalKnowledgePackage) kiePackage).getDialectRuntimeRegistry().onBeforeExecute();
            }
        }
        FactsRead sessionRead = factsRead;
        if (direct.length > 0) {
            sessionRead = new FactsRead();
            Set<CompiledRule> fired = Set.of(direct);
            for (CompiledRule rule : loaded.values()) {
                if (!fired.contains(rule)) {
                    sessionRead.add(rule.factsRead());
                }
            }
        }
        this.session = direct.length < loaded.size();
        this.complaintsOnly = session && sessionRead != null && sessionRead.complaintRequiredByAll();
        this.factTypes = sessionRead == null ? null : sessionRead.types();
        this.pointsRead = sessionRead == null ? FactsRead.everyCard() : sessionRead.cardsByOrdinal();
        this.directRequired = Arrays.stream(direct).mapToInt(rule -> rule.direct().requiredSlots()).reduce(0, (a, b) -> a | b);
        this.missable = descriptor.hitPolicy() == HitPolicy.FIRST ? missable(rules.values()) : null;
        this.missableSlots = missable == null ? new int[0]
                : IntStream.range(0, missable.length).filter(slot -> missable[slot] != null).toArray();
    }

    /**
     * Of a pack's rules (all of whose conditions were read), those the engine may fire itself and be sure to decide
     * as Drools would. A rule of the form of {@link DirectRule} qualifies unless
     * <ul>
     *   <li>another rule of the pack may change or delete facts or reach the session (its action has {@code modify},
     *       {@code delete}, {@code drools.} ...): then none does, a rule's matches could depend on the firing;</li>
     *   <li>it requires a grade, tier or decision a rule of the same pack may give (that one is not final yet);</li>
     *   <li>a rule left to Drools of the same or a higher salience reads outcomes of its type (points of its card):
     *       Drools would fire that rule before this one's outcome exists, and the engine, which hands its outcomes
     *       to the session before Drools fires, could not keep that order;</li>
     *   <li>it compares the sum of a card's points and a rule of the pack that may give points of that card is left
     *       to Drools or has no higher salience: the sum is final only once all of them have fired.</li>
     * </ul>
     * In the order Drools fires rules for one customer: higher salience first, then load order.
     */
    private static CompiledRule[] direct(Collection<CompiledRule> rules) {
        for (CompiledRule rule : rules) {
            if (rule.direct() == null && rule.changesFacts() || rule.factsRead() == null) {
                return new CompiledRule[0];
            }
        }
        int given = 0;
        for (CompiledRule rule : rules) {
            for (OutcomeKind.Insert insert : rule.inserts()) {
                if (insert.kind().required()) {
                    given |= 1 << insert.kind().slot;
                }
            }
        }
        Set<CompiledRule> direct = new HashSet<>();
        for (CompiledRule rule : rules) {
            if (rule.direct() != null && (rule.direct().requiredSlots() & given) == 0) {
                direct.add(rule);
            }
        }
        boolean changed = true;
        while (changed) {
            changed = false;
            for (Iterator<CompiledRule> it = direct.iterator(); it.hasNext(); ) {
                CompiledRule rule = it.next();
                DirectRule form = rule.direct();
                Set<Scorecard> summed = form.cardsSummed();
                if (!summed.isEmpty() && rules.stream().anyMatch(other -> other.inserts().stream().anyMatch(insert ->
                        insert.kind() == OutcomeKind.SCORE && (insert.card() == null || summed.contains(insert.card())))
                        && (!direct.contains(other) || other.salience() <= rule.salience()))) {
                    it.remove();
                    changed = true;
                    continue;
                }
                for (CompiledRule other : rules) {
                    if (direct.contains(other) || other.salience() < rule.salience()) {
                        continue;
                    }
                    FactsRead read = other.factsRead();
                    if (form.card() != null ? read.readsPoints(form.card()) : read.reads(form.type())) {
                        it.remove();
                        changed = true;
                        break;
                    }
                }
            }
        }
        return direct.stream().sorted((a, b) -> a == b ? 0 : a.firesBefore(b) ? -1 : 1).toArray(CompiledRule[]::new);
    }

    private static CompiledRule[][] missable(Collection<CompiledRule> rules) {
        CompiledRule[][] bySlot = new CompiledRule[OutcomeKind.SLOTS][];
        boolean any = false;
        for (int slot = 0; slot < bySlot.length; slot++) {
            int s = slot;
            bySlot[slot] = rules.stream()
                    .filter(rule -> rule.conditions() != null && rule.conditions().slot == s)
                    .sorted(Comparator.comparingInt(CompiledRule::salience).reversed().thenComparing(CompiledRule::name))
                    .toArray(CompiledRule[]::new);
            if (bySlot[slot].length == 0) {
                bySlot[slot] = null;
            } else {
                any = true;
            }
        }
        return any ? bySlot : null;
    }

    /** An empty session of this pack's KieBase: a reset one if there is one, else a new one. */
    KieSession session() {
        KieSession session = idle.poll();
        if (session == null) {
            return kieBase.newKieSession();
        }
        idleCount.decrementAndGet();
        return session;
    }

    /**
     * Takes back a session after a stage that ended cleanly: resets it (facts, memories, agenda,
     * listeners; what Drools' own KieSessionsPool does) and keeps it for the next batch.
     */
    void release(KieSession session) {
        if (idleCount.incrementAndGet() > MAX_IDLE) {
            idleCount.decrementAndGet();
            session.dispose();
            return;
        }
        try {
            ((StatefulKnowledgeSessionImpl) session).reset();
        } catch (RuntimeException e) {
            idleCount.decrementAndGet();
            session.dispose();
            return;
        }
        idle.offer(session);
    }

    /** Disposes for good a session whose stage threw, looped or was left in any doubt. */
    void discard(KieSession session) {
        session.dispose();
    }

    public String name() {
        return source.name();
    }

    public int version() {
        return source.version();
    }

    /** Where the pack runs in the pipeline: lower runs first. */
    public int order() {
        return descriptor.order();
    }

    public String description() {
        return descriptor.description();
    }

    public PackSource source() {
        return source;
    }

    /** The names of the pack's rules, sorted (they start with their stable IDs). */
    public List<String> rules() {
        return rules.keySet().stream().sorted().toList();
    }

    /** What the pack decides about: customers, or pairs of records. */
    public PackSubject subject() {
        return descriptor.subject();
    }

    /** How the pack's rules settle a customer's grade, tier, decision and warning of each type. */
    public HitPolicy hitPolicy() {
        return descriptor.hitPolicy();
    }

    /** The optional CRM data the pack needs ({@code needs} in its pack.properties): it runs only for customers with it. */
    public List<String> needs() {
        return descriptor.needs();
    }

    /** Whether the pack runs for this customer: its figures include all the optional data it needs. */
    boolean runsFor(io.decisioning.rules.CustomerProfile profile) {
        List<String> needs = descriptor.needs();
        for (int i = 0; i < needs.size(); i++) {
            if (!profile.has(needs.get(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether a rule of the pack may give points of this scorecard (or of a card its action does not name), as
     * its actions' text shows (decision tables included): a back-test of a churn scorecard needs a version that
     * gives CHURN points.
     */
    public boolean scores(Scorecard card) {
        return rules.values().stream().anyMatch(rule -> rule.inserts().stream()
                .anyMatch(insert -> insert.kind() == OutcomeKind.SCORE && (insert.card() == null || insert.card() == card)));
    }

    /** Whether the pack's rules match facts of this type, so that the engine inserts only what is read. */
    boolean reads(Class<?> type) {
        return factTypes == null || factTypes.contains(type.getSimpleName());
    }

    /**
     * Whether the pack's rules may match points of this scorecard, so that the engine inserts an earlier stage's
     * points only where they are read: the retention pack sums its own CHURN points and never sees the scoring
     * pack's RISK and VALUE points. True for every card when a pattern does not name one ({@code card == ...}).
     */
    boolean readsPoints(Scorecard card) {
        return pointsRead[card.ordinal()];
    }

    @Override
    public String toString() {
        return name() + " v" + version();
    }
}
