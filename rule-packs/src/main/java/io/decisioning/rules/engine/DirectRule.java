package io.decisioning.rules.engine;

import io.decisioning.rules.CustomerProfile;
import io.decisioning.rules.Decision;
import io.decisioning.rules.DecisionMade;
import io.decisioning.rules.Entitlement;
import io.decisioning.rules.EntitlementGranted;
import io.decisioning.rules.Grade;
import io.decisioning.rules.GradeAssigned;
import io.decisioning.rules.ScorePoints;
import io.decisioning.rules.Scorecard;
import io.decisioning.rules.Severity;
import io.decisioning.rules.Tier;
import io.decisioning.rules.TierAssigned;
import io.decisioning.rules.WarningRaised;
import io.decisioning.rules.WarningType;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.drools.drl.ast.descr.AttributeDescr;
import org.drools.drl.ast.descr.RuleDescr;

/**
 * A rule the engine fires itself, without a Drools session: the row of a decision table (or a rule written like
 * one) whose conditions are comparisons of the customer's figures with numbers (joined by commas, {@code &&} or,
 * within one constraint, {@code ||}), perhaps the grade, tier or decision an earlier pack kept and the sum of the
 * customer's points of a scorecard ({@code Number(intValue >= 70) from accumulate(ScorePoints(customerNo ==
 * $p.customerNo, card == Scorecard.CHURN, $v : points), sum($v))}), and whose action inserts one outcome of
 * constant values:
 * <pre>
 * $p : CustomerProfile(maxDaysOverdue >= 1, maxDaysOverdue <= 60), TierAssigned(customerNo == $p.customerNo, tier == Tier.GOLD)
 *   insert(new WarningRaised($p.customerNo(), WarningType.PREMIUM_OVERDUE, Severity.MEDIUM));
 * </pre>
 * Most rows of the shipped packs are such rules. Inserting every customer's profile into a session so that Drools
 * matches them costs more than the comparisons themselves (BENCHMARKS.md section 9); the engine evaluates them with
 * {@link RuleConditions}' comparisons, which follow a rule's: an unknown value (a null figure, NaN) meets only
 * {@code !=}. Whether a pack may fire its direct rules so, and in which order their outcomes join those of its
 * other rules, is the pack's to tell ({@link CompiledPack}); an evaluation is the same either way
 * ({@code DirectRulesTests}). Immutable and shared by all threads.
 *
 * <p>Only rules with no attribute but {@code salience} qualify (no agenda group, no {@code enabled}, dates or loop
 * control), with exactly one statement in their action.
 */
final class DirectRule {

    private static final String KINDS = "ScorePoints|WarningRaised|GradeAssigned|TierAssigned|DecisionMade|EntitlementGranted";
    /** {@code insert(new T($p.customerNo(), arguments));} and nothing else, blanks aside. */
    private static final Pattern ACTION = Pattern.compile(
            "\\s*insert\\s*\\(\\s*new\\s+(?:io\\.decisioning\\.rules\\.)?(" + KINDS + ")\\s*\\(\\s*(\\$?\\w+)\\s*\\.\\s*"
                    + "(?:customerNo|getCustomerNo)\\s*\\(\\s*\\)\\s*,\\s*(.*?)\\s*\\)\\s*\\)\\s*;?\\s*", Pattern.DOTALL);
    private static final Pattern CONSTANT = Pattern.compile("(?:io\\.decisioning\\.rules\\.)?(\\w+)\\.([A-Z][A-Z0-9_]*)");
    private static final Pattern POINTS = Pattern.compile("[+-]?\\d{1,9}");

    private final RuleConditions.Constraint[] constraints;
    /** Groups of comparisons joined by {@code ||}: each holds when one of its comparisons does. */
    private final RuleConditions.Constraint[][] anyOf;
    /** Thresholds on the sum of the customer's points of a card. */
    private final RuleConditions.ScoreCheck[] scores;
    /** Slot and ordinal pairs: the customer's grade, tier or decision the rule requires (see {@link RuleConditions#onlyFailing}). */
    private final int[] required;
    final OutcomeKind kind;
    /** The outcome's constants: the grade, tier or decision; the warning type and severity; the scorecard; the service. */
    private final Enum<?> first;
    private final Enum<?> second;
    private final int points;

    private DirectRule(RuleConditions.Lhs lhs, OutcomeKind kind, Enum<?> first, Enum<?> second, int points) {
        this.constraints = lhs.constraints().toArray(RuleConditions.Constraint[]::new);
        this.anyOf = lhs.anyOf().toArray(RuleConditions.Constraint[][]::new);
        this.scores = lhs.scores().toArray(RuleConditions.ScoreCheck[]::new);
        this.required = new int[2 * lhs.required().size()];
        for (int i = 0; i < lhs.required().size(); i++) {
            this.required[2 * i] = lhs.required().get(i)[0];
            this.required[2 * i + 1] = lhs.required().get(i)[1];
        }
        this.kind = kind;
        this.first = first;
        this.second = second;
        this.points = points;
    }

    /** The rule as a direct rule, or null when it is not one (see the class comment). */
    static DirectRule of(RuleDescr rule) {
        for (Map.Entry<String, AttributeDescr> attribute : rule.getAttributes().entrySet()) {
            if (!attribute.getKey().equals("salience")) {
                return null;
            }
        }
        if (!(rule.getConsequence() instanceof String action)) {
            return null;
        }
        Matcher insert = ACTION.matcher(action);
        if (!insert.matches()) {
            return null;
        }
        RuleConditions.Lhs lhs = RuleConditions.lhs(rule, true);
        if (lhs == null || !insert.group(2).equals(lhs.binding())) {
            return null;
        }
        OutcomeKind kind = OutcomeKind.byTypeName(insert.group(1));
        String[] arguments = insert.group(3).split("\\s*,\\s*", -1);
        return switch (kind) {
            case SCORE -> arguments.length == 2 && POINTS.matcher(arguments[1]).matches()
                    ? direct(lhs, kind, constant(Scorecard.class, arguments[0]), null, Integer.parseInt(arguments[1]))
                    : null;
            case WARNING -> arguments.length == 2
                    ? direct(lhs, kind, constant(WarningType.class, arguments[0]), constant(Severity.class, arguments[1]), 0)
                    : null;
            case GRADE -> arguments.length == 1 ? direct(lhs, kind, constant(Grade.class, arguments[0]), null, 0) : null;
            case TIER -> arguments.length == 1 ? direct(lhs, kind, constant(Tier.class, arguments[0]), null, 0) : null;
            case DECISION -> arguments.length == 1 ? direct(lhs, kind, constant(Decision.class, arguments[0]), null, 0) : null;
            case ENTITLEMENT -> arguments.length == 1
                    ? direct(lhs, kind, constant(Entitlement.class, arguments[0]), null, 0) : null;
            // about one complaint, a fact of its own: never a rule of the customer's figures alone
            case TIME_LIMIT, COMPLAINT_STATE -> null;
        };
    }

    private static DirectRule direct(RuleConditions.Lhs lhs, OutcomeKind kind, Enum<?> first, Enum<?> second, int points) {
        if (first == null || kind == OutcomeKind.WARNING && second == null) {
            return null;
        }
        return new DirectRule(lhs, kind, first, second, points);
    }

    /** The constant {@code Severity.HIGH} names, or null when the text is not a constant of that enum. */
    private static <E extends Enum<E>> E constant(Class<E> type, String text) {
        Matcher matcher = CONSTANT.matcher(text);
        if (!matcher.matches() || !matcher.group(1).equals(type.getSimpleName())) {
            return null;
        }
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(matcher.group(2))) {
                return constant;
            }
        }
        return null;
    }

    /** The grade, tier and decision kinds whose outcome the rule requires (bits by slot). */
    int requiredSlots() {
        int slots = 0;
        for (int i = 0; i < required.length; i += 2) {
            slots |= 1 << required[i];
        }
        return slots;
    }

    /** The scorecards whose sum of points the rule compares. */
    Set<Scorecard> cardsSummed() {
        Set<Scorecard> cards = EnumSet.noneOf(Scorecard.class);
        for (RuleConditions.ScoreCheck score : scores) {
            cards.add(score.card());
        }
        return cards;
    }

    /**
     * Whether the rule holds for the customer.
     *
     * @param kept     the ordinals of the grade, tier and decision the earlier packs kept, a byte each, 0xFF for
     *                 none (see {@link RuleConditions#onlyFailing})
     * @param customer the outcomes so far, for the sums of points
     */
    boolean holds(CustomerProfile profile, int kept, CustomerOutcomes customer) {
        for (int i = 0; i < required.length; i += 2) {
            if ((kept >>> 8 * required[i] & 0xFF) != required[i + 1]) {
                return false;
            }
        }
        for (RuleConditions.Constraint constraint : constraints) {
            if (!constraint.holds(profile)) {
                return false;
            }
        }
        for (RuleConditions.Constraint[] group : anyOf) {
            boolean any = false;
            for (RuleConditions.Constraint constraint : group) {
                if (constraint.holds(profile)) {
                    any = true;
                    break;
                }
            }
            if (!any) {
                return false;
            }
        }
        for (RuleConditions.ScoreCheck score : scores) {
            if (!score.holds(customer.points(score.card()))) {
                return false;
            }
        }
        return true;
    }

    /** The outcome the rule's action inserts for this customer. */
    Object outcome(String customerNo) {
        return switch (kind) {
            case SCORE -> new ScorePoints(customerNo, (Scorecard) first, points);
            case WARNING -> new WarningRaised(customerNo, (WarningType) first, (Severity) second);
            case GRADE -> new GradeAssigned(customerNo, (Grade) first);
            case TIER -> new TierAssigned(customerNo, (Tier) first);
            case DECISION -> new DecisionMade(customerNo, (Decision) first);
            case ENTITLEMENT -> new EntitlementGranted(customerNo, (Entitlement) first);
            case TIME_LIMIT, COMPLAINT_STATE -> throw new IllegalStateException("a complaint's outcome is never direct");
        };
    }

    /** The type of the outcome, and for points its card, as {@link FactsRead} names what rules read. */
    Class<?> type() {
        return kind.type;
    }

    /** The scorecard of points, else null. */
    Scorecard card() {
        return kind == OutcomeKind.SCORE ? (Scorecard) first : null;
    }

    @Override
    public String toString() {
        return "DirectRule" + List.of(constraints.length, kind, first);
    }
}
