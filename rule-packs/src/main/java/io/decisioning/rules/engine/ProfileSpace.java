package io.decisioning.rules.engine;

import io.decisioning.rules.engine.ProfileConstraint.Operator;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The customers a decision table talks about, as a finite grid. Each numeric {@code CustomerProfile}
 * field the table compares is cut at every threshold the table uses into pieces ("atoms": a single
 * value, the values between two thresholds, or null), so that each comparison holds for the whole of
 * an atom or for none of it. A row is then a {@link Box} (a set of atoms per field) and questions
 * such as "do these rows together cover that one" have exact answers.
 *
 * <p>Domains: counts and years are whole numbers from 0; amounts and the loss ratio from 0; premium
 * share and rank from 0 to 100; the loss ratio may also be null (no premium in 3 years), for which
 * every comparison is false and only {@code != null} / {@code == null} decide.
 */
final class ProfileSpace {

    /** A comparison of a profile field with a number, or with null ({@code == null}, {@code != null}). */
    record Comparison(ProfileFeature feature, Operator operator, BigDecimal value) {

        Comparison {
            Objects.requireNonNull(feature, "feature");
            Objects.requireNonNull(operator, "operator");
            if (value == null && operator != Operator.EQ && operator != Operator.NE) {
                throw new IllegalArgumentException("only == and != compare with null");
            }
        }

        boolean holds(BigDecimal v) {
            if (value == null) {
                return (operator == Operator.EQ) == (v == null);
            }
            if (v == null) {
                return operator == Operator.NE;
            }
            return operator.holds(v.compareTo(value));
        }
    }

    /** Values from {@code lo} to {@code hi} (null: no upper bound), each end open or closed; or the null value. */
    record Atom(BigDecimal lo, boolean loClosed, BigDecimal hi, boolean hiClosed, boolean isNull) {

        static final Atom NULL = new Atom(null, false, null, false, true);

        /** A value inside the atom: the atom's top for a whole-number range, the middle of an open range. */
        BigDecimal example(boolean whole) {
            if (isNull) {
                return null;
            }
            if (whole) {
                return hi == null ? lo : hi;
            }
            if (loClosed) {
                return lo;
            }
            return hi == null ? lo.add(BigDecimal.ONE) : lo.add(hi).divide(BigDecimal.valueOf(2), 10, RoundingMode.HALF_UP);
        }
    }

    /** One field and its atoms (the null atom, if any, last). */
    record Field(ProfileFeature feature, List<Atom> atoms) {

        String name() {
            return feature.field;
        }

        int valueAtoms() {
            return atoms.get(atoms.size() - 1).isNull() ? atoms.size() - 1 : atoms.size();
        }
    }

    /** A set of customers: for each field of the space, the atoms it allows. Immutable. */
    static final class Box {
        private final BitSet[] sets;

        private Box(BitSet[] sets) {
            this.sets = sets;
        }

        boolean isEmpty() {
            for (BitSet set : sets) {
                if (set.isEmpty()) {
                    return true;
                }
            }
            return false;
        }

        boolean intersects(Box other) {
            for (int i = 0; i < sets.length; i++) {
                if (!sets[i].intersects(other.sets[i])) {
                    return false;
                }
            }
            return true;
        }

        Box intersection(Box other) {
            BitSet[] result = new BitSet[sets.length];
            for (int i = 0; i < sets.length; i++) {
                result[i] = (BitSet) sets[i].clone();
                result[i].and(other.sets[i]);
            }
            return new Box(result);
        }

        boolean contains(Box other) {
            for (int i = 0; i < sets.length; i++) {
                BitSet outside = (BitSet) other.sets[i].clone();
                outside.andNot(sets[i]);
                if (!outside.isEmpty()) {
                    return false;
                }
            }
            return true;
        }
    }

    /** Thrown when the exact coverage check would take too long (very large tables). */
    static final class TooComplex extends RuntimeException {
        TooComplex() {
            super("too many rows and fields to check exactly", null, false, false);
        }
    }

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    private static final int BUDGET = 200_000;

    private final List<Field> fields;
    private final Map<ProfileFeature, Integer> index = new EnumMap<>(ProfileFeature.class);

    private ProfileSpace(List<Field> fields) {
        this.fields = fields;
        for (int i = 0; i < fields.size(); i++) {
            index.put(fields.get(i).feature(), i);
        }
    }

    /** The space of the fields these comparisons name (in the order they first appear), cut at their thresholds. */
    static ProfileSpace of(Collection<Comparison> comparisons) {
        Map<ProfileFeature, TreeSet<BigDecimal>> cuts = new LinkedHashMap<>();
        for (Comparison comparison : comparisons) {
            TreeSet<BigDecimal> values = cuts.computeIfAbsent(comparison.feature(), f -> new TreeSet<>());
            if (comparison.value() != null) {
                values.add(comparison.value());
            }
        }
        List<Field> fields = new ArrayList<>();
        cuts.forEach((feature, values) -> fields.add(new Field(feature, atoms(feature, values))));
        return new ProfileSpace(fields);
    }

    private static List<Atom> atoms(ProfileFeature feature, TreeSet<BigDecimal> thresholds) {
        BigDecimal max = max(feature);
        List<Atom> atoms = new ArrayList<>();
        if (feature.whole()) {
            // whole numbers: [k0, k1 - 1], [k1, k2 - 1], ..., [kn, no limit] with a k at each threshold
            TreeSet<BigDecimal> cuts = new TreeSet<>();
            BigDecimal min = feature.min();
            cuts.add(min);
            for (BigDecimal t : thresholds) {
                cuts.add(t.setScale(0, RoundingMode.CEILING));
                cuts.add(t.setScale(0, RoundingMode.FLOOR).add(BigDecimal.ONE));
            }
            List<BigDecimal> ks = cuts.stream().filter(k -> k.compareTo(min) >= 0).map(BigDecimal::stripTrailingZeros).toList();
            for (int i = 0; i < ks.size(); i++) {
                atoms.add(new Atom(ks.get(i), true, i + 1 < ks.size() ? ks.get(i + 1).subtract(BigDecimal.ONE) : null,
                        i + 1 < ks.size(), false));
            }
        } else {
            TreeSet<BigDecimal> cuts = new TreeSet<>();
            BigDecimal min = feature.min();
            cuts.add(min);
            thresholds.stream().filter(t -> t.compareTo(min) >= 0 && (max == null || t.compareTo(max) <= 0)).forEach(cuts::add);
            if (max != null) {
                cuts.add(max);
            }
            List<BigDecimal> cs = new ArrayList<>(cuts);
            for (int i = 0; i < cs.size(); i++) {
                atoms.add(new Atom(cs.get(i), true, cs.get(i), true, false));
                if (i + 1 < cs.size()) {
                    atoms.add(new Atom(cs.get(i), false, cs.get(i + 1), false, false));
                } else if (max == null) {
                    atoms.add(new Atom(cs.get(i), false, null, false, false));
                }
            }
        }
        if (feature.nullable()) {
            atoms.add(Atom.NULL);
        }
        return atoms;
    }

    private static BigDecimal max(ProfileFeature feature) {
        return feature == ProfileFeature.PREMIUM_SHARE_PCT || feature == ProfileFeature.PREMIUM_RANK_PCT ? HUNDRED : null;
    }

    List<Field> fields() {
        return fields;
    }

    /** Every customer. */
    Box all() {
        BitSet[] sets = new BitSet[fields.size()];
        for (int i = 0; i < sets.length; i++) {
            sets[i] = new BitSet();
            sets[i].set(0, fields.get(i).atoms().size());
        }
        return new Box(sets);
    }

    /** Every customer whose given fields are not null. */
    Box known(Collection<ProfileFeature> features) {
        Box box = all();
        for (ProfileFeature feature : features) {
            Integer f = index.get(feature);
            if (f != null) {
                box.sets[f].clear(fields.get(f).valueAtoms(), fields.get(f).atoms().size());
            }
        }
        return box;
    }

    /** The customers for whom all these comparisons hold. */
    Box box(Collection<Comparison> comparisons) {
        Box box = all();
        for (Comparison comparison : comparisons) {
            int f = index.get(comparison.feature());
            Field field = fields.get(f);
            for (int a = 0; a < field.atoms().size(); a++) {
                if (!comparison.holds(field.atoms().get(a).example(field.feature().whole()))) {
                    box.sets[f].clear(a);
                }
            }
        }
        return box;
    }

    /** The fields a box does not leave open (it excludes some of their values). */
    List<ProfileFeature> constrained(Box box) {
        List<ProfileFeature> constrained = new ArrayList<>();
        for (int i = 0; i < fields.size(); i++) {
            if (box.sets[i].cardinality() < fields.get(i).atoms().size()) {
                constrained.add(fields.get(i).feature());
            }
        }
        return constrained;
    }

    /** A part of {@code box} that none of {@code covers} contains, or null when together they cover it. */
    Box uncovered(Box box, List<Box> covers) {
        return uncovered(box, covers, 0, new int[] {BUDGET});
    }

    private Box uncovered(Box box, List<Box> covers, int from, int[] budget) {
        if (--budget[0] < 0) {
            throw new TooComplex();
        }
        if (box.isEmpty()) {
            return null;
        }
        int c = from;
        while (c < covers.size() && !covers.get(c).intersects(box)) {
            c++;
        }
        if (c == covers.size()) {
            return box;
        }
        Box cover = covers.get(c);
        // box minus cover, as disjoint pieces: for field i, the values outside the cover, with the
        // fields before i already narrowed to the cover
        BitSet[] rest = box.sets.clone();
        for (int i = 0; i < rest.length; i++) {
            BitSet outside = (BitSet) rest[i].clone();
            outside.andNot(cover.sets[i]);
            if (!outside.isEmpty()) {
                BitSet[] piece = rest.clone();
                piece[i] = outside;
                Box found = uncovered(new Box(piece), covers, c + 1, budget);
                if (found != null) {
                    return found;
                }
            }
            BitSet inside = (BitSet) rest[i].clone();
            inside.and(cover.sets[i]);
            rest[i] = inside;
        }
        return null;
    }

    /** "claims12m <= 2 and (lossRatio3y < 0.8 or lossRatio3y is null)"; "every customer" for an open box. */
    String describe(Box box) {
        return describe(box, false);
    }

    /** As {@link #describe(Box)}, in Chinese when asked: "claims12m <= 2 且 (lossRatio3y < 0.8 或 lossRatio3y 为空)". */
    String describe(Box box, boolean chinese) {
        List<List<String>> parts = new ArrayList<>();
        for (int i = 0; i < fields.size(); i++) {
            Field field = fields.get(i);
            BitSet set = box.sets[i];
            if (set.cardinality() == field.atoms().size()) {
                continue;
            }
            List<String> runs = new ArrayList<>();
            int last = field.valueAtoms() - 1;
            for (int a = set.nextSetBit(0); a >= 0 && a <= last; a = set.nextSetBit(a + 1)) {
                int end = a;
                while (end + 1 <= last && set.get(end + 1)) {
                    end++;
                }
                runs.add(run(field, a, end, last, chinese));
                a = end;
            }
            if (field.valueAtoms() < field.atoms().size() && set.get(field.atoms().size() - 1)) {
                runs.add(field.name() + (chinese ? " 为空" : " is null"));
            }
            parts.add(runs);
        }
        if (parts.isEmpty()) {
            return chinese ? "所有客户" : "every customer";
        }
        String or = chinese ? " 或 " : " or ";
        if (parts.size() == 1) {
            return String.join(or, parts.get(0));
        }
        return parts.stream().map(runs -> runs.size() > 1 ? "(" + String.join(or, runs) + ")" : runs.get(0))
                .collect(Collectors.joining(chinese ? " 且 " : " and "));
    }

    private static String run(Field field, int from, int to, int last, boolean chinese) {
        String name = field.name();
        Atom first = field.atoms().get(from);
        Atom end = field.atoms().get(to);
        boolean whole = field.feature().whole();
        if (first.loClosed() && end.hiClosed() && end.hi() != null && first.lo().compareTo(end.hi()) == 0) {
            return name + " = " + number(first.lo());
        }
        String lower = from == 0 ? null : (first.loClosed() ? number(first.lo()) + " <= " : number(first.lo()) + " < ");
        String upper = to == last ? null : whole ? " <= " + number(end.hi())
                : (end.hiClosed() ? " <= " : " < ") + number(end.hi());
        if (lower == null && upper == null) {
            return name + (chinese ? " 不为空" : " is not null");
        }
        if (lower == null) {
            return name + upper;
        }
        if (upper == null) {
            return name + " " + (first.loClosed() ? ">=" : ">") + " " + number(first.lo());
        }
        return lower + name + upper;
    }

    /** "claims12m = 2 and lossRatio3y = 0.4": one customer of the box, naming only the fields it constrains. */
    String example(Box box) {
        return example(box, false);
    }

    /** As {@link #example(Box)}, in Chinese when asked: "claims12m = 2 且 lossRatio3y = 0.4". */
    String example(Box box, boolean chinese) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < fields.size(); i++) {
            Field field = fields.get(i);
            BitSet set = box.sets[i];
            if (set.cardinality() == field.atoms().size()) {
                continue;
            }
            int chosen = set.nextSetBit(0);
            if (field.feature().whole()) {
                // next to a threshold: the top of the first run of values, or its bottom when it has no top
                int end = chosen;
                while (end + 1 < field.valueAtoms() && set.get(end + 1)) {
                    end++;
                }
                if (field.atoms().get(end).hi() != null) {
                    chosen = end;
                }
            } else {
                // an open range reads better than its end point: "0.4" rather than "0"
                for (int a = set.nextSetBit(0); a >= 0; a = set.nextSetBit(a + 1)) {
                    Atom atom = field.atoms().get(a);
                    if (!atom.isNull() && !atom.loClosed()) {
                        chosen = a;
                        break;
                    }
                }
            }
            BigDecimal value = field.atoms().get(chosen).example(field.feature().whole());
            parts.add(field.name() + " = " + (value == null ? (chinese ? "空" : "null") : number(value)));
        }
        return parts.isEmpty() ? (chinese ? "任一客户" : "any customer") : String.join(chinese ? " 且 " : " and ", parts);
    }

    static String number(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }
}
