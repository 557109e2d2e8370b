package io.decisioning.rules.engine;

import io.decisioning.rules.DecisionMade;
import io.decisioning.rules.GradeAssigned;
import io.decisioning.rules.ScorePoints;
import io.decisioning.rules.Scorecard;
import io.decisioning.rules.TierAssigned;
import io.decisioning.rules.WarningRaised;
import io.decisioning.rules.WarningType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * What the stages decided about one customer of a batch, until it becomes an {@link Evaluation}: the
 * outcomes rules inserted, in firing order, each with its rule. After each stage, a pack with hit
 * policy {@link HitPolicy#FIRST} keeps one outcome of each single-valued kind (grade, tier, decision,
 * one warning per type) and sets the others aside; later stages see only what was kept.
 */
final class CustomerOutcomes {

    /** Kinds of outcome a customer has at most one of; a warning's kind is WARNING + its type's ordinal. */
    private static final int SCORE = -1;
    private static final int GRADE = 0;
    private static final int TIER = 1;
    private static final int DECISION = 2;
    private static final int WARNING = 3;
    private static final String[] KIND_NAMES = {"grade", "tier", "decision"};

    /** One outcome a rule inserted. */
    private static final class Candidate {
        final CompiledPack pack;
        final int stage;
        final CompiledRule rule;
        final Object outcome;
        final int kind;
        /** Set aside by the hit policy, or deleted again by a rule. */
        boolean dropped;

        Candidate(CompiledPack pack, int stage, CompiledRule rule, Object outcome, int kind) {
            this.pack = pack;
            this.stage = stage;
            this.rule = rule;
            this.outcome = outcome;
            this.kind = kind;
        }

        @Override
        public String toString() {
            return outcome + " by \"" + rule.name() + "\"";
        }
    }

    final EvaluationInput input;
    private final List<Candidate> candidates = new ArrayList<>(16);

    CustomerOutcomes(EvaluationInput input) {
        this.input = input;
    }

    void add(CompiledPack pack, int stage, CompiledRule rule, Object outcome) {
        candidates.add(new Candidate(pack, stage, rule, outcome, kindOf(outcome)));
    }

    void deleted(Object outcome) {
        for (Candidate candidate : candidates) {
            if (candidate.outcome == outcome) {
                candidate.dropped = true;
            }
        }
    }

    /**
     * Ends a stage for this customer: under {@link HitPolicy#FIRST}, of the candidates of a kind the
     * one of the highest salience stays (the first to fire among equals that agree); then hands the
     * outcomes this stage kept to {@code kept}, for the later stages.
     */
    void endStage(int stage, HitPolicy policy, Consumer<Object> kept) {
        int from = candidates.size();
        while (from > 0 && candidates.get(from - 1).stage == stage) {
            from--;
        }
        int to = candidates.size();
        if (policy == HitPolicy.FIRST) {
            for (int i = from + 1; i < to; i++) {
                Candidate later = candidates.get(i);
                if (later.kind == SCORE || later.dropped) {
                    continue;
                }
                for (int j = from; j < i; j++) {
                    Candidate earlier = candidates.get(j);
                    if (earlier.kind != later.kind || earlier.dropped) {
                        continue;
                    }
                    if (later.rule.salience() > earlier.rule.salience()) {
                        earlier.dropped = true;
                    } else if (later.rule.salience() == earlier.rule.salience() && !later.outcome.equals(earlier.outcome)) {
                        throw new EvaluationException("customer " + input.profile().customerNo() + " got 2 of " + kindName(later.kind)
                                + " from rules of the same salience in pack " + later.pack + ": " + earlier + ", " + later
                                + "; with hit policy FIRST the rule with the higher salience wins, so give them different ones");
                    } else {
                        later.dropped = true;
                    }
                    break;
                }
            }
        }
        for (int i = from; i < to; i++) {
            Candidate candidate = candidates.get(i);
            if (!candidate.dropped) {
                kept.accept(candidate.outcome);
            }
        }
    }

    /** The evaluation, or an {@link EvaluationException} when a grade, tier or decision is missing or twice. */
    Evaluation evaluation(Map<String, Integer> rulePacks) {
        List<Reason> reasons = new ArrayList<>(candidates.size());
        Candidate grade = null;
        Candidate tier = null;
        Candidate decision = null;
        RaisedWarning[] warnings = null;
        long value = 0;
        long risk = 0;
        for (Candidate candidate : candidates) {
            if (candidate.dropped) {
                continue;
            }
            String message;
            switch (candidate.kind) {
                case SCORE -> {
                    ScorePoints score = (ScorePoints) candidate.outcome;
                    if (score.card() == Scorecard.VALUE) {
                        value += score.points();
                    } else {
                        risk += score.points();
                    }
                    message = candidate.rule.message(input.profile(), score);
                }
                case GRADE -> {
                    grade = single(grade, candidate);
                    message = message(candidate);
                }
                case TIER -> {
                    tier = single(tier, candidate);
                    message = message(candidate);
                }
                case DECISION -> {
                    decision = single(decision, candidate);
                    message = message(candidate);
                }
                default -> {
                    WarningRaised warning = (WarningRaised) candidate.outcome;
                    message = message(candidate);
                    if (warnings == null) {
                        warnings = new RaisedWarning[WarningType.values().length];
                    }
                    RaisedWarning previous = warnings[warning.type().ordinal()];
                    // warnings of one type from several packs: the higher severity is kept
                    if (previous == null || warning.severity().compareTo(previous.severity()) > 0) {
                        warnings[warning.type().ordinal()] = new RaisedWarning(warning.type(), warning.severity(), message);
                    }
                }
            }
            reasons.add(new Reason(candidate.pack.name(), candidate.pack.version(), candidate.rule.name(), message));
        }
        String customerNo = input.profile().customerNo();
        for (int kind = GRADE; kind <= DECISION; kind++) {
            if ((kind == GRADE ? grade : kind == TIER ? tier : decision) == null) {
                throw new EvaluationException("no rule gave customer " + customerNo + " a " + KIND_NAMES[kind]);
            }
        }
        List<RaisedWarning> raised = new ArrayList<>(2);
        if (warnings != null) {
            for (RaisedWarning warning : warnings) {
                if (warning != null) {
                    raised.add(warning);
                }
            }
        }
        return new Evaluation(input.profile(), input.blacklistHits(), ((GradeAssigned) grade.outcome).grade(),
                ((TierAssigned) tier.outcome).tier(), ((DecisionMade) decision.outcome).decision(),
                clamp(value), clamp(risk), raised, reasons, rulePacks);
    }

    private String message(Candidate candidate) {
        return candidate.rule.message(input.profile());
    }

    private Candidate single(Candidate already, Candidate another) {
        if (already == null) {
            return another;
        }
        List<Candidate> all = candidates.stream().filter(c -> !c.dropped && c.kind == another.kind).toList();
        throw new EvaluationException("customer " + input.profile().customerNo() + " got " + all.size() + " of "
                + kindName(another.kind) + ": " + all.stream().map(Candidate::toString).collect(Collectors.joining(", "))
                + "; a " + kindName(another.kind) + " comes from one pack, whose rules need hitPolicy=FIRST in its"
                + " pack.properties or a guard such as not GradeAssigned(customerNo == $p.customerNo)");
    }

    private static String kindName(int kind) {
        return kind >= WARNING ? "warning " + WarningType.values()[kind - WARNING] : KIND_NAMES[kind];
    }

    private static int kindOf(Object outcome) {
        if (outcome instanceof ScorePoints) {
            return SCORE;
        }
        if (outcome instanceof GradeAssigned) {
            return GRADE;
        }
        if (outcome instanceof TierAssigned) {
            return TIER;
        }
        if (outcome instanceof DecisionMade) {
            return DECISION;
        }
        return WARNING + ((WarningRaised) outcome).type().ordinal();
    }

    private static int clamp(long sum) {
        return (int) Math.max(0, Math.min(100, sum));
    }
}
