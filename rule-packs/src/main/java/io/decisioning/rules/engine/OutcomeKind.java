package io.decisioning.rules.engine;

import io.decisioning.rules.ComplaintState;
import io.decisioning.rules.ComplaintStateAssigned;
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
import io.decisioning.rules.TimeLimitSet;
import io.decisioning.rules.WarningRaised;
import io.decisioning.rules.WarningType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The kinds of outcome rules insert ({@code GradeAssigned}, {@code TierAssigned}, {@code DecisionMade},
 * {@code WarningRaised}, {@code ScorePoints}, {@code EntitlementGranted}), and everything the engine needs to know about each, in
 * one place: its record class, whether a customer has one of it (a grade, a tier, a decision, one
 * warning per type) or points that add up (a score per card), its slot, how to read it from an
 * outcome and how to recognise it in a rule's action text.
 *
 * <p>A <b>slot</b> numbers the outcomes a customer has at most one of, for the compact arrays of
 * {@link CustomerOutcomes} and the near misses of {@link CompiledPack}: the grade 0, the tier 1, the
 * decision 2, then one per warning type ({@code 3 + type.ordinal()}), then one per entitlement (a customer is
 * granted a service once, however many rules grant it). Score points add up and have none ({@link #NO_SLOT}).
 *
 * <p>The outcome records share no interface on purpose, and outcomes are told apart here by their
 * exact class: Drools checks every inserted fact against interfaces of its own, and on Java 17 those
 * checks cost more for a class that implements any interface (about 9 % more evaluation time when the
 * five records implemented one).
 */
enum OutcomeKind {

    GRADE(GradeAssigned.class, 0, "grade", "grade", Grade.values()),
    TIER(TierAssigned.class, 1, "tier", "tier", Tier.values()),
    DECISION(DecisionMade.class, 2, "decision", "decision", Decision.values()),
    /** One warning per type, in the slots from 3 on: its value is the severity. */
    WARNING(WarningRaised.class, 3, "warning", "severity", Severity.values()),
    /** Points of a scorecard, summed per card: its value is the points. */
    SCORE(ScorePoints.class, -1, "points", "points", null),
    /** A service the customer is entitled to, in the slots after the warnings', one per service; it has no value (0). */
    ENTITLEMENT(EntitlementGranted.class, 3 + WarningType.values().length, "entitlement", "service", null),
    /**
     * The time limit of one of the customer's complaints (DESIGN.md section 13): its value is the days. One slot for
     * every complaint: a complaint has one, told apart from the others' by its number ({@link #perComplaint}).
     */
    TIME_LIMIT(TimeLimitSet.class, 3 + WarningType.values().length + Entitlement.values().length, "time limit", "days",
            null),
    /** The state of one of the customer's complaints against its time limit: its value is the state. One slot, like a time limit's. */
    COMPLAINT_STATE(ComplaintStateAssigned.class, 4 + WarningType.values().length + Entitlement.values().length,
            "complaint state", "state", ComplaintState.values());

    /**
     * The slots of the outcomes a customer has at most one of (of a complaint's, one per complaint): grade, tier,
     * decision, one per warning type, one per entitlement, a complaint's time limit and state.
     */
    static final int SLOTS = 5 + WarningType.values().length + Entitlement.values().length;
    /** The slot of score points, which add up. */
    static final int NO_SLOT = -1;

    private static final OutcomeKind[] BY_SLOT = new OutcomeKind[SLOTS];
    private static final WarningType[] WARNING_TYPES = WarningType.values();
    private static final Entitlement[] ENTITLEMENTS = Entitlement.values();
    private static final Scorecard[] CARDS = Scorecard.values();
    /** {@code new GradeAssigned(...)} and the other outcomes: the class, and the arguments up to the next semicolon. */
    private static final Pattern NEW_OUTCOME = Pattern.compile("\\bnew\\s+(?:[\\w.]+\\.)?("
            + Arrays.stream(values()).map(kind -> kind.type.getSimpleName()).collect(Collectors.joining("|"))
            + ")\\s*\\((?=([^;]*))");
    private static final Pattern WARNING_TYPE = constant(WarningType.class);
    private static final Pattern CARD = constant(Scorecard.class);
    private static final Pattern SERVICE = constant(Entitlement.class);

    static {
        Arrays.fill(BY_SLOT, WARNING);
        Arrays.fill(BY_SLOT, ENTITLEMENT.slot, SLOTS, ENTITLEMENT);
        for (OutcomeKind kind : new OutcomeKind[] {GRADE, TIER, DECISION, TIME_LIMIT, COMPLAINT_STATE}) {
            BY_SLOT[kind.slot] = kind;
        }
    }

    final Class<?> type;
    /** Its slot: a warning's first (each type's is {@link #warningSlot}); {@link #NO_SLOT} for points. */
    final int slot;
    /** What an analyst calls it: "grade", "tier", "decision", "warning", "points". */
    final String noun;
    /** The record component that holds its value: "grade", "tier", "decision", "severity", "points". */
    final String field;
    /** The constants of its value (grades, ..., severities); null for points, a number. */
    private final Enum<?>[] values;
    /** {@code Grade.NEW}, {@code Severity.HIGH}: a constant of its value in an action; null for points. */
    private final Pattern valueConstant;

    OutcomeKind(Class<?> type, int slot, String noun, String field, Enum<?>[] values) {
        this.type = type;
        this.slot = slot;
        this.noun = noun;
        this.field = field;
        this.values = values;
        this.valueConstant = values == null ? null : constant(values[0].getDeclaringClass());
    }

    /** {@code WarningType.LAPSE_RISK}: a constant of the enum in an action, its name in group 1. */
    private static Pattern constant(Class<?> type) {
        return Pattern.compile("\\b" + type.getSimpleName() + "\\.([A-Z][A-Z0-9_]*)\\b");
    }

    /** The kind of a fact a rule inserted, or null when it is not an outcome (the most frequent, points, first). */
    static OutcomeKind of(Object fact) {
        Class<?> type = fact.getClass();
        if (type == ScorePoints.class) {
            return SCORE;
        }
        if (type == GradeAssigned.class) {
            return GRADE;
        }
        if (type == TierAssigned.class) {
            return TIER;
        }
        if (type == DecisionMade.class) {
            return DECISION;
        }
        if (type == WarningRaised.class) {
            return WARNING;
        }
        return type == EntitlementGranted.class ? ENTITLEMENT : type == TimeLimitSet.class ? TIME_LIMIT
                : type == ComplaintStateAssigned.class ? COMPLAINT_STATE : null;
    }

    /** Whether its outcomes are about one complaint of the customer: one per complaint rather than one per customer. */
    boolean perComplaint() {
        return this == TIME_LIMIT || this == COMPLAINT_STATE;
    }

    /** Whether the outcomes of this slot are about one complaint each ({@link #perComplaint}). */
    static boolean perComplaint(int slot) {
        return slot == TIME_LIMIT.slot || slot == COMPLAINT_STATE.slot;
    }

    /** The number of the complaint an outcome of a per-complaint kind is about; null for the other kinds. */
    static String complaintNo(Object outcome) {
        return outcome instanceof TimeLimitSet limit ? limit.complaintNo()
                : outcome instanceof ComplaintStateAssigned state ? state.complaintNo() : null;
    }

    /** The customer an outcome of this kind is about. */
    String customerNo(Object outcome) {
        return switch (this) {
            case GRADE -> ((GradeAssigned) outcome).customerNo();
            case TIER -> ((TierAssigned) outcome).customerNo();
            case DECISION -> ((DecisionMade) outcome).customerNo();
            case WARNING -> ((WarningRaised) outcome).customerNo();
            case SCORE -> ((ScorePoints) outcome).customerNo();
            case ENTITLEMENT -> ((EntitlementGranted) outcome).customerNo();
            case TIME_LIMIT -> ((TimeLimitSet) outcome).customerNo();
            case COMPLAINT_STATE -> ((ComplaintStateAssigned) outcome).customerNo();
        };
    }

    /** The kind of the outcomes of a slot; score points for {@link #NO_SLOT}. */
    static OutcomeKind ofSlot(int slot) {
        return slot == NO_SLOT ? SCORE : BY_SLOT[slot];
    }

    /** The kind whose record has this simple name ({@code "GradeAssigned"}), or null. */
    static OutcomeKind byTypeName(String simpleName) {
        for (OutcomeKind kind : values()) {
            if (kind.type.getSimpleName().equals(simpleName)) {
                return kind;
            }
        }
        return null;
    }

    /** Whether every customer must get exactly one (a grade, a tier, a decision): without one the evaluation fails. */
    boolean required() {
        return this == GRADE || this == TIER || this == DECISION;
    }

    /** Whether its outcomes add up (score points) rather than one being kept per slot. */
    boolean additive() {
        return this == SCORE;
    }

    /** The outcome's slot (see the class comment), or {@link #NO_SLOT} for score points. */
    int slot(Object outcome) {
        return this == WARNING ? warningSlot(((WarningRaised) outcome).type())
                : this == ENTITLEMENT ? entitlementSlot(((EntitlementGranted) outcome).service()) : slot;
    }

    static int entitlementSlot(Entitlement service) {
        return ENTITLEMENT.slot + service.ordinal();
    }

    /** The service of an entitlement's slot. */
    static Entitlement entitlement(int slot) {
        return ENTITLEMENTS[slot - ENTITLEMENT.slot];
    }

    static int warningSlot(WarningType type) {
        return WARNING.slot + type.ordinal();
    }

    /** The warning type of a warning's slot. */
    static WarningType warningType(int slot) {
        return WARNING_TYPES[slot - WARNING.slot];
    }

    /** The outcome's value as a number: the ordinal of its grade, tier, decision or severity; the points of a score. */
    int value(Object outcome) {
        return switch (this) {
            case GRADE -> ((GradeAssigned) outcome).grade().ordinal();
            case TIER -> ((TierAssigned) outcome).tier().ordinal();
            case DECISION -> ((DecisionMade) outcome).decision().ordinal();
            case WARNING -> ((WarningRaised) outcome).severity().ordinal();
            case SCORE -> ((ScorePoints) outcome).points();
            case ENTITLEMENT -> 0;
            case TIME_LIMIT -> ((TimeLimitSet) outcome).days();
            case COMPLAINT_STATE -> ((ComplaintStateAssigned) outcome).state().ordinal();
        };
    }

    /** The ordinal of a score's card; 0 for the other kinds. */
    int card(Object outcome) {
        return this == SCORE ? ((ScorePoints) outcome).card().ordinal() : 0;
    }

    static Scorecard card(int ordinal) {
        return CARDS[ordinal];
    }

    /** The ordinal of the value constant of this name ({@code "HIGH_QUALITY"} of a grade), or -1. */
    int ordinal(String name) {
        if (values != null) {
            for (Enum<?> constant : values) {
                if (constant.name().equals(name)) {
                    return constant.ordinal();
                }
            }
        }
        return -1;
    }

    /** "grade", "tier", "decision", "warning REPEAT_CLAIMANT": the outcome of a slot, in messages. */
    static String describe(int slot) {
        OutcomeKind kind = ofSlot(slot);
        return kind == WARNING ? "warning " + warningType(slot)
                : kind == ENTITLEMENT ? "entitlement " + entitlement(slot) : kind.noun;
    }

    /** "grade"; "REPEAT_CLAIMANT warning", "VALUE points" with the warning type or scorecard, if known. */
    String describe(String qualifier) {
        return qualifier == null ? noun : qualifier + " " + noun;
    }

    /** As {@link #describe(String)} in Chinese: "等级"; "频繁出险预警", "价值分". */
    String describeZh(String qualifier) {
        String word = Chinese.label("noun", name());
        if (qualifier == null) {
            return word;
        }
        return this == SCORE ? Chinese.label("scorecard", qualifier)
                : Chinese.label(this == WARNING ? "warningType" : field, qualifier) + word;
    }

    /**
     * One {@code new GradeAssigned(...)} (or another outcome) in a rule's action, and what its text names:
     * {@code insert(new WarningRaised($p.customerNo(), WarningType.REPEAT_CLAIMANT, Severity.HIGH));}.
     *
     * @param qualifier the warning type of a warning, the scorecard of points ({@code "REPEAT_CLAIMANT"},
     *                  {@code "VALUE"}); null for the other kinds, or when the arguments name none or several
     * @param value     the constant of the grade, tier, decision or severity ({@code "HIGH"}); null when
     *                  the arguments name none or several, and for points
     */
    record Insert(OutcomeKind kind, String qualifier, String value) {

        /** The slot it fills: a warning's only when its type is named; {@link #NO_SLOT} for points. */
        int slot() {
            if (kind == WARNING) {
                WarningType type = warningType();
                return type == null ? NO_SLOT : warningSlot(type);
            }
            if (kind == ENTITLEMENT) {
                Entitlement service = constantOf(ENTITLEMENTS, qualifier);
                return service == null ? NO_SLOT : entitlementSlot(service);
            }
            return kind.slot;
        }

        /** The ordinal of its value constant, or -1 when not named (or not a constant of the kind). */
        int ordinal() {
            return value == null ? -1 : kind.ordinal(value);
        }

        /** The warning type it names, or null. */
        WarningType warningType() {
            return kind == WARNING ? constantOf(WarningType.values(), qualifier) : null;
        }

        /** The scorecard it names, or null. */
        Scorecard card() {
            return kind == SCORE ? constantOf(CARDS, qualifier) : null;
        }

        /** "grade", "tier", "decision", "REPEAT_CLAIMANT warning", "VALUE points" ("warning", "points" if unnamed). */
        String describe() {
            return kind.describe(qualifier);
        }

        private static <E extends Enum<E>> E constantOf(E[] constants, String name) {
            for (E constant : constants) {
                if (constant.name().equals(name)) {
                    return constant;
                }
            }
            return null;
        }
    }

    /**
     * The outcomes an action inserts, in the order its text names them, as far as the text tells:
     * each {@code new GradeAssigned(...)}, {@code new TierAssigned(...)}, {@code new DecisionMade(...)},
     * {@code new WarningRaised(...)} and {@code new ScorePoints(...)}, with the constants its arguments
     * (up to the next semicolon) name. Decision tables compile to DRL, so their actions read the same.
     */
    static List<Insert> inserts(String action) {
        List<Insert> inserts = new ArrayList<>(1);
        Matcher created = NEW_OUTCOME.matcher(action);
        while (created.find()) {
            OutcomeKind kind = byTypeName(created.group(1));
            String arguments = created.group(2);
            String qualifier = kind == WARNING ? onlyConstant(WARNING_TYPE, arguments)
                    : kind == SCORE ? onlyConstant(CARD, arguments)
                    : kind == ENTITLEMENT ? onlyConstant(SERVICE, arguments) : null;
            String value = kind.valueConstant == null ? null : onlyConstant(kind.valueConstant, arguments);
            inserts.add(new Insert(kind, qualifier, value));
        }
        return inserts;
    }

    /** The constant named in the arguments, such as HIGH_QUALITY of Grade.HIGH_QUALITY; null when none or several. */
    private static String onlyConstant(Pattern constant, String arguments) {
        Matcher matcher = constant.matcher(arguments);
        if (!matcher.find()) {
            return null;
        }
        String name = matcher.group(1);
        return matcher.find() ? null : name;
    }
}
