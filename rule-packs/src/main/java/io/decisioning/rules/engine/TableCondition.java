package io.decisioning.rules.engine;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A decision table's CONDITION column understood as comparisons of numeric {@code CustomerProfile}
 * fields with the values of a cell: {@code $p : CustomerProfile(claims12m >= $param)} with the cell
 * {@code 3} is {@code claims12m >= 3}; {@code $p : CustomerProfile(tenureYears >= $1, lossRatio3y != null,
 * lossRatio3y <= $2)} with {@code 3, 0.1} is three comparisons. Anything else (strings, enums, other
 * fact types, {@code ||}, method calls) is not modelled: {@link #of} throws saying why.
 */
record TableCondition(List<ProfileConstraint> terms) {

    private static final Pattern PATTERN = Pattern.compile(
            "\\s*(?:\\$\\w+\\s*:\\s*)?(?:[\\w.]+\\.)?CustomerProfile\\s*\\((.*)\\)\\s*", Pattern.DOTALL);
    private static final Pattern ENDS_WITH_OPERATOR = Pattern.compile(".*(" + ProfileConstraint.OPERATORS + ")\\s*");
    private static final Pattern IDENTIFIER = Pattern.compile("\\w+");
    private static final Pattern NUMBERED = Pattern.compile("\\$(\\d+)");
    private static final Pattern BINDING = Pattern.compile("(\\$\\w+)\\s*:");

    /**
     * The column's model from its object-type cell (usually empty) and its code cell, as Drools
     * assembles them: with an object type {@code $p : CustomerProfile} the code holds the constraints,
     * and code ending in an operator ({@code claims12m >=}) or a bare field takes the cell as the value.
     */
    static TableCondition of(String objectType, String code) {
        String pattern = code;
        if (!objectType.isBlank()) {
            String constraints = code.trim();
            if (!constraints.contains("$") && ENDS_WITH_OPERATOR.matcher(constraints).matches()) {
                constraints = constraints + " $param";
            } else if (IDENTIFIER.matcher(constraints).matches()) {
                constraints = constraints + " == $param";
            }
            pattern = objectType + "(" + constraints + ")";
        }
        Matcher matcher = PATTERN.matcher(pattern);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("its code is not a CustomerProfile pattern");
        }
        String inside = matcher.group(1).trim();
        if (inside.contains("(") || inside.contains(")")) {
            throw new IllegalArgumentException("its code matches other facts besides CustomerProfile, or calls methods");
        }
        if (inside.contains("\"") || inside.contains("'")) {
            throw new IllegalArgumentException("it compares text");
        }
        if (inside.contains("|")) {
            throw new IllegalArgumentException("it has alternatives (||)");
        }
        List<ProfileConstraint> terms = new ArrayList<>();
        if (!inside.isEmpty()) {
            for (String part : inside.split(",|&&")) {
                terms.add(ProfileConstraint.parse(part));
            }
        }
        return new TableCondition(List.copyOf(terms));
    }

    /** How many values a cell of this code holds: 2 for {@code $1, $2}, 1 for {@code $param}, 0 for none. */
    static int parameters(String code) {
        int most = code.contains("$param") ? 1 : 0;
        Matcher numbered = NUMBERED.matcher(code);
        while (numbered.find()) {
            most = Math.max(most, Integer.parseInt(numbered.group(1)));
        }
        return most;
    }

    /** The cell's values as Drools splits them for {@code $1, $2, ...}: at commas, trimmed; missing ones are "". */
    static List<String> values(String cell, int parameters) {
        List<String> values = new ArrayList<>();
        for (String value : cell.split(",")) {
            values.add(value.trim());
        }
        while (values.size() < parameters) {
            values.add("");
        }
        return values;
    }

    /** The variables the code binds ({@code $p}), which actions may use. */
    static List<String> bindings(String code) {
        List<String> bindings = new ArrayList<>();
        Matcher binding = BINDING.matcher(code);
        while (binding.find()) {
            bindings.add(binding.group(1));
        }
        return bindings;
    }

    /** The comparisons a cell makes; throws when one of its values is not a number. */
    List<ProfileSpace.Comparison> comparisons(String cell) {
        int numbered = terms.stream().filter(ProfileConstraint::numbered)
                .mapToInt(ProfileConstraint::parameter).max().orElse(0);
        List<String> values = numbered > 0 ? values(cell, numbered) : List.of(cell.trim());
        List<ProfileSpace.Comparison> comparisons = new ArrayList<>();
        for (ProfileConstraint term : terms) {
            String value = term.placeholder() ? values.get(term.parameter() - 1) : term.operand();
            if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                value = value.substring(1, value.length() - 1).trim();
            }
            BigDecimal number;
            if (value.equals("null")) {
                number = null;
            } else {
                try {
                    number = new BigDecimal(value);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("'" + value + "' is not a number", e);
                }
            }
            if (number == null && term.operator() != ProfileConstraint.Operator.EQ
                    && term.operator() != ProfileConstraint.Operator.NE) {
                throw new IllegalArgumentException("null is compared with " + term.operator().symbol);
            }
            comparisons.add(new ProfileSpace.Comparison(term.feature(), term.operator(), number));
        }
        return comparisons;
    }
}
