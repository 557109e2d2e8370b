package io.decisioning.rules.engine;

import io.decisioning.rules.CustomerProfile;
import io.decisioning.rules.Scorecard;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.drools.drl.ast.descr.AndDescr;
import org.drools.drl.ast.descr.AnnotationDescr;
import org.drools.drl.ast.descr.BaseDescr;
import org.drools.drl.ast.descr.ExistsDescr;
import org.drools.drl.ast.descr.ExprConstraintDescr;
import org.drools.drl.ast.descr.OrDescr;
import org.drools.drl.ast.descr.PatternDescr;
import org.drools.drl.ast.descr.RuleDescr;

/**
 * How to say why a rule fired, prepared once when the pack compiles so that an evaluation only
 * formats the reasons of the rules that fired, in English and Chinese ({@link Sentence}).
 *
 * <p>The sentence comes from the rule's own constraints, so its thresholds cannot drift from the
 * rule's: every {@code feature op number} constraint on {@code CustomerProfile} that held is shown
 * with the customer's value ("5 claims in the last 12 months >= 3", "近12个月出险次数 5 >= 3"), and
 * constraints on outcomes such as {@code grade == Grade.POOR_QUALITY} read "grade POOR_QUALITY" ("等级 劣质客户").
 * A rule may say it better itself with {@code @reason("...")}, where {@code {claims12m}} stands for the customer's
 * value, in either language, and with {@code @reasonZh("...")} for its Chinese (a rule with only one of them reads
 * the same in both languages).
 *
 * @param keyFeature       for an explicit sentence whose placeholders all name one whole-number field, that field: its
 *                         value tells the sentences apart ({@link #cacheKey}); null otherwise
 * @param pieces           the explicit sentence cut at its placeholders, so that filling it in is appending pieces
 * @param piecesZh         its Chinese, cut the same way
 * @param zhFollowsEnglish whether every figure the Chinese names, the English names too (then the English tells when
 *                         the Chinese changes: {@link Sentence#followsEnglish})
 */
record ReasonTemplate(String explicit, String explicitZh, List<Atom> atoms, List<Outcome> statics, String fallback,
                      ProfileFeature keyFeature, List<Piece> pieces, List<Piece> piecesZh, boolean zhFollowsEnglish) {

    /**
     * @param explicit   the rule's own sentence ({@code @reason}, else its {@code @reasonZh}); null for none
     * @param explicitZh its Chinese ({@code @reasonZh}, else its {@code @reason}); null for none
     */
    ReasonTemplate(String explicit, String explicitZh, List<Atom> atoms, List<Outcome> statics, String fallback) {
        this(explicit, explicitZh, atoms, statics, fallback, keyFeature(explicit, explicitZh), pieces(explicit),
                pieces(explicitZh), explicit == null || names(explicit).containsAll(names(explicitZh)));
    }

    /**
     * Text as written, or the customer's value of the field a placeholder names: a numeric feature, or (with
     * {@code status}) {@code {managerStatus}}, the one field of text a reason may name.
     */
    record Piece(String text, ProfileFeature feature, boolean status) {

        Piece(String text, ProfileFeature feature) {
            this(text, feature, false);
        }
    }

    /** A required outcome of an earlier stage, {@code grade == Grade.POOR_QUALITY}: "grade POOR_QUALITY", "等级 劣质客户". */
    record Outcome(String field, String value) {

        String en() {
            return field + " " + value;
        }

        String zh() {
            return Chinese.field(field) + " " + Chinese.label(field, value);
        }
    }

    /** The placeholder of the customer's account-manager status (DESIGN.md section 12): "LEFT", "UNKNOWN", ... */
    static final String MANAGER_STATUS = "managerStatus";

    private static List<Piece> pieces(String explicit) {
        if (explicit == null) {
            return List.of();
        }
        List<Piece> pieces = new ArrayList<>();
        Matcher matcher = PLACEHOLDER.matcher(explicit);
        int from = 0;
        while (matcher.find()) {
            ProfileFeature feature = ProfileFeature.byField(matcher.group(1));
            boolean status = matcher.group(1).equals(MANAGER_STATUS);
            if (feature != null || status) {
                if (matcher.start() > from) {
                    pieces.add(new Piece(explicit.substring(from, matcher.start()), null));
                }
                pieces.add(new Piece(matcher.group(), feature, status));
                from = matcher.end();
            }
        }
        if (from < explicit.length()) {
            pieces.add(new Piece(explicit.substring(from), null));
        }
        return List.copyOf(pieces);
    }

    private static ProfileFeature keyFeature(String explicit, String explicitZh) {
        if (explicit == null) {
            return null;
        }
        ProfileFeature only = null;
        Matcher matcher = PLACEHOLDER.matcher(explicit + " " + explicitZh);
        while (matcher.find()) {
            ProfileFeature feature = ProfileFeature.byField(matcher.group(1));
            if (feature == null || !feature.whole() || feature.nullable() || only != null && only != feature) {
                return null;
            }
            only = feature;
        }
        return only;
    }

    private static final Pattern ENUM_ATOM = Pattern.compile("^([A-Za-z_]\\w*)\\s*==\\s*(?:\\w+\\.)*([A-Z][A-Z0-9_]*)$");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\w+)}");
    private static final Pattern RULE_ID = Pattern.compile("^[A-Z]{2,4}-\\d{2,4}\\s+");

    /** One {@code feature op threshold} constraint of a rule. */
    record Atom(ProfileConstraint constraint, double threshold) {

        Atom(ProfileConstraint constraint) {
            this(constraint, constraint.number());
        }

        ProfileFeature feature() {
            return constraint.feature();
        }

        /** Whether it held; never for an unknown value (a comparison with null is false). */
        boolean holds(CustomerProfile profile) {
            Number value = feature().valueOf(profile);
            return value != null && constraint.operator().holds(value.doubleValue(), threshold);
        }
    }

    /**
     * A small number that tells apart every sentence this template can write, so that a sentence
     * can be kept and reused: 0 when the sentence is always the same, the value of the one
     * whole-number field it names (0-63), or -1 when it depends on more.
     */
    int cacheKey(CustomerProfile profile) {
        if (explicit != null) {
            if (explicit.indexOf('{') < 0 && explicitZh.indexOf('{') < 0) {
                return 0;
            }
            if (keyFeature == null) {
                return -1;
            }
            Number value = keyFeature.valueOf(profile);
            return value != null && value.intValue() >= 0 && value.intValue() < 64 ? value.intValue() : -1;
        }
        if (atoms.isEmpty()) {
            return 0;
        }
        ProfileFeature feature = atoms.get(0).feature();
        if (!feature.whole()) {
            return -1;
        }
        for (int i = 1; i < atoms.size(); i++) {
            if (atoms.get(i).feature() != feature) {
                return -1;
            }
        }
        int value = feature.valueOf(profile).intValue();
        return value < 64 ? value : -1;
    }

    static ReasonTemplate of(RuleDescr rule) {
        String written = annotation(rule, "reason");
        String writtenZh = annotation(rule, "reasonZh");
        List<Atom> atoms = new ArrayList<>();
        List<Outcome> statics = new ArrayList<>();
        collect(rule.getLhs(), false, atoms, statics);
        String fallback = RULE_ID.matcher(rule.getName()).replaceFirst("");
        return new ReasonTemplate(written != null ? written : writtenZh, writtenZh != null ? writtenZh : written,
                List.copyOf(atoms), List.copyOf(statics), fallback);
    }

    private static String annotation(RuleDescr rule, String name) {
        AnnotationDescr annotation = rule.getAnnotation(name);
        return annotation == null ? null : String.valueOf(annotation.getSingleValueStripped());
    }

    /** Walks the positive parts of a rule's conditions; what is under {@code not} did not hold. */
    private static void collect(BaseDescr descr, boolean alternative, List<Atom> atoms, List<Outcome> statics) {
        if (descr instanceof PatternDescr pattern) {
            boolean profile = pattern.getObjectType().endsWith("CustomerProfile");
            for (BaseDescr constraint : pattern.getConstraint().getDescrs()) {
                if (constraint instanceof ExprConstraintDescr expr) {
                    collectExpression(expr.getExpression(), profile, alternative, atoms, statics);
                }
            }
        } else if (descr instanceof AndDescr and) {
            and.getDescrs().forEach(d -> collect(d, alternative, atoms, statics));
        } else if (descr instanceof OrDescr or) {
            or.getDescrs().forEach(d -> collect(d, true, atoms, statics));
        } else if (descr instanceof ExistsDescr exists) {
            exists.getDescrs().forEach(d -> collect((BaseDescr) d, alternative, atoms, statics));
        }
    }

    private static void collectExpression(String expression, boolean profile, boolean alternative,
                                          List<Atom> atoms, List<Outcome> statics) {
        boolean or = alternative || expression.contains("||");
        for (String part : expression.split("\\|\\||&&|,")) {
            String atom = part.replaceAll("[()]", " ").trim().replaceAll("\\s+", " ");
            ProfileConstraint constraint = profile ? ProfileConstraint.ofRule(atom) : null;
            if (constraint != null && !constraint.nullCheck()) {
                atoms.add(new Atom(constraint));
                continue;
            }
            Matcher enumAtom = ENUM_ATOM.matcher(atom);
            if (!profile && !or && enumAtom.matches()) {
                statics.add(new Outcome(enumAtom.group(1), enumAtom.group(2)));
            }
        }
    }

    /** The sentence for a customer for whom the rule fired: the English now, the Chinese when first asked for. */
    Sentence render(CustomerProfile profile) {
        return render(profile, null, 0);
    }

    /**
     * The sentence of a scorecard rule's reason, ending with the points it gave that card (": +30 churn points",
     * "：流失分 +30"); without them for a null card. One sentence, its Chinese written when first asked for.
     */
    Sentence render(CustomerProfile profile, Scorecard card, int points) {
        String enEnd = card == null ? "" : Reason.pointsEn(card, points);
        if (explicit != null) {
            boolean figures = explicitZh.indexOf('{') >= 0;
            String written = explicit.indexOf('{') < 0 ? explicit : fill(pieces, profile, false);
            String en = card == null ? written : written + enEnd;
            if (!figures && card == null) {
                return new Sentence(en, explicitZh);
            }
            return Sentence.lazy(en, () -> (figures ? fill(piecesZh, profile, true) : explicitZh) + zhEnd(card, points),
                    zhFollowsEnglish);
        }
        String en = write(profile, false);
        if (en == null) {
            return card == null ? Sentence.of(fallback) : new Sentence(fallback + enEnd, fallback + zhEnd(card, points));
        }
        return card == null ? Sentence.lazy(en, () -> write(profile, true), true)
                : Sentence.lazy(en + enEnd, () -> write(profile, true) + zhEnd(card, points), true);
    }

    private static String zhEnd(Scorecard card, int points) {
        return card == null ? "" : Reason.pointsZh(card, points);
    }

    /** The generated sentence in one language; null when no constraint that held names a figure (nor an outcome). */
    private String write(CustomerProfile profile, boolean chinese) {
        StringBuilder out = new StringBuilder(64);
        ProfileFeature previous = null;
        for (Atom atom : atoms) {
            if (!atom.holds(profile)) {
                continue;
            }
            if (atom.feature() == previous) {
                out.append(chinese ? " 且 " : " and ");
            } else {
                if (!out.isEmpty()) {
                    out.append(chinese ? "；" : "; ");
                }
                if (chinese) {
                    atom.feature().describeZh(profile, out);
                } else {
                    atom.feature().describe(profile, out);
                }
                out.append(' ');
            }
            out.append(atom.constraint().operator().symbol).append(' ').append(atom.constraint().operand());
            if (chinese && atom.feature().percent()) {
                out.append('%');
            }
            previous = atom.feature();
        }
        for (Outcome outcome : statics) {
            if (!out.isEmpty()) {
                out.append(chinese ? "；" : "; ");
            }
            out.append(chinese ? outcome.zh() : outcome.en());
        }
        return out.isEmpty() ? null : out.toString();
    }

    private static List<String> names(String text) {
        List<String> names = new ArrayList<>();
        Matcher matcher = PLACEHOLDER.matcher(text);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    /** The sentence without a customer (a complaint without one): the explicit one if it names no figure, else the fallback. */
    Sentence withoutCustomer() {
        if (explicit == null || explicit.indexOf('{') >= 0 || explicitZh.indexOf('{') >= 0) {
            return Sentence.of(fallback);
        }
        return new Sentence(explicit, explicitZh);
    }

    /** An explicit sentence with each placeholder of a known field replaced by the customer's value. */
    private static String fill(List<Piece> pieces, CustomerProfile profile, boolean zh) {
        StringBuilder out = new StringBuilder(64);
        for (Piece piece : pieces) {
            if (piece.status()) {
                String status = profile.managerStatus().name();
                out.append(zh ? Chinese.label(MANAGER_STATUS, status) : status);
            } else if (piece.feature() == null) {
                out.append(piece.text());
            } else {
                Number value = piece.feature().valueOf(profile);
                out.append(zh && value == null ? "未知" : piece.feature().text(value));
            }
        }
        return out.toString();
    }

    /** The names in the placeholders of {@code @reason} (then {@code @reasonZh}), in order. */
    List<String> placeholders() {
        List<String> names = new ArrayList<>();
        if (explicit != null) {
            Matcher matcher = PLACEHOLDER.matcher(explicit.equals(explicitZh) ? explicit : explicit + " " + explicitZh);
            while (matcher.find()) {
                names.add(matcher.group(1));
            }
        }
        return names;
    }

    /** Placeholders must name profile fields; returns the unknown ones. */
    List<String> unknownPlaceholders() {
        List<String> unknown = new ArrayList<>();
        if (explicit != null) {
            Matcher matcher = PLACEHOLDER.matcher(explicit.equals(explicitZh) ? explicit : explicit + " " + explicitZh);
            while (matcher.find()) {
                if (ProfileFeature.byField(matcher.group(1)) == null && !matcher.group(1).equals(MANAGER_STATUS)) {
                    unknown.add(matcher.group(1));
                }
            }
        }
        return unknown;
    }
}
