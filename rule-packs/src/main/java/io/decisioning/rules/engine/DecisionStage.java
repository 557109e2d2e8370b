package io.decisioning.rules.engine;

import io.decisioning.rules.Scorecard;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Packs after the decision cannot change it. The decision stage is the last pack of a rule set, in
 * pipeline order, whose rules can insert a {@code DecisionMade}; a pack after it may read the grade,
 * tier and decision but must not give a grade, a tier or a decision, nor points of the scorecards the
 * decision was made with (VALUE and RISK: an evaluation's scores stay what they were at the decision).
 * Points of a scorecard of their own, a future churn score, say, stay possible after it.
 *
 * <p>Checked twice: when a rule set is built, from what each rule's action names
 * ({@link OutcomeKind#inserts}; a {@link PackOrderException}), and while evaluating, for what an
 * action's text does not show (an outcome made by a DRL function; an {@link EvaluationException}).
 */
final class DecisionStage {

    /** The scorecards an evaluation reports, which the decision was made with. */
    private static final Set<Scorecard> DECISION_CARDS = EnumSet.of(Scorecard.VALUE, Scorecard.RISK);

    private DecisionStage() {
    }

    /** The index of the decision stage among {@code packs} (in pipeline order), or -1 when no pack gives a decision. */
    static int of(List<CompiledPack> packs) {
        for (int stage = packs.size() - 1; stage >= 0; stage--) {
            for (CompiledRule rule : packs.get(stage).rules.values()) {
                if (rule.inserts().stream().anyMatch(insert -> insert.kind() == OutcomeKind.DECISION)) {
                    return stage;
                }
            }
        }
        return -1;
    }

    /**
     * Throws a {@link PackOrderException} naming the first pack after the decision stage whose rules
     * give what only packs before it may.
     */
    static void check(List<CompiledPack> packs, int decisionStage) {
        if (decisionStage < 0) {
            return;
        }
        CompiledPack decision = packs.get(decisionStage);
        for (CompiledPack pack : packs.subList(decisionStage + 1, packs.size())) {
            List<String> rules = new ArrayList<>();
            List<String> gives = new ArrayList<>();
            pack.rules.values().stream().sorted(Comparator.comparing(CompiledRule::name)).forEach(rule -> {
                List<String> settled = rule.inserts().stream().filter(DecisionStage::settled)
                        .map(DecisionStage::describe).distinct().toList();
                if (!settled.isEmpty()) {
                    rules.add(rule.name());
                    gives.add("\"" + rule.name() + "\" gives " + String.join(" and ", settled));
                }
            });
            if (!rules.isEmpty()) {
                throw new PackOrderException("pack " + pack.name() + " (order " + pack.order() + ") runs after the"
                        + " decision, which pack " + decision.name() + " (order " + decision.order() + ") makes, so its"
                        + " rules may read the grade, tier and decision but not change them: "
                        + String.join("; ", gives)
                        + ". Move such rules to a pack before the decision (order below " + decision.order()
                        + "), or take them out", pack.name(), pack.order(), rules, decision.name(), decision.order());
            }
        }
    }

    /** Whether an action inserting this is refused after the decision (points of a card it does not name are). */
    private static boolean settled(OutcomeKind.Insert insert) {
        return insert.kind() == OutcomeKind.SCORE ? insert.card() == null || DECISION_CARDS.contains(insert.card())
                : insert.kind().required();
    }

    private static String describe(OutcomeKind.Insert insert) {
        if (insert.kind() == OutcomeKind.SCORE) {
            return insert.card() == null ? "score points of a scorecard it does not name"
                    : insert.card() + " score points";
        }
        return "a " + insert.kind().noun + (insert.value() == null ? "" : " (" + insert.value() + ")");
    }

    /** Whether an outcome a rule inserted is one a pack after the decision must not give. */
    static boolean settled(OutcomeKind kind, Object outcome) {
        return kind.additive() ? DECISION_CARDS.contains(OutcomeKind.card(kind.card(outcome))) : kind.required();
    }
}
