package io.decisioning.rules.engine;

import io.decisioning.rules.Complaint;
import io.decisioning.rules.ComplaintState;
import io.decisioning.rules.CustomerProfile;
import io.decisioning.rules.Decision;
import io.decisioning.rules.Entitlement;
import io.decisioning.rules.Grade;
import io.decisioning.rules.Scorecard;
import io.decisioning.rules.Severity;
import io.decisioning.rules.Tier;
import io.decisioning.rules.WarningType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * What the stages decided about one customer of a batch, until it becomes an {@link Evaluation}: the
 * outcomes rules inserted, in firing order, each with its rule. After each stage, a pack with hit
 * policy {@link HitPolicy#FIRST} keeps one outcome of each single-valued kind (grade, tier, decision,
 * one warning per type) and sets the others aside; later stages see only what was kept.
 */
final class CustomerOutcomes {

    private static final Grade[] GRADES = Grade.values();
    private static final Tier[] TIERS = Tier.values();
    private static final Decision[] DECISIONS = Decision.values();
    private static final Severity[] SEVERITIES = Severity.values();
    private static final Entitlement[] ENTITLEMENTS = Entitlement.values();
    private static final ComplaintState[] COMPLAINT_STATES = ComplaintState.values();
    private static final int WARNING_TYPES = WarningType.values().length;
    private static final int GRADE = OutcomeKind.GRADE.slot;
    private static final int TIER = OutcomeKind.TIER.slot;
    private static final int DECISION = OutcomeKind.DECISION.slot;

    /*
     * The candidates, one per outcome a rule inserted, in firing order, kept in two arrays rather
     * than an object each: they are created scattered over a whole batch's stages, and reading one
     * object per candidate (and its outcome) when assembling the evaluation missed the caches on
     * nearly every one (about a tenth of the time in profiles). Candidate i is
     *   refs[3i] its pack, refs[3i + 1] its rule, refs[3i + 2] its outcome;
     *   info[2i] its stage (bits 16-30), whether it was dropped (bit 15), a small ordinal (bits 8-14:
     *            the scorecard of a score) and its slot + 1 (bits 0-7; see OutcomeKind, 0 for a score);
     *   info[2i + 1] its value: the points of a score, the ordinal of a grade, tier, decision or of
     *            a warning's severity.
     * A candidate is dropped when the hit policy sets it aside or a rule deletes it again.
     */
    private static final int DROPPED = 1 << 15;
    private static final int INITIAL = 16;

    final EvaluationInput input;
    /** The stages (bits) that did not run for this customer: packs that need optional data it lacks. */
    long skipped;
    private Object[] refs = new Object[3 * INITIAL];
    private int[] info = new int[2 * INITIAL];
    private int size;

    CustomerOutcomes(EvaluationInput input) {
        this.input = input;
    }

    void add(CompiledPack pack, int stage, CompiledRule rule, OutcomeKind kind, Object outcome) {
        if (size == info.length / 2) {
            refs = Arrays.copyOf(refs, refs.length * 2);
            info = Arrays.copyOf(info, info.length * 2);
        }
        refs[3 * size] = pack;
        refs[3 * size + 1] = rule;
        refs[3 * size + 2] = outcome;
        info[2 * size] = stage << 16 | kind.card(outcome) << 8 | (kind.slot(outcome) + 1);
        info[2 * size + 1] = kind.value(outcome);
        size++;
    }

    /** The sum of the points of this card among the candidates so far (not those set aside). */
    long points(Scorecard card) {
        long sum = 0;
        int ordinal = card.ordinal();
        for (int i = 0; i < size; i++) {
            int head = info[2 * i];
            if ((head & 0xFF) == 0 && (head & DROPPED) == 0 && (head >>> 8 & 0x7F) == ordinal) {
                sum += info[2 * i + 1];
            }
        }
        return sum;
    }

    /** The number of candidates so far. */
    int size() {
        return size;
    }

    /** The outcome of candidate {@code i}. */
    Object outcome(int i) {
        return refs[3 * i + 2];
    }

    /**
     * The ordinals of the grade, tier and decision kept so far (by the earlier stages), a byte each ({@code grade
     * | tier << 8 | decision << 16}), 0xFF for none yet: what a rule requiring one of them matches.
     */
    int keptOrdinals() {
        int kept = 0xFFFFFF;
        for (int i = 0; i < size; i++) {
            int slot = slot(i);
            if (slot >= GRADE && slot <= DECISION && !dropped(i)) {
                kept = kept & ~(0xFF << 8 * slot) | info[2 * i + 1] << 8 * slot;
            }
        }
        return kept;
    }

    /**
     * Puts the candidates of a stage in the order Drools would have fired their rules: those of the rules the
     * engine fired itself, {@code [from, mid)}, and those Drools gave after them, {@code [mid, size)}, each in firing
     * order, merged by {@link CompiledRule#firesBefore} (salience, then load order), so that reasons and the first
     * of equal outcomes are the same as if Drools had fired every rule.
     */
    void merge(int from, int mid) {
        int to = size;
        if (from == mid || mid == to) {
            return;
        }
        Object[] r = Arrays.copyOfRange(refs, 3 * from, 3 * to);
        int[] n = Arrays.copyOfRange(info, 2 * from, 2 * to);
        int a = 0;
        int aEnd = mid - from;
        int b = aEnd;
        int bEnd = to - from;
        for (int out = from; out < to; out++) {
            boolean fromDrools = a == aEnd
                    || b < bEnd && ((CompiledRule) r[3 * b + 1]).firesBefore((CompiledRule) r[3 * a + 1]);
            int k = fromDrools ? b++ : a++;
            System.arraycopy(r, 3 * k, refs, 3 * out, 3);
            System.arraycopy(n, 2 * k, info, 2 * out, 2);
        }
    }

    void deleted(Object outcome) {
        for (int i = 0; i < size; i++) {
            if (refs[3 * i + 2] == outcome) {
                info[2 * i] |= DROPPED;
            }
        }
    }

    private int stage(int i) {
        return info[2 * i] >>> 16;
    }

    private int slot(int i) {
        return (info[2 * i] & 0xFF) - 1;
    }

    private boolean dropped(int i) {
        return (info[2 * i] & DROPPED) != 0;
    }

    private CompiledRule rule(int i) {
        return (CompiledRule) refs[3 * i + 1];
    }

    /** The services of a bit set by ordinal, in the order of {@link Entitlement}. */
    private static List<Entitlement> entitlements(int bits) {
        if (bits == 0) {
            return List.of();
        }
        List<Entitlement> granted = new ArrayList<>(Integer.bitCount(bits));
        for (Entitlement service : ENTITLEMENTS) {
            if ((bits & 1 << service.ordinal()) != 0) {
                granted.add(service);
            }
        }
        return granted;
    }

    /** Whether candidates i and j, of a per-complaint kind, are about the same complaint. */
    private boolean sameComplaint(int i, int j) {
        return java.util.Objects.equals(OutcomeKind.complaintNo(refs[3 * i + 2]), OutcomeKind.complaintNo(refs[3 * j + 2]));
    }

    private String describe(int i) {
        return refs[3 * i + 2] + " by \"" + rule(i).name() + "\"";
    }

    /**
     * Ends a stage for this customer: under {@link HitPolicy#FIRST}, of the candidates of a kind the
     * one of the highest salience stays (the first to fire among equals that agree); then hands the
     * outcomes this stage kept to {@code kept} with their types, for the later stages.
     */
    void endStage(int stage, HitPolicy policy, BiConsumer<Class<?>, Object> kept) {
        int from = size;
        while (from > 0 && stage(from - 1) == stage) {
            from--;
        }
        int to = size;
        if (policy == HitPolicy.FIRST) {
            for (int i = from + 1; i < to; i++) {
                int slot = slot(i);
                if (slot == OutcomeKind.NO_SLOT || dropped(i)) {
                    continue;
                }
                for (int j = from; j < i; j++) {
                    if (slot(j) != slot || dropped(j) || OutcomeKind.perComplaint(slot) && !sameComplaint(i, j)) {
                        continue;
                    }
                    int later = rule(i).salience();
                    int earlier = rule(j).salience();
                    if (later > earlier) {
                        info[2 * j] |= DROPPED;
                    } else if (later == earlier && !refs[3 * i + 2].equals(refs[3 * j + 2])) {
                        throw new EvaluationException("customer " + input.profile().customerNo() + " got 2 of "
                                + OutcomeKind.describe(slot)
                                + " from rules of the same salience in pack " + refs[3 * i] + ": " + describe(j) + ", "
                                + describe(i) + "; with hit policy FIRST the rule with the higher salience wins, so give them"
                                + " different ones");
                    } else {
                        info[2 * i] |= DROPPED;
                    }
                    break;
                }
            }
        }
        for (int i = from; i < to; i++) {
            if (!dropped(i)) {
                // the type from the slot: asking the outcome would read it from memory again
                kept.accept(OutcomeKind.ofSlot(slot(i)).type, refs[3 * i + 2]);
            }
        }
    }

    /**
     * The evaluation with its near misses, or an {@link EvaluationException} when a grade, tier or
     * decision is missing or twice.
     *
     * @param packs the stages, in pipeline order
     */
    Evaluation evaluation(Map<String, Integer> rulePacks, List<CompiledPack> packs, boolean churnScored) {
        CustomerProfile profile = input.profile();
        Reason[] reasons = new Reason[size];
        int reasonCount = 0;
        int grade = -1;
        int tier = -1;
        int decision = -1;
        CustomerWarning[] warnings = null;
        int entitlements = 0;
        // the time limit and state of each complaint, by its index among the customer's complaints
        int[] limits = null;
        int[] states = null;
        Reason[] stateReasons = null;
        long value = 0;
        long risk = 0;
        long churn = 0;
        for (int i = 0; i < size; i++) {
            int head = info[2 * i];
            if ((head & DROPPED) != 0) {
                continue;
            }
            int slot = (head & 0xFF) - 1;
            int v = info[2 * i + 1];
            CompiledRule rule = (CompiledRule) refs[3 * i + 1];
            Sentence message;
            Scorecard card = null;
            switch (OutcomeKind.ofSlot(slot)) {
                case SCORE -> {
                    card = OutcomeKind.card((head >>> 8) & 0x7F);
                    switch (card) {
                        case VALUE -> value += v;
                        case RISK -> risk += v;
                        case CHURN -> churn += v;
                    }
                    message = rule.message(profile, v, card);
                }
                case GRADE -> {
                    grade = single(grade, i, slot);
                    message = rule.message(profile);
                }
                case TIER -> {
                    tier = single(tier, i, slot);
                    message = rule.message(profile);
                }
                case DECISION -> {
                    decision = single(decision, i, slot);
                    message = rule.message(profile);
                }
                case WARNING -> {
                    WarningType type = OutcomeKind.warningType(slot);
                    Severity severity = SEVERITIES[v];
                    message = rule.message(profile);
                    if (warnings == null) {
                        warnings = new CustomerWarning[WARNING_TYPES];
                    }
                    CustomerWarning previous = warnings[type.ordinal()];
                    // warnings of one type from several packs: the higher severity is kept
                    if (previous == null || severity.compareTo(previous.severity()) > 0) {
                        warnings[type.ordinal()] = new CustomerWarning(type, type.category(), severity, message);
                    }
                }
                case ENTITLEMENT -> {
                    entitlements |= 1 << OutcomeKind.entitlement(slot).ordinal();
                    message = rule.message(profile);
                }
                case TIME_LIMIT, COMPLAINT_STATE -> {
                    int c = complaintIndex(i);
                    if (limits == null) {
                        limits = new int[input.complaints().size()];
                        states = new int[limits.length];
                        Arrays.fill(limits, -1);
                        Arrays.fill(states, -1);
                    }
                    int[] held = slot == OutcomeKind.TIME_LIMIT.slot ? limits : states;
                    if (held[c] >= 0) {
                        throw twice(i, held[c], slot);
                    }
                    held[c] = i;
                    message = complaintMessage(input.complaints().get(c), rule.message(profile));
                    if (slot == OutcomeKind.COMPLAINT_STATE.slot) {
                        if (stateReasons == null) {
                            stateReasons = new Reason[limits.length];
                        }
                        CompiledPack statePack = (CompiledPack) refs[3 * i];
                        stateReasons[c] = new Reason(statePack.name(), statePack.version(), rule.name(), message);
                    }
                }
                default -> throw new IllegalStateException("slot " + slot);
            }
            CompiledPack pack = (CompiledPack) refs[3 * i];
            reasons[reasonCount++] = card == null ? new Reason(pack.name(), pack.version(), rule.name(), message)
                    : new Reason(pack.name(), pack.version(), rule.name(), message, card, v);
        }
        String customerNo = profile.customerNo();
        for (int slot = GRADE; slot <= DECISION; slot++) {
            if ((slot == GRADE ? grade : slot == TIER ? tier : decision) < 0) {
                throw new EvaluationException("no rule gave customer " + customerNo + " a " + OutcomeKind.describe(slot));
            }
        }
        List<CustomerWarning> raised = List.of();
        if (warnings != null) {
            int count = 0;
            for (CustomerWarning warning : warnings) {
                if (warning != null) {
                    warnings[count++] = warning;
                }
            }
            raised = List.of(Arrays.copyOf(warnings, count));
        }
        List<NearMiss> nearMisses = nearMisses(packs, info[2 * grade + 1] << 8 * GRADE | info[2 * tier + 1] << 8 * TIER
                | info[2 * decision + 1] << 8 * DECISION);
        return new Evaluation(profile, input.blacklistHits(), GRADES[info[2 * grade + 1]], TIERS[info[2 * tier + 1]],
                DECISIONS[info[2 * decision + 1]], clamp(value), clamp(risk), raised,
                List.of(reasonCount == reasons.length ? reasons : Arrays.copyOf(reasons, reasonCount)), rulePacks,
                nearMisses, churnScored ? clamp(churn) : null, entitlements(entitlements), clocks(limits, states, stateReasons));
    }

    /** Each complaint's clock, in the order of the customer's complaints: without a time limit and state where none was given. */
    private List<ComplaintClock> clocks(int[] limits, int[] states, Reason[] stateReasons) {
        List<Complaint> complaints = input.complaints();
        if (complaints.isEmpty()) {
            return List.of();
        }
        List<ComplaintClock> clocks = new ArrayList<>(complaints.size());
        for (int c = 0; c < complaints.size(); c++) {
            Integer days = limits == null || limits[c] < 0 ? null : info[2 * limits[c] + 1];
            ComplaintState state = states == null || states[c] < 0 ? null : COMPLAINT_STATES[info[2 * states[c] + 1]];
            clocks.add(new ComplaintClock(complaints.get(c), days, state, state == null ? null : stateReasons[c]));
        }
        return clocks;
    }

    /** The index among the customer's complaints of the complaint candidate {@code i} is about. */
    private int complaintIndex(int i) {
        String complaintNo = OutcomeKind.complaintNo(refs[3 * i + 2]);
        List<Complaint> complaints = input.complaints();
        for (int c = 0; c < complaints.size(); c++) {
            if (complaints.get(c).complaintNo().equals(complaintNo)) {
                return c;
            }
        }
        throw new EvaluationException("rule \"" + rule(i).name() + "\" gave " + refs[3 * i + 2] + " for complaint "
                + complaintNo + ", which is not one of customer " + input.profile().customerNo() + "'s");
    }

    /**
     * "complaint CP-1 (SIMPLE, open, day 16): ..." ("投诉 CP-1（简单，处理中，第 16 天）：..."): the reason of a complaint's
     * outcome names the complaint and its days.
     */
    static Sentence complaintMessage(Complaint complaint, Sentence message) {
        StringBuilder en = new StringBuilder(message.en().length() + 48).append("complaint ").append(complaint.complaintNo())
                .append(" (").append(complaint.complexity() == null ? "complexity unknown" : complaint.complexity().name());
        StringBuilder zh = new StringBuilder(message.zh().length() + 32).append("投诉 ").append(complaint.complaintNo())
                .append("（").append(complaint.complexity() == null ? "复杂度未知"
                        : Chinese.label("complexity", complaint.complexity().name()));
        if (complaint.daysToDecision() != null) {
            en.append(", decided on day ").append(complaint.daysToDecision());
            zh.append("，第 ").append(complaint.daysToDecision()).append(" 天作出决定");
        } else {
            en.append(", ").append(complaint.status().name().toLowerCase(java.util.Locale.ROOT)).append(", day ")
                    .append(complaint.daysSinceReceived());
            zh.append("，").append(Chinese.label("complaintStatus", complaint.status().name())).append("，第 ")
                    .append(complaint.daysSinceReceived()).append(" 天");
        }
        return new Sentence(en.append("): ").append(message.en()).toString(), zh.append("）：").append(message.zh()).toString());
    }

    /** Two outcomes of one kind for one complaint: the pack's rules contradict each other. */
    private EvaluationException twice(int i, int j, int slot) {
        return new EvaluationException("customer " + input.profile().customerNo() + " got 2 of "
                + OutcomeKind.describe(slot) + " for complaint " + OutcomeKind.complaintNo(refs[3 * i + 2]) + ": "
                + describe(j) + ", " + describe(i) + "; a complaint has one, so give the rules hitPolicy=FIRST and"
                + " different saliences, or conditions that exclude each other");
    }

    /**
     * The nearest miss of each pack with hit policy FIRST and each kind of outcome it decides, in
     * pipeline order: of the pack's rules of a higher salience than the one that gave the customer's
     * outcome of that kind (any, when the pack gave none: a warning not raised) that give a different
     * outcome, those that fail on exactly one threshold by no more than {@link RuleConditions#NEAR};
     * the nearest, and of equally near ones the highest salience. Cheap enough for every evaluation:
     * a few comparisons per rule, and the sentences of whole-number values are written once.
     *
     * @param kept the ordinals of the customer's grade, tier and decision, a byte each (see
     *             {@link RuleConditions#onlyFailing})
     */
    private List<NearMiss> nearMisses(List<CompiledPack> packs, int kept) {
        CustomerProfile profile = input.profile();
        NearMiss first = null;
        List<NearMiss> more = null;
        int from = 0;
        for (int stage = 0; stage < packs.size(); stage++) {
            // the candidates are in stage order: this stage's are [from, to)
            int to = from;
            while (to < size && stage(to) == stage) {
                to++;
            }
            CompiledPack pack = packs.get(stage);
            if ((skipped & 1L << stage) != 0) {
                from = to;
                continue;
            }
            for (int slot : pack.missableSlots) {
                CompiledRule[] rules = pack.missable[slot];
                int salience = Integer.MIN_VALUE;
                int outcome = -1;
                for (int i = from; i < to; i++) {
                    if (slot(i) == slot && !dropped(i)) {
                        salience = rule(i).salience();
                        outcome = info[2 * i + 1];
                        break;
                    }
                }
                NearMiss miss = nearest(rules, salience, outcome, profile, kept);
                if (miss == null) {
                    continue;
                }
                if (first == null) {
                    first = miss;
                } else {
                    if (more == null) {
                        more = new ArrayList<>(4);
                        more.add(first);
                    }
                    more.add(miss);
                }
            }
            from = to;
        }
        return more != null ? List.copyOf(more) : first != null ? List.of(first) : List.of();
    }

    /** The nearest miss among {@code rules} (highest salience first) above the customer's outcome of their kind. */
    private static NearMiss nearest(CompiledRule[] rules, int salience, int outcome, CustomerProfile profile, int kept) {
        RuleConditions nearest = null;
        int nearestFailing = -1;
        double nearestGap = Double.POSITIVE_INFINITY;
        for (CompiledRule rule : rules) {
            if (rule.salience() <= salience) {
                break;
            }
            RuleConditions conditions = rule.conditions();
            if (outcome >= 0 && conditions.value == outcome) {
                continue;
            }
            int failing = conditions.onlyFailing(profile, kept);
            if (failing < 0) {
                continue;
            }
            double gap = conditions.constraints[failing].gap(profile);
            // strictly nearer: of equally near rules the first, of the highest salience, stays
            if (gap <= RuleConditions.NEAR && gap < nearestGap) {
                nearest = conditions;
                nearestFailing = failing;
                nearestGap = gap;
            }
        }
        return nearest == null ? null : nearest.nearMiss(nearestFailing, profile);
    }

    /** The candidate of a single-valued slot, or an exception when there is already one. */
    private int single(int already, int another, int slot) {
        if (already < 0) {
            return another;
        }
        List<String> all = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            if (!dropped(i) && slot(i) == slot) {
                all.add(describe(i));
            }
        }
        String what = OutcomeKind.describe(slot);
        throw new EvaluationException("customer " + input.profile().customerNo() + " got " + all.size() + " of "
                + what + ": " + String.join(", ", all)
                + "; a " + what + " comes from one pack, whose rules need hitPolicy=FIRST in its"
                + " pack.properties or a guard such as not GradeAssigned(customerNo == $p.customerNo)");
    }

    private static int clamp(long sum) {
        return (int) Math.max(0, Math.min(100, sum));
    }
}
