package io.decisioning.rules.engine;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One comparison of a numeric {@code CustomerProfile} field as rules and tables write it:
 * {@code claims12m >= 3}, {@code lossRatio3y != null}, {@code premiumRankPct < $2} (in a decision
 * table's code, {@code $param} or {@code $1}, {@code $2}, ... stand for the values of a row's cell).
 * The one parser of such an atom: near misses ({@link RuleConditions}), reasons ({@link ReasonTemplate})
 * and the lint ({@link TableCondition}) all read constraints with it, each keeping what it can use.
 *
 * @param operand the number as written, without a Java suffix ({@code 3} of {@code 3L}); {@code null};
 *                or a placeholder {@code $param}, {@code $1}, {@code $2}, ...
 */
record ProfileConstraint(ProfileFeature feature, Operator operator, String operand) {

    /** A comparison operator, and what it means. */
    enum Operator {
        GE(">="), GT(">"), LE("<="), LT("<"), EQ("=="), NE("!=");

        final String symbol;

        Operator(String symbol) {
            this.symbol = symbol;
        }

        static Operator of(String symbol) {
            for (Operator operator : values()) {
                if (operator.symbol.equals(symbol)) {
                    return operator;
                }
            }
            throw new IllegalArgumentException("not an operator: " + symbol);
        }

        /** Whether it holds for a value that compares to the operand as {@code comparison} (negative, 0, positive). */
        boolean holds(int comparison) {
            return switch (this) {
                case GE -> comparison >= 0;
                case GT -> comparison > 0;
                case LE -> comparison <= 0;
                case LT -> comparison < 0;
                case EQ -> comparison == 0;
                case NE -> comparison != 0;
            };
        }

        /** Whether {@code value op operand} holds in Java: with NaN only {@code !=} does. */
        boolean holds(double value, double operand) {
            return switch (this) {
                case GE -> value >= operand;
                case GT -> value > operand;
                case LE -> value <= operand;
                case LT -> value < operand;
                case EQ -> value == operand;
                case NE -> value != operand;
            };
        }
    }

    /** The operators as a regular expression, longest first: {@code >=|<=|==|!=|>|<}. */
    static final String OPERATORS = ">=|<=|==|!=|>|<";
    private static final Pattern ATOM = Pattern.compile(
            "(\\w+)\\s*(" + OPERATORS + ")\\s*(?:(-?\\d+(?:\\.\\d+)?)[dDlL]?|(null|\\$param|\\$\\d+))");

    ProfileConstraint {
        Objects.requireNonNull(feature, "feature");
        Objects.requireNonNull(operator, "operator");
        Objects.requireNonNull(operand, "operand");
    }

    /**
     * The constraint an atom writes, surrounding blanks ignored; throws saying why when it is not a
     * comparison of a numeric profile field with a number, null or a placeholder.
     */
    static ProfileConstraint parse(String atom) {
        String text = atom.trim();
        Matcher matcher = ATOM.matcher(text);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a comparison of a field with a number");
        }
        ProfileFeature feature = ProfileFeature.byField(matcher.group(1));
        if (feature == null) {
            throw new IllegalArgumentException(matcher.group(1) + " is not a numeric field of CustomerProfile");
        }
        String operand = matcher.group(3) != null ? matcher.group(3) : matcher.group(4);
        if (operand.equals("$0")) {
            throw new IllegalArgumentException("'" + text + "' uses $0; a cell's values are $1, $2, ...");
        }
        Operator operator = Operator.of(matcher.group(2));
        if (operand.equals("null") && operator != Operator.EQ && operator != Operator.NE) {
            throw new IllegalArgumentException("'" + text + "' compares with null");
        }
        return new ProfileConstraint(feature, operator, operand);
    }

    /**
     * The constraint a rule's atom writes with a number or null, or null when it is anything else
     * (another fact's field, a method call, a placeholder): what reasons and near misses can evaluate.
     */
    static ProfileConstraint ofRule(String atom) {
        try {
            ProfileConstraint constraint = parse(atom);
            return constraint.placeholder() ? null : constraint;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Whether it checks for null: {@code lossRatio3y == null}, {@code lossRatio3y != null}. */
    boolean nullCheck() {
        return operand.equals("null");
    }

    /** Whether the operand is a cell's value: {@code $param}, {@code $1}, ... */
    boolean placeholder() {
        return operand.startsWith("$");
    }

    /** The cell value the operand stands for: 1 for {@code $param}, {@code $1}, n for {@code $n}; else 0. */
    int parameter() {
        if (!placeholder()) {
            return 0;
        }
        return operand.equals("$param") ? 1 : Integer.parseInt(operand.substring(1));
    }

    /** Whether the operand is {@code $1}, {@code $2}, ... (a cell of several values) rather than {@code $param}. */
    boolean numbered() {
        return placeholder() && !operand.equals("$param");
    }

    /** The number it compares with. */
    double number() {
        return Double.parseDouble(operand);
    }

    /** "claims12m >= 3", "lossRatio3y != null", as written (without a number's suffix). */
    String text() {
        return feature.field + " " + operator.symbol + " " + operand;
    }
}
