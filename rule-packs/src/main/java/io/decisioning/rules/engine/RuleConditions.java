package io.decisioning.rules.engine;

import io.decisioning.rules.CustomerProfile;
import io.decisioning.rules.engine.ProfileConstraint.Operator;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.drools.drl.ast.descr.AndDescr;
import org.drools.drl.ast.descr.BaseDescr;
import org.drools.drl.ast.descr.ExprConstraintDescr;
import org.drools.drl.ast.descr.PatternDescr;
import org.drools.drl.ast.descr.RuleDescr;

/**
 * A rule's conditions as plain Java and the outcome its action gives, prepared when the pack compiles
 * so that an evaluation can tell a customer how near they came to a rule that did not fire (a
 * {@link NearMiss}) without asking Drools again. Immutable and shared, apart from a small cache.
 *
 * <p>Only rules the engine can evaluate completely get one (see {@link #of}): every condition is one
 * of
 * <ul>
 *   <li>a comparison of a numeric {@code CustomerProfile} field with a number: {@code claims12m >= 3},
 *       {@code lossRatio3y <= 0.1} ({@code >=, >, <=, <, ==, !=});</li>
 *   <li>a null check: {@code lossRatio3y != null}, {@code lossRatio3y == null};</li>
 *   <li>the customer's grade, tier or decision kept by an earlier pack:
 *       {@code GradeAssigned(customerNo == $p.customerNo, grade == Grade.HIGH_QUALITY)};</li>
 * </ul>
 * all of them joined by "and" (commas, {@code &&}, one pattern after another), and the action inserts
 * exactly one grade, tier, decision or warning. Anything else ({@code ||}, {@code not}, {@code exists},
 * {@code eval}, {@code from}, a boolean field such as {@code applicant}, a method call, another fact
 * type, a second {@code CustomerProfile}) leaves the rule out: its misses are not reported.
 */
final class RuleConditions {

    /**
     * How far a customer may be from a threshold for a miss to count as near: the change needed, as
     * a share of the larger of the threshold and the customer's value. A third: claim-free years 2 of
     * 3, claims 4 of 5, a loss ratio of 0.7 against 1.0 or of 0.15 against at most 0.1 are near;
     * 0 claims against 3, 1 claim-free year of 3, a premium share of 0.001% against 0.1% are not.
     */
    static final double NEAR = 1.0 / 3 + 1e-9;

    private static final Pattern JOIN = Pattern.compile("^customerNo\\s*==\\s*(\\$?\\w+)\\.customerNo(?:\\s*\\(\\s*\\))?$");
    private static final Pattern ENUM_ATOM = Pattern.compile("^(\\w+)\\s*==\\s*(?:\\w+\\.)*([A-Z][A-Z0-9_]*)$");

    /** Whole-number values up to this have their near miss written once and reused. */
    private static final int CACHE = 64;

    /** One condition on a profile field, as Java: {@code claims12m >= 3}, {@code lossRatio3y != null}. */
    record Constraint(ProfileFeature feature, Operator operator, boolean nullCheck, double threshold, String text) {

        static Constraint of(ProfileConstraint constraint) {
            return new Constraint(constraint.feature(), constraint.operator(), constraint.nullCheck(),
                    constraint.nullCheck() ? Double.NaN : constraint.number(), constraint.text());
        }

        boolean holds(CustomerProfile profile) {
            double v = feature.value(profile);
            if (nullCheck) {
                return (operator == Operator.EQ) == Double.isNaN(v);
            }
            return operator.holds(v, threshold);
        }

        /**
         * How far the customer's value is from meeting this condition, as a share of the larger of
         * the threshold and the value (0 at the threshold itself; a count or years counted to the
         * nearest whole number that meets it); infinite when no change of a known value measures it
         * (an unknown value, a null check, {@code !=}).
         */
        double gap(CustomerProfile profile) {
            double v = feature.value(profile);
            if (Double.isNaN(v) || nullCheck || operator == Operator.NE) {
                return Double.POSITIVE_INFINITY;
            }
            double t = threshold;
            if (feature.whole() && operator == Operator.GT) {
                t = Math.floor(threshold) + 1;
            } else if (feature.whole() && operator == Operator.LT) {
                t = Math.ceil(threshold) - 1;
            }
            double scale = Math.max(Math.abs(t), Math.abs(v));
            return scale == 0 ? 0 : Math.abs(t - v) / scale;
        }
    }

    final String rule;
    /** The slot of the outcome the rule gives (see {@link OutcomeKind}: grade, tier, decision, warning of a type). */
    final int slot;
    /** The ordinal of the grade, tier, decision or warning severity it gives; -1 when the action does not name it. */
    final int value;
    final String outcome;
    private final String pack;
    private final int version;
    private final String prefix;
    final Constraint[] constraints;
    /** Slot and ordinal pairs: the customer's grade, tier or decision the rule requires. */
    private final int[] required;
    /** Near misses already written, by constraint and whole-number value: racy on purpose, like CompiledRule's sentences. */
    private final NearMiss[][] written;

    private RuleConditions(String pack, int version, String rule, int slot, int value, String outcome, String prefix,
                           List<Constraint> constraints, List<int[]> required) {
        this.pack = pack;
        this.version = version;
        this.rule = rule;
        this.slot = slot;
        this.value = value;
        this.outcome = outcome;
        this.prefix = prefix;
        this.constraints = constraints.toArray(Constraint[]::new);
        this.required = new int[2 * required.size()];
        for (int i = 0; i < required.size(); i++) {
            this.required[2 * i] = required.get(i)[0];
            this.required[2 * i + 1] = required.get(i)[1];
        }
        this.written = new NearMiss[this.constraints.length][];
        for (int i = 0; i < this.constraints.length; i++) {
            if (this.constraints[i].feature().whole()) {
                this.written[i] = new NearMiss[CACHE];
            }
        }
    }

    /**
     * The conditions of a rule of pack {@code pack} (version {@code version}), or null when a
     * condition is not one the engine can evaluate, or the action's outcome is not one grade, tier,
     * decision or warning.
     */
    static RuleConditions of(String pack, int version, RuleDescr rule) {
        Object consequence = rule.getConsequence();
        if (!(consequence instanceof String action)) {
            return null;
        }
        List<OutcomeKind.Insert> inserts = OutcomeKind.inserts(action).stream()
                .filter(insert -> !insert.kind().additive()).toList();
        if (inserts.size() != 1) {
            return null; // none, or two: which one a miss would give is not clear
        }
        OutcomeKind.Insert insert = inserts.get(0);
        String id = rule.getName().split("\\s+", 2)[0];
        int slot = insert.slot();
        int value = insert.ordinal();
        String outcome = null;
        String prefix;
        if (insert.kind() == OutcomeKind.WARNING) {
            if (slot == OutcomeKind.NO_SLOT) {
                return null; // a warning of a type the action does not name
            }
            String warning = insert.qualifier() + (value >= 0 ? " " + insert.value() : "");
            outcome = warning.replace(' ', ':');
            prefix = "would raise " + warning + " if ";
        } else if (value >= 0) {
            outcome = insert.value();
            prefix = "would be " + outcome + " if ";
        } else {
            prefix = id + " would apply if ";
        }
        List<Constraint> constraints = new ArrayList<>();
        List<int[]> required = new ArrayList<>();
        List<String> joins = new ArrayList<>();
        String[] profile = {null, null}; // seen, its binding
        if (!collect(rule.getLhs(), constraints, required, joins, profile) || profile[0] == null) {
            return null;
        }
        for (String join : joins) {
            if (!join.equals(profile[1])) {
                return null;
            }
        }
        return new RuleConditions(pack, version, rule.getName(), slot, value, outcome, prefix, constraints, required);
    }

    private static boolean collect(BaseDescr descr, List<Constraint> constraints, List<int[]> required,
                                   List<String> joins, String[] profile) {
        if (descr instanceof AndDescr and) {
            for (BaseDescr child : and.getDescrs()) {
                if (!collect(child, constraints, required, joins, profile)) {
                    return false;
                }
            }
            return true;
        }
        if (!(descr instanceof PatternDescr pattern) || pattern.getSource() != null || pattern.isQuery()) {
            return false;
        }
        String type = pattern.getObjectType();
        type = type.substring(type.lastIndexOf('.') + 1);
        List<String> atoms = new ArrayList<>();
        for (BaseDescr constraint : pattern.getConstraint().getDescrs()) {
            if (!(constraint instanceof ExprConstraintDescr expr) || expr.getType() != ExprConstraintDescr.Type.NAMED
                    || expr.getExpression().contains("||")) {
                return false;
            }
            for (String part : expr.getExpression().split("&&")) {
                atoms.add(part.replaceAll("[()]", " ").trim().replaceAll("\\s+", " "));
            }
        }
        if (type.equals("CustomerProfile")) {
            if (profile[0] != null) {
                return false; // a second profile pattern: a join the engine does not evaluate
            }
            profile[0] = type;
            profile[1] = pattern.getIdentifier();
            for (String atom : atoms) {
                Constraint constraint = constraint(atom);
                if (constraint == null) {
                    return false;
                }
                constraints.add(constraint);
            }
            return true;
        }
        OutcomeKind kind = OutcomeKind.byTypeName(type);
        if (kind == null || !kind.required() || atoms.size() != 2) {
            return false;
        }
        Matcher join = JOIN.matcher(atoms.get(0));
        Matcher equals = ENUM_ATOM.matcher(atoms.get(1));
        if (!join.matches() || !equals.matches() || !equals.group(1).equals(kind.field)) {
            return false;
        }
        int ordinal = kind.ordinal(equals.group(2));
        if (ordinal < 0) {
            return false;
        }
        joins.add(join.group(1));
        required.add(new int[] {kind.slot, ordinal});
        return true;
    }

    private static Constraint constraint(String atom) {
        ProfileConstraint constraint = ProfileConstraint.ofRule(atom);
        return constraint == null ? null : Constraint.of(constraint);
    }

    /**
     * The one condition the customer fails, when it is exactly one and a threshold on a known value
     * (the rule would hold if only that value were different); -1 when the rule holds, fails on more
     * than one condition, or fails on a required grade, tier or decision.
     *
     * @param kept the ordinals of the customer's grade, tier and decision, a byte each: {@code grade
     *             | tier << 8 | decision << 16}
     */
    int onlyFailing(CustomerProfile profile, int kept) {
        for (int i = 0; i < required.length; i += 2) {
            if ((kept >>> 8 * required[i] & 0xFF) != required[i + 1]) {
                return -1;
            }
        }
        int failing = -1;
        for (int i = 0; i < constraints.length; i++) {
            if (!constraints[i].holds(profile)) {
                if (failing >= 0) {
                    return -1;
                }
                failing = i;
            }
        }
        return failing;
    }

    /** The near miss for a customer who fails only on this constraint: "would be HIGH_QUALITY if claimFreeYears >= 3 (now 2)". */
    NearMiss nearMiss(int constraint, CustomerProfile profile) {
        Constraint failing = constraints[constraint];
        NearMiss[] cache = written[constraint];
        int key = cache == null ? -1 : (int) failing.feature().value(profile);
        if (key >= 0 && key < CACHE && cache[key] != null) {
            return cache[key];
        }
        NearMiss miss = new NearMiss(pack, version, rule, outcome, prefix + failing.text() + " (now "
                + ProfileFeature.format(failing.feature().valueOf(profile)) + ")");
        if (key >= 0 && key < CACHE) {
            cache[key] = miss;
        }
        return miss;
    }
}
