package io.decisioning.rules.engine;

import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
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
    /** Simple names of the fact types the pack's rules match; null when that could not be told. */
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
        // a HashMap: looked up once per outcome, where Map.copyOf's probing showed in profiles
        this.rules = Collections.unmodifiableMap(new HashMap<>(rules));
        this.factTypes = factsRead == null ? null : factsRead.types();
        this.pointsRead = factsRead == null ? FactsRead.everyCard() : factsRead.cardsByOrdinal();
        this.missable = descriptor.hitPolicy() == HitPolicy.FIRST ? missable(rules.values()) : null;
        this.missableSlots = missable == null ? new int[0]
                : IntStream.range(0, missable.length).filter(slot -> missable[slot] != null).toArray();
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
    public boolean scores(io.decisioning.rules.Scorecard card) {
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
    boolean readsPoints(io.decisioning.rules.Scorecard card) {
        return pointsRead[card.ordinal()];
    }

    @Override
    public String toString() {
        return name() + " v" + version();
    }
}
