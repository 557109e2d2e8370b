package io.decisioning.rules.engine;

import io.decisioning.rules.CustomerProfile;
import io.decisioning.rules.Scorecard;
import java.util.List;

/**
 * What the engine knows of one rule of a compiled pack besides the KieBase: its name (starting with
 * its stable ID), how to say why it fired, and its salience, which ranks the candidate outcomes of
 * a pack whose hit policy is {@link HitPolicy#FIRST}, and, where the engine can evaluate them
 * itself, its conditions (for near misses). Immutable and shared by all threads, apart
 * from a small cache of sentences.
 */
final class CompiledRule {

    private static final int CACHE = 64;

    /** A sentence already written for a key (see {@link ReasonTemplate#cacheKey}) and the points it ends with. */
    private record Written(int key, int points, Scorecard card, Sentence message) {
    }

    private final String name;
    private final ReasonTemplate reason;
    private final int salience;
    /** Its conditions as Java, for near misses; null when the engine cannot evaluate them all. */
    private final RuleConditions conditions;
    /** The outcomes its action's text inserts (see {@link OutcomeKind#inserts}). */
    private final List<OutcomeKind.Insert> inserts;
    /** The rule as one the engine can fire itself ({@link DirectRule}), or null. */
    private final DirectRule direct;
    /** What its conditions match; null when that could not be told. */
    private final FactsRead factsRead;
    /** Whether its action may change or delete facts, or reach the session ({@code modify}, {@code drools.}...). */
    private final boolean changesFacts;
    /**
     * Where Drools loaded it in the pack's KieBase: of two rules of the same salience, Drools fires the one
     * loaded first first, and the engine keeps that order for the outcomes of rules it fires itself.
     */
    private final int loadOrder;
    /**
     * Sentences by key, for rules whose sentence depends on one whole-number field at most (most
     * scorecard bins and thresholds): writing them showed in profiles. Racy on purpose: a slot holds
     * an immutable record or null, and a lost write only costs writing the sentence again.
     */
    private final Written[] written = new Written[CACHE];

    CompiledRule(String name, ReasonTemplate reason, int salience) {
        this(name, reason, salience, null, List.of());
    }

    CompiledRule(String name, ReasonTemplate reason, int salience, RuleConditions conditions,
                 List<OutcomeKind.Insert> inserts) {
        this(name, reason, salience, conditions, inserts, null, null, true, 0);
    }

    CompiledRule(String name, ReasonTemplate reason, int salience, RuleConditions conditions,
                 List<OutcomeKind.Insert> inserts, DirectRule direct, FactsRead factsRead, boolean changesFacts,
                 int loadOrder) {
        this.name = name;
        this.reason = reason;
        this.salience = salience;
        this.conditions = conditions;
        this.inserts = List.copyOf(inserts);
        this.direct = direct;
        this.factsRead = factsRead;
        this.changesFacts = changesFacts;
        this.loadOrder = loadOrder;
    }

    /** This rule loaded at {@code loadOrder} in its KieBase. */
    CompiledRule loadedAt(int loadOrder) {
        return new CompiledRule(name, reason, salience, conditions, inserts, direct, factsRead, changesFacts, loadOrder);
    }

    DirectRule direct() {
        return direct;
    }

    FactsRead factsRead() {
        return factsRead;
    }

    boolean changesFacts() {
        return changesFacts;
    }

    int loadOrder() {
        return loadOrder;
    }

    /**
     * Whether Drools fires this rule's matches for a customer before those of {@code other}: a higher salience
     * first, then the one loaded first.
     */
    boolean firesBefore(CompiledRule other) {
        return salience != other.salience ? salience > other.salience : loadOrder < other.loadOrder;
    }

    String name() {
        return name;
    }

    int salience() {
        return salience;
    }

    ReasonTemplate reason() {
        return reason;
    }

    RuleConditions conditions() {
        return conditions;
    }

    List<OutcomeKind.Insert> inserts() {
        return inserts;
    }

    /** Why the rule fired for this customer. */
    Sentence message(CustomerProfile profile) {
        return message(profile, Integer.MIN_VALUE, null);
    }

    /** Why the rule added these points: "premium rank 85% >= 80 and < 95: +35 value points". */
    Sentence message(CustomerProfile profile, int points, Scorecard card) {
        int key = reason == null ? 0 : reason.cacheKey(profile);
        if (key < 0 || key >= CACHE) {
            return write(profile, points, card);
        }
        Written cached = written[key];
        if (cached != null && cached.points == points && cached.card == card) {
            return cached.message;
        }
        Sentence message = write(profile, points, card);
        written[key] = new Written(key, points, card, message);
        return message;
    }

    private Sentence write(CustomerProfile profile, int points, Scorecard card) {
        if (reason == null) {
            return card == null ? Sentence.of(name)
                    : new Sentence(name + Reason.pointsEn(card, points), name + Reason.pointsZh(card, points));
        }
        return reason.render(profile, card, points);
    }
}
