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
    record Constraint(ProfileFeature feature, Operator operator, boolean nullCheck, double threshold, String text,
                      String textZh) {

        static Constraint of(ProfileConstraint constraint) {
            return new Constraint(constraint.feature(), constraint.operator(), constraint.nullCheck(),
                    constraint.nullCheck() ? Double.NaN : constraint.number(), constraint.text(),
                    constraint.feature().zhName() + " " + constraint.operator().symbol + " " + constraint.operand()
                            + (constraint.feature().percent() && !constraint.nullCheck() ? "%" : ""));
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
    /** The Chinese of what the rule would give: "等级将为优质客户", "将触发频繁出险（中）预警". */
    private final String outcomeZh;
    final Constraint[] constraints;
    /** Slot and ordinal pairs: the customer's grade, tier or decision the rule requires. */
    private final int[] required;
    /** Near misses already written, by constraint and whole-number value: racy on purpose, like CompiledRule's sentences. */
    private final NearMiss[][] written;

    private RuleConditions(String pack, int version, String rule, int slot, int value, String outcome, String prefix,
                           String outcomeZh, List<Constraint> constraints, List<int[]> required) {
        this.pack = pack;
        this.version = version;
        this.rule = rule;
        this.slot = slot;
        this.value = value;
        this.outcome = outcome;
        this.prefix = prefix;
        this.outcomeZh = outcomeZh;
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
        String outcomeZh;
        if (insert.kind() == OutcomeKind.WARNING) {
            if (slot == OutcomeKind.NO_SLOT) {
                return null; // a warning of a type the action does not name
            }
            String warning = insert.qualifier() + (value >= 0 ? " " + insert.value() : "");
            outcome = warning.replace(' ', ':');
            prefix = "would raise " + warning + " if ";
            outcomeZh = "将触发" + Chinese.label("warningType", insert.qualifier())
                    + (value >= 0 ? "（" + Chinese.label("severity", insert.value()) + "）" : "") + "预警";
        } else if (value >= 0) {
            outcome = insert.value();
            prefix = "would be " + outcome + " if ";
            String field = insert.kind().name().toLowerCase(java.util.Locale.ROOT);
            outcomeZh = Chinese.field(field) + "将为" + Chinese.label(field, outcome);
        } else {
            prefix = id + " would apply if ";
            outcomeZh = id + " 将适用";
        }
        Lhs lhs = lhs(rule);
        return lhs == null ? null
                : new RuleConditions(pack, version, rule.getName(), slot, value, outcome, prefix, outcomeZh, lhs.constraints(),
                        lhs.required());
    }

    /**
     * A rule's conditions when the engine can evaluate them all (see the class comment): the comparisons of the
     * one {@code CustomerProfile} pattern, the grade, tier or decision required (slot and ordinal pairs) and the
     * profile's binding ({@code $p}); null otherwise. For a {@link DirectRule} also comparisons joined by
     * {@code ||} ({@code anyOf}, each group holding when one of its comparisons does) and thresholds on the sum of
     * the customer's points of a scorecard ({@code scores}).
     */
    record Lhs(List<Constraint> constraints, List<Constraint[]> anyOf, List<int[]> required, List<ScoreCheck> scores,
               String binding) {
    }

    /**
     * {@code Number(intValue >= 70) from accumulate(ScorePoints(customerNo == $p.customerNo, card == Scorecard.CHURN,
     * $v : points), sum($v))}: the sum of the customer's points of a card, compared with a number.
     */
    record ScoreCheck(io.decisioning.rules.Scorecard card, Operator operator, long threshold) {

        boolean holds(long sum) {
            return operator.holds(Long.compare(sum, threshold));
        }
    }

    private static final Pattern SUM_CHECK = Pattern.compile("^(?:intValue|longValue)\\s*(" + ProfileConstraint.OPERATORS
            + ")\\s*(-?\\d{1,9})$");
    private static final Pattern CARD_ATOM = Pattern.compile("^card\\s*==\\s*(?:Scorecard\\.)?([A-Z][A-Z0-9_]*)$");
    private static final Pattern POINTS_BINDING = Pattern.compile("^(\\$\\w+)\\s*:\\s*points$");

    static Lhs lhs(RuleDescr rule) {
        return lhs(rule, false);
    }

    /** @param direct whether the forms only a {@link DirectRule} evaluates ({@code ||}, a sum of points) are taken */
    static Lhs lhs(RuleDescr rule, boolean direct) {
        Collected collected = new Collected(direct);
        if (!collect(rule.getLhs(), collected) || collected.binding == null) {
            return null;
        }
        for (String join : collected.joins) {
            if (!join.equals(collected.binding)) {
                return null;
            }
        }
        return new Lhs(collected.constraints, collected.anyOf, collected.required, collected.scores, collected.binding);
    }

    /** What {@link #collect} found so far. */
    private static final class Collected {
        final boolean direct;
        final List<Constraint> constraints = new ArrayList<>();
        final List<Constraint[]> anyOf = new ArrayList<>();
        final List<int[]> required = new ArrayList<>();
        final List<ScoreCheck> scores = new ArrayList<>();
        final List<String> joins = new ArrayList<>();
        boolean profile;
        String binding;

        Collected(boolean direct) {
            this.direct = direct;
        }
    }

    private static boolean collect(BaseDescr descr, Collected into) {
        if (descr instanceof AndDescr and) {
            for (BaseDescr child : and.getDescrs()) {
                if (!collect(child, into)) {
                    return false;
                }
            }
            return true;
        }
        if (!(descr instanceof PatternDescr pattern) || pattern.isQuery()) {
            return false;
        }
        if (pattern.getSource() != null) {
            return into.direct && pointsSum(pattern, into);
        }
        String type = pattern.getObjectType();
        type = type.substring(type.lastIndexOf('.') + 1);
        List<String> atoms = new ArrayList<>();
        for (BaseDescr constraint : pattern.getConstraint().getDescrs()) {
            if (!(constraint instanceof ExprConstraintDescr expr) || expr.getType() != ExprConstraintDescr.Type.NAMED) {
                return false;
            }
            String expression = expr.getExpression();
            if (expression.contains("||")) {
                if (!into.direct || !type.equals("CustomerProfile") || !anyOf(expression, into)) {
                    return false;
                }
                continue;
            }
            for (String part : expression.split("&&")) {
                atoms.add(part.replaceAll("[()]", " ").trim().replaceAll("\\s+", " "));
            }
        }
        if (type.equals("CustomerProfile")) {
            if (into.profile) {
                return false; // a second profile pattern: a join the engine does not evaluate
            }
            into.profile = true;
            into.binding = pattern.getIdentifier();
            for (String atom : atoms) {
                Constraint constraint = constraint(atom);
                if (constraint == null) {
                    return false;
                }
                into.constraints.add(constraint);
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
        into.joins.add(join.group(1));
        into.required.add(new int[] {kind.slot, ordinal});
        return true;
    }

    /** {@code a <= 60 || b >= 1} (without {@code &&}; in parentheses or not) as one group of comparisons. */
    private static boolean anyOf(String expression, Collected into) {
        String text = expression.trim();
        if (text.startsWith("(") && text.endsWith(")")) {
            text = text.substring(1, text.length() - 1);
        }
        if (text.contains("&&") || text.contains("(") || text.contains(")")) {
            return false;
        }
        String[] parts = text.split("\\|\\|");
        Constraint[] group = new Constraint[parts.length];
        for (int i = 0; i < parts.length; i++) {
            group[i] = constraint(parts[i].trim().replaceAll("\\s+", " "));
            if (group[i] == null) {
                return false;
            }
        }
        into.anyOf.add(group);
        return true;
    }

    /** The sum of a customer's points of one card compared with a number (see {@link ScoreCheck}); false for anything else. */
    private static boolean pointsSum(PatternDescr pattern, Collected into) {
        if (!(pattern.getSource() instanceof org.drools.drl.ast.descr.AccumulateDescr accumulate)
                || pattern.getIdentifier() != null || !pattern.getObjectType().equals("Number")
                || pattern.getConstraint().getDescrs().size() != 1
                || !(pattern.getConstraint().getDescrs().get(0) instanceof ExprConstraintDescr check)
                || !accumulate.isSinglePattern() || accumulate.getFunctions().size() != 1
                || accumulate.getInputPattern() == null) {
            return false;
        }
        PatternDescr input = accumulate.getInputPattern();
        Matcher sum = SUM_CHECK.matcher(check.getExpression().trim());
        var function = accumulate.getFunctions().get(0);
        if (!sum.matches() || !function.getFunction().equals("sum") || function.getBind() != null
                || function.getParams().length != 1 || input.getSource() != null || input.getIdentifier() != null
                || !input.getObjectType().equals("ScorePoints") || input.getConstraint().getDescrs().size() != 3) {
            return false;
        }
        String joined = null;
        String card = null;
        String points = null;
        for (BaseDescr constraint : input.getConstraint().getDescrs()) {
            if (!(constraint instanceof ExprConstraintDescr expr) || expr.getType() != ExprConstraintDescr.Type.NAMED) {
                return false;
            }
            String atom = expr.getExpression().trim();
            Matcher m;
            if ((m = JOIN.matcher(atom)).matches()) {
                joined = m.group(1);
            } else if ((m = CARD_ATOM.matcher(atom)).matches()) {
                card = m.group(1);
            } else if ((m = POINTS_BINDING.matcher(atom)).matches()) {
                points = m.group(1);
            } else {
                return false;
            }
        }
        io.decisioning.rules.Scorecard scorecard = null;
        for (io.decisioning.rules.Scorecard c : io.decisioning.rules.Scorecard.values()) {
            if (c.name().equals(card)) {
                scorecard = c;
            }
        }
        if (joined == null || scorecard == null || !function.getParams()[0].trim().equals(points)) {
            return false;
        }
        into.joins.add(joined);
        into.scores.add(new ScoreCheck(scorecard, Operator.of(sum.group(1)), Long.parseLong(sum.group(2))));
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
        Number now = failing.feature().valueOf(profile);
        NearMiss miss = new NearMiss(pack, version, rule, outcome, Sentence.lazy(
                prefix + failing.text() + " (now " + ProfileFeature.format(now) + ")",
                () -> "若" + failing.textZh() + "（现为 " + failing.feature().textZh(now) + "），" + outcomeZh, true));
        if (key >= 0 && key < CACHE) {
            cache[key] = miss;
        }
        return miss;
    }
}
