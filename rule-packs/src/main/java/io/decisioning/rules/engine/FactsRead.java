package io.decisioning.rules.engine;

import io.decisioning.rules.ScorePoints;
import io.decisioning.rules.Scorecard;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;

/**
 * What a pack's rules match, worked out from their conditions when the pack compiles, so that the engine inserts
 * into a stage only the facts and earlier outcomes its rules can read: the fact types (by simple name) and, of the
 * {@link ScorePoints}, the scorecards whose points a pattern can match. A {@code ScorePoints} pattern with a top-level
 * {@code card == Scorecard.CHURN} reads CHURN points only; one that names no card reads every card's.
 */
final class FactsRead {

    private final Set<String> types = new HashSet<>();
    private final EnumSet<Scorecard> cards = EnumSet.noneOf(Scorecard.class);
    /** Whether the rule (or every rule read) matches only with a complaint of the customer: see {@link #complaintRequired}. */
    private boolean complaintRequired;
    /** Whether another's reads were added: from then on {@link #complaintRequired} holds only while it holds of each. */
    private boolean added;

    /** The fact types that exist only for a customer with complaints: a complaint and the outcomes about one. */
    static final Set<String> COMPLAINT_TYPES = Set.of("Complaint", "TimeLimitSet", "ComplaintStateAssigned");

    /** A pattern matches facts of this type (simple name). */
    void type(String simpleName) {
        types.add(simpleName);
    }

    /** A {@code ScorePoints} pattern matches points of this card, or of every card when {@code card} is null. */
    void points(Scorecard card) {
        types.add(ScorePoints.class.getSimpleName());
        if (card == null) {
            cards.addAll(EnumSet.allOf(Scorecard.class));
        } else {
            cards.add(card);
        }
    }

    /** The rule matches only for a customer with a complaint: one of its patterns that must match is of {@link #COMPLAINT_TYPES}. */
    void complaintRequired() {
        complaintRequired = true;
    }

    /**
     * Whether what was read matches only for a customer with complaints, so that the engine leaves the others out of
     * the session (most customers have none): true of a rule one of whose patterns that must match (not under
     * {@code not}, in every branch of an {@code or}) is a {@link #COMPLAINT_TYPES}; of several rules when it is true of
     * each.
     */
    boolean complaintRequiredByAll() {
        return complaintRequired;
    }

    /** Adds what {@code other} reads. */
    void add(FactsRead other) {
        complaintRequired = added ? complaintRequired && other.complaintRequired : other.complaintRequired;
        added = true;
        types.addAll(other.types);
        cards.addAll(other.cards);
    }

    /** Whether facts of this type are read (for points, of some card). */
    boolean reads(Class<?> type) {
        return types.contains(type.getSimpleName());
    }

    /** Whether these points are read: a pattern matches points of their card. */
    boolean readsPoints(Scorecard card) {
        return cards.contains(card);
    }

    /** The fact types read, by simple name. */
    Set<String> types() {
        return Set.copyOf(types);
    }

    /** Whether the points of each scorecard are read, by its ordinal. */
    boolean[] cardsByOrdinal() {
        boolean[] read = new boolean[Scorecard.values().length];
        cards.forEach(card -> read[card.ordinal()] = true);
        return read;
    }

    /** {@link #cardsByOrdinal} when what the rules match could not be told: every card's points may be read. */
    static boolean[] everyCard() {
        boolean[] read = new boolean[Scorecard.values().length];
        Arrays.fill(read, true);
        return read;
    }
}
