package io.decisioning.rules.engine;

import io.decisioning.rules.DecisionMade;
import io.decisioning.rules.GradeAssigned;
import io.decisioning.rules.ScorePoints;
import io.decisioning.rules.TierAssigned;
import io.decisioning.rules.WarningRaised;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.kie.api.definition.rule.Rule;
import org.kie.api.event.rule.ObjectDeletedEvent;
import org.kie.api.event.rule.ObjectInsertedEvent;
import org.kie.api.event.rule.ObjectUpdatedEvent;
import org.kie.api.event.rule.RuleRuntimeEventListener;

/**
 * Listens to one session and keeps every outcome a rule inserts together with the rule that
 * inserted it, so that each outcome carries its reason without analysts writing any bookkeeping.
 * Facts inserted by the engine itself have no rule and are not recorded.
 */
final class OutcomeRecorder implements RuleRuntimeEventListener {

    /** An outcome, the name of the rule that produced it and that rule's reason (null if unknown). */
    record Fired(Object outcome, String customerNo, String rule, ReasonTemplate reason) {
    }

    private final Map<String, ReasonTemplate> reasons;
    private final List<Fired> fired = new ArrayList<>();
    // Drools fires the matches of one rule one after the other: remembering the last rule's reason
    // saves a map lookup per outcome, which showed in profiles.
    private Rule lastRule;
    private ReasonTemplate lastReason;
    private final Set<Object> deleted = Collections.newSetFromMap(new IdentityHashMap<>());

    OutcomeRecorder(Map<String, ReasonTemplate> reasons) {
        this.reasons = reasons;
    }

    @Override
    public void objectInserted(ObjectInsertedEvent event) {
        if (event.getRule() == null) {
            return;
        }
        String customerNo = customerNo(event.getObject());
        if (customerNo == null) {
            return;
        }
        Rule rule = event.getRule();
        if (rule != lastRule) {
            lastRule = rule;
            lastReason = reasons.get(rule.getName());
        }
        fired.add(new Fired(event.getObject(), customerNo, rule.getName(), lastReason));
    }

    @Override
    public void objectUpdated(ObjectUpdatedEvent event) {
        // outcomes are records: an update cannot change them
    }

    @Override
    public void objectDeleted(ObjectDeletedEvent event) {
        if (event.getRule() != null && customerNo(event.getOldObject()) != null) {
            deleted.add(event.getOldObject());
        }
    }

    /** The outcomes in the order the rules produced them, without those a rule deleted again. */
    List<Fired> outcomes() {
        if (deleted.isEmpty()) {
            return fired;
        }
        return fired.stream().filter(f -> !deleted.contains(f.outcome())).toList();
    }

    private static String customerNo(Object fact) {
        if (fact instanceof GradeAssigned grade) {
            return grade.customerNo();
        }
        if (fact instanceof WarningRaised warning) {
            return warning.customerNo();
        }
        if (fact instanceof ScorePoints points) {
            return points.customerNo();
        }
        if (fact instanceof TierAssigned tier) {
            return tier.customerNo();
        }
        if (fact instanceof DecisionMade decision) {
            return decision.customerNo();
        }
        return null;
    }
}
