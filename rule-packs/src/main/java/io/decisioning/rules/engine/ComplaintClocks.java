package io.decisioning.rules.engine;

import io.decisioning.rules.Complaint;
import io.decisioning.rules.ComplaintStateAssigned;
import io.decisioning.rules.TimeLimitSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kie.api.event.rule.ObjectDeletedEvent;
import org.kie.api.event.rule.ObjectInsertedEvent;
import org.kie.api.event.rule.ObjectUpdatedEvent;
import org.kie.api.event.rule.RuleRuntimeEventListener;
import org.kie.api.runtime.KieSession;

/**
 * The clocks of complaints without a customer (DESIGN.md section 13: counted in the analysis, no customer's warning):
 * the packs whose rules read complaints run with the complaints alone, no customer's facts, so the rules that set time
 * limits and states from a complaint's own fields decide them as for any other complaint, and the rules that need a
 * customer do not fire. Only time limits and states are kept; another outcome a rule gives for such a complaint (a
 * warning) is nobody's and is dropped.
 */
final class ComplaintClocks {

    private ComplaintClocks() {
    }

    static List<ComplaintClock> of(List<CompiledPack> stages, List<Complaint> complaints) {
        if (complaints.isEmpty()) {
            return List.of();
        }
        Map<String, Complaint> byNo = new LinkedHashMap<>();
        for (Complaint complaint : complaints) {
            if (byNo.put(complaint.complaintNo(), complaint) != null) {
                throw new IllegalArgumentException("complaint " + complaint.complaintNo() + " is twice in the batch");
            }
        }
        Map<String, Kept> limits = new HashMap<>();
        Map<String, Kept> states = new HashMap<>();
        for (CompiledPack pack : stages) {
            if (pack.session && pack.reads(Complaint.class)) {
                run(pack, complaints, byNo, limits, states);
            }
        }
        List<ComplaintClock> clocks = new ArrayList<>(complaints.size());
        for (Complaint complaint : complaints) {
            Kept limit = limits.get(complaint.complaintNo());
            Kept state = states.get(complaint.complaintNo());
            clocks.add(new ComplaintClock(complaint, limit == null ? null : ((TimeLimitSet) limit.outcome).days(),
                    state == null ? null : ((ComplaintStateAssigned) state.outcome).state(),
                    state == null ? null : state.reason(complaint)));
        }
        return clocks;
    }

    private static void run(CompiledPack pack, List<Complaint> complaints, Map<String, Complaint> byNo,
                            Map<String, Kept> limits, Map<String, Kept> states) {
        KieSession session = pack.session();
        boolean clean = false;
        Recorder recorder = new Recorder(pack, byNo);
        int limit = RuleSet.FIRINGS_PER_CUSTOMER * complaints.size();
        try {
            complaints.forEach(session::insert);
            // what the earlier packs decided: kept outcomes read as facts, as in a customer's evaluation
            if (pack.reads(TimeLimitSet.class)) {
                limits.values().forEach(kept -> session.insert(kept.outcome));
            }
            if (pack.reads(ComplaintStateAssigned.class)) {
                states.values().forEach(kept -> session.insert(kept.outcome));
            }
            session.addEventListener(recorder);
            int fired = session.fireAllRules(limit);
            if (fired >= limit) {
                throw EvaluationException.looped(pack, fired, complaints.size(), "complaints");
            }
            clean = true;
        } catch (RuntimeException e) {
            throw EvaluationException.failed(pack, e);
        } finally {
            if (clean) {
                session.removeEventListener(recorder);
                pack.release(session);
            } else {
                pack.discard(session);
            }
        }
        recorder.keep(limits, states);
    }

    /** An outcome with the rule, of its pack, that gave it. */
    private record Kept(Object outcome, CompiledRule rule, CompiledPack pack) {

        /** Its reason, without a customer's figures. */
        Reason reason(Complaint complaint) {
            Sentence text = rule.reason() == null ? Sentence.of(rule.name()) : rule.reason().withoutCustomer();
            return new Reason(pack.name(), pack.version(), rule.name(), CustomerOutcomes.complaintMessage(complaint, text));
        }
    }

    /** The time limits and states the rules of one pack give, settled by the pack's hit policy. */
    private static final class Recorder implements RuleRuntimeEventListener {
        private final CompiledPack pack;
        private final Map<String, Complaint> byNo;
        private final Map<String, Kept> limits = new HashMap<>();
        private final Map<String, Kept> states = new HashMap<>();

        Recorder(CompiledPack pack, Map<String, Complaint> byNo) {
            this.pack = pack;
            this.byNo = byNo;
        }

        @Override
        public void objectInserted(ObjectInsertedEvent event) {
            if (event.getRule() == null) {
                return;
            }
            Object outcome = event.getObject();
            Map<String, Kept> into = outcome instanceof TimeLimitSet ? limits : outcome instanceof ComplaintStateAssigned ? states : null;
            String complaintNo = OutcomeKind.complaintNo(outcome);
            if (into == null || !byNo.containsKey(complaintNo)) {
                return; // another kind of outcome: no customer has it
            }
            CompiledRule rule = pack.rules.getOrDefault(event.getRule().getName(), new CompiledRule(event.getRule().getName(), null, 0));
            Kept kept = new Kept(outcome, rule, pack);
            Kept before = into.putIfAbsent(complaintNo, kept);
            if (before == null || before.outcome.equals(outcome) && before.rule.salience() >= rule.salience()) {
                return;
            }
            if (pack.hitPolicy() == HitPolicy.FIRST && before.rule.salience() != rule.salience()) {
                if (rule.salience() > before.rule.salience()) {
                    into.put(complaintNo, kept);
                }
                return;
            }
            throw new EvaluationException("complaint " + complaintNo + " got 2 of " + OutcomeKind.of(outcome).noun
                    + " in pack " + pack + ": " + before.outcome + " by \"" + before.rule.name() + "\", " + outcome + " by \""
                    + rule.name() + "\"; a complaint has one, so give the rules hitPolicy=FIRST and different saliences,"
                    + " or conditions that exclude each other");
        }

        @Override
        public void objectUpdated(ObjectUpdatedEvent event) {
        }

        @Override
        public void objectDeleted(ObjectDeletedEvent event) {
            if (event.getRule() != null) {
                Object outcome = event.getOldObject();
                String complaintNo = OutcomeKind.complaintNo(outcome);
                if (complaintNo != null) {
                    Map<String, Kept> from = outcome instanceof TimeLimitSet ? limits : states;
                    Kept kept = from.get(complaintNo);
                    if (kept != null && kept.outcome == outcome) {
                        from.remove(complaintNo);
                    }
                }
            }
        }

        void keep(Map<String, Kept> allLimits, Map<String, Kept> allStates) {
            allLimits.putAll(limits);
            allStates.putAll(states);
        }
    }
}
