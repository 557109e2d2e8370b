package io.decisioning.rules.engine;

import java.util.List;

/**
 * A pack ordered after the decision has rules that would change what the decision was made with: a
 * grade, a tier, a decision, or VALUE or RISK score points. Packs after the decision may read the
 * grade, tier and decision (to raise a service warning for referred customers, say), never change
 * them. Thrown by {@link RuleSet#of} and {@link RuleSet#with}, so such a draft cannot be published;
 * the message tells the analyst which pack and rules, and where the decision is made.
 */
public final class PackOrderException extends RuntimeException {

    private final String pack;
    private final int order;
    private final List<String> rules;
    private final String decisionPack;
    private final int decisionOrder;

    PackOrderException(String message, String pack, int order, List<String> rules, String decisionPack,
                       int decisionOrder) {
        super(message);
        this.pack = pack;
        this.order = order;
        this.rules = List.copyOf(rules);
        this.decisionPack = decisionPack;
        this.decisionOrder = decisionOrder;
    }

    /** The pack after the decision whose rules give what only packs before it may. */
    public String pack() {
        return pack;
    }

    /** That pack's order. */
    public int order() {
        return order;
    }

    /** Its rules that do, by name (starting with their stable IDs). */
    public List<String> rules() {
        return rules;
    }

    /** The pack that makes the decision: the last, in pipeline order, whose rules give a {@code DecisionMade}. */
    public String decisionPack() {
        return decisionPack;
    }

    public int decisionOrder() {
        return decisionOrder;
    }
}
