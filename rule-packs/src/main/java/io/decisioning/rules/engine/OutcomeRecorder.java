package io.decisioning.rules.engine;

import java.util.Map;
import org.kie.api.definition.rule.Rule;
import org.kie.api.event.rule.ObjectDeletedEvent;
import org.kie.api.event.rule.ObjectInsertedEvent;
import org.kie.api.event.rule.ObjectUpdatedEvent;
import org.kie.api.event.rule.RuleRuntimeEventListener;

/**
 * Listens to the session of one stage and hands every outcome a rule inserts, with the rule that
 * inserted it, to the customer's {@link CustomerOutcomes}, so that each outcome carries its reason
 * without analysts writing any bookkeeping. The engine registers it after inserting the facts, so
 * only the rules' own inserts reach it.
 */
final class OutcomeRecorder implements RuleRuntimeEventListener {

    private final CompiledPack pack;
    private final int stage;
    private final Map<String, CustomerOutcomes> customers;
    // Drools fires the matches of one rule one after the other: remembering the last rule saves a
    // map lookup per outcome, which showed in profiles.
    private Rule lastRule;
    private CompiledRule lastCompiled;
    /** The pack that made the decision when this stage runs after it, else null (see {@link DecisionStage}). */
    private final CompiledPack decision;
    /**
     * The first outcome the stage cannot be trusted with (for a customer outside the batch; a grade,
     * tier, decision or score after the decision); the stage fails with it after firing.
     */
    private String problem;

    OutcomeRecorder(CompiledPack pack, int stage, Map<String, CustomerOutcomes> customers, CompiledPack decision) {
        this.pack = pack;
        this.stage = stage;
        this.customers = customers;
        this.decision = decision;
    }

    @Override
    public void objectInserted(ObjectInsertedEvent event) {
        Rule rule = event.getRule();
        if (rule == null) {
            return;
        }
        Object outcome = event.getObject();
        OutcomeKind kind = OutcomeKind.of(outcome);
        if (kind == null) {
            return; // a fact the pack keeps to itself
        }
        String customerNo = kind.customerNo(outcome);
        if (rule != lastRule) {
            lastRule = rule;
            lastCompiled = pack.rules.get(rule.getName());
            if (lastCompiled == null) {
                lastCompiled = new CompiledRule(rule.getName(), null, 0);
            }
        }
        CustomerOutcomes customer = customers.get(customerNo);
        if (customer == null) {
            if (problem == null) {
                problem = "rule \"" + rule.getName() + "\" of pack " + pack + " produced " + outcome
                        + " for a customer who is not being evaluated";
            }
            return;
        }
        if (decision != null && DecisionStage.settled(kind, outcome)) {
            if (problem == null) {
                problem = "rule \"" + rule.getName() + "\" of pack " + pack + " (order " + pack.order() + ") gave "
                        + outcome + " after the decision, which pack " + decision + " (order " + decision.order()
                        + ") makes: packs after the decision may read the grade, tier and decision but not change them";
            }
            return;
        }
        customer.add(pack, stage, lastCompiled, kind, outcome);
    }

    @Override
    public void objectUpdated(ObjectUpdatedEvent event) {
        // outcomes are records: an update cannot change them
    }

    @Override
    public void objectDeleted(ObjectDeletedEvent event) {
        if (event.getRule() == null) {
            return;
        }
        Object outcome = event.getOldObject();
        OutcomeKind kind = OutcomeKind.of(outcome);
        CustomerOutcomes customer = kind == null ? null : customers.get(kind.customerNo(outcome));
        if (customer != null) {
            customer.deleted(outcome);
        }
    }

    /** Why the stage cannot be trusted, or null. */
    String problem() {
        return problem;
    }
}
