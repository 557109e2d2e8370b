package io.decisioning.rules.engine;

import io.decisioning.rules.LinkDecided;
import io.decisioning.rules.LinkOutcome;
import io.decisioning.rules.RecordPair;
import io.decisioning.rules.engine.TableFile.Block;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.kie.api.event.rule.ObjectDeletedEvent;
import org.kie.api.event.rule.ObjectInsertedEvent;
import org.kie.api.event.rule.ObjectUpdatedEvent;
import org.kie.api.event.rule.RuleRuntimeEventListener;
import org.kie.api.runtime.KieSession;

/**
 * The lint's comparison of the rows of a pair pack's tables ({@code subject=pair}, the {@code identity}
 * pack). A {@link RecordPair} is a handful of true/false flags, so instead of modelling the cells this runs
 * every combination of the flags the pack reads (2^k, k at most the flags of {@code RecordPair}) through the
 * compiled pack and looks at which rules hold for each and which one decides (the highest salience; of equal
 * ones the rule whose name sorts first, as {@link Linking} does):
 * <ul>
 * <li>{@code UNREACHABLE_ROW}: a row that decides no combination: it holds for none (ERROR), or every pair it
 *     holds for is decided first by rows of a higher priority (ERROR; WARNING when they give the same
 *     outcome, so only the reason differs);</li>
 * <li>{@code CONFLICTING_OVERLAP}: two rows of the same priority that give one pair different outcomes
 *     (WARNING: the engine settles it by rule name, which is surely not what was meant);</li>
 * <li>{@code GAP}: combinations no rule of the pack decides, reported once per pack (INFO: such a pair is
 *     {@code NO_LINK}, the default).</li>
 * </ul>
 * Combinations that cannot occur are left out: {@code identityConflict} (the two valid identity numbers
 * differ) with {@code sameIdentity}. A pack that does not compile is not compared (the compiler reports why).
 */
final class PairCoverage {

    private static final PackCompiler COMPILER = new PackCompiler();
    /** The true/false fields of {@link RecordPair}, in the record's order. */
    private static final List<String> FLAGS;
    private static final Constructor<RecordPair> CONSTRUCTOR;

    static {
        List<String> flags = new ArrayList<>();
        RecordComponent[] components = RecordPair.class.getRecordComponents();
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            if (components[i].getType() == boolean.class) {
                flags.add(components[i].getName());
            }
        }
        FLAGS = List.copyOf(flags);
        try {
            CONSTRUCTOR = RecordPair.class.getDeclaredConstructor(types);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A rule that holds for a combination, with its salience and the outcome it gives. */
    private record Held(String rule, int salience, LinkOutcome outcome) {

        boolean beats(Held other) {
            return salience != other.salience ? salience > other.salience : rule.compareTo(other.rule) < 0;
        }
    }

    /** One combination of the flags the pack reads, and the rules that hold for it (best first). */
    private record Combination(Map<String, Boolean> flags, List<Held> held) {

        Held winner() {
            return held.isEmpty() ? null : held.get(0);
        }
    }

    private final List<String> used;
    private final List<Combination> combinations;
    private boolean gapReported;

    private PairCoverage(List<String> used, List<Combination> combinations) {
        this.used = used;
        this.combinations = combinations;
    }

    /** The pack's rules run over every combination of its flags, or null when the pack does not compile. */
    static PairCoverage of(PackSource source) {
        Compilation compilation = COMPILER.compile(source);
        if (!compilation.valid()) {
            return null;
        }
        List<String> used = usedFlags(source);
        CompiledPack pack = compilation.pack();
        Map<String, Combination> byId = new LinkedHashMap<>();
        List<RecordPair> pairs = new ArrayList<>();
        for (int bits = 0; bits < 1 << used.size(); bits++) {
            Map<String, Boolean> flags = new LinkedHashMap<>();
            for (int i = 0; i < used.size(); i++) {
                flags.put(used.get(i), (bits & (1 << i)) != 0);
            }
            if (flags.getOrDefault("identityConflict", false) && flags.getOrDefault("sameIdentity", false)) {
                continue;
            }
            RecordPair pair = pair("C" + bits, flags);
            pairs.add(pair);
            byId.put(pair.pairId(), new Combination(flags, new ArrayList<>()));
        }
        KieSession session = pack.kieBase.newKieSession();
        try {
            session.addEventListener(new RuleRuntimeEventListener() {
                @Override
                public void objectInserted(ObjectInsertedEvent event) {
                    if (event.getRule() != null && event.getObject() instanceof LinkDecided link
                            && byId.containsKey(link.pairId())) {
                        String name = event.getRule().getName();
                        CompiledRule rule = pack.rules.get(name);
                        byId.get(link.pairId()).held().add(new Held(name, rule == null ? 0 : rule.salience(), link.outcome()));
                    }
                }

                @Override
                public void objectUpdated(ObjectUpdatedEvent event) {
                }

                @Override
                public void objectDeleted(ObjectDeletedEvent event) {
                }
            });
            pairs.forEach(session::insert);
            int limit = Linking.FIRINGS_PER_PAIR * pairs.size();
            if (session.fireAllRules(limit) >= limit) {
                return null; // a rule that loops: the scenarios and the simulation report it
            }
        } catch (RuntimeException e) {
            return null; // a rule that throws: the scenarios and the simulation report it
        } finally {
            session.dispose();
        }
        List<Combination> combinations = new ArrayList<>(byId.values());
        combinations.forEach(c -> c.held().sort((a, b) -> a.beats(b) ? -1 : b.beats(a) ? 1 : 0));
        return new PairCoverage(used, combinations);
    }

    /** The flags of {@link RecordPair} that the pack's rules and tables name, in the record's order. */
    private static List<String> usedFlags(PackSource source) {
        StringBuilder text = new StringBuilder();
        source.files().forEach((file, content) -> {
            if (file.endsWith(".drl") || DecisionTable.isTable(file)) {
                text.append(new String(content, StandardCharsets.UTF_8)).append('\n');
            }
        });
        return FLAGS.stream().filter(flag -> Pattern.compile("\\b" + flag + "\\b").matcher(text).find()).toList();
    }

    private static RecordPair pair(String id, Map<String, Boolean> flags) {
        RecordComponent[] components = RecordPair.class.getRecordComponents();
        Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            String name = components[i].getName();
            values[i] = components[i].getType() == boolean.class ? flags.getOrDefault(name, false)
                    : name.equals("pairId") ? id : name.equals("customerNoA") ? "A" : "B";
        }
        try {
            return CONSTRUCTOR.newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Compares the rows of one RuleTable block; a gap is reported at the first block checked. */
    void check(Block block, List<TableRow> rows, TableFindings findings) {
        Map<String, TableRow> byRule = new LinkedHashMap<>();
        for (TableRow row : rows) {
            String name = findings.nameColumn() == null ? "" : row.data.cell(findings.nameColumn().index()).trim();
            if (!name.isEmpty() && row.usable && !row.cells.isEmpty() && !row.outcomeValues.isEmpty()) {
                byRule.put(name, row);
            }
        }
        Map<String, Integer> priority = new HashMap<>();
        combinations.forEach(c -> c.held().forEach(h -> priority.put(h.rule(), h.salience())));
        byRule.forEach((rule, row) -> checkReached(rule, row, byRule, priority, findings));
        checkEqualPriorities(byRule, findings);
        if (!gapReported) {
            gapReported = true;
            checkGap(block, findings);
        }
    }

    private void checkReached(String rule, TableRow row, Map<String, TableRow> byRule, Map<String, Integer> priority,
                              TableFindings findings) {
        List<Combination> holds = combinations.stream()
                .filter(c -> c.held().stream().anyMatch(h -> h.rule().equals(rule))).toList();
        if (holds.isEmpty()) {
            findings.add(row.data.row(), findings.rowStart(), findings.nameColumn(), LintFinding.UNREACHABLE_ROW,
                    LintFinding.ERROR, new Sentence(row.id + " never applies: no pair has what its cells ask for"
                            + (used.contains("identityConflict") && used.contains("sameIdentity")
                            ? " (two records with different valid identity numbers never have the same identity)" : "")
                            + ". Correct the cells, or delete the row",
                    row.id + " 永远不会生效：没有任何记录对符合它单元格的要求"
                            + (used.contains("identityConflict") && used.contains("sameIdentity")
                            ? "（两条有效证件号码不同的记录不可能证件相同）" : "") + "。请改正单元格，或删除这一行"));
            return;
        }
        int own = priority.getOrDefault(rule, 0);
        if (holds.stream().anyMatch(c -> c.winner().rule().equals(rule) || c.winner().salience() == own)) {
            return; // it decides some pairs, or ties with a row of its priority: a conflicting overlap, if anything
        }
        Set<String> winners = new LinkedHashSet<>();
        holds.stream().map(c -> c.winner().rule())
                .sorted(Comparator.comparingInt((String w) -> -priority.getOrDefault(w, 0)).thenComparing(w -> w))
                .forEach(winners::add);
        LinkOutcome outcome = holds.get(0).held().stream().filter(h -> h.rule().equals(rule)).findFirst().orElseThrow()
                .outcome();
        boolean redundant = holds.stream().allMatch(c -> c.winner().outcome() == outcome);
        String names = winners.stream().map(w -> idOf(w, byRule) + " (priority " + priority.getOrDefault(w, 0) + ")")
                .collect(Collectors.joining(winners.size() == 2 ? " and " : ", "));
        String rowsWord = winners.size() > 1 ? "rows" : "row";
        String namesZh = winners.stream().map(w -> idOf(w, byRule) + "（优先级 " + priority.getOrDefault(w, 0) + "）")
                .collect(Collectors.joining("、"));
        findings.add(row.data.row(), findings.rowStart(), findings.nameColumn(), LintFinding.UNREACHABLE_ROW,
                redundant ? LintFinding.WARNING : LintFinding.ERROR,
                new Sentence(row.id + " (priority " + own + ") never decides: every pair it holds for is"
                        + " decided first by " + names + (winners.size() > 1 ? " together" : "")
                        + (redundant ? ", which " + (winners.size() > 1 ? "give" : "gives") + " the same outcome " + outcome + " (so only the reason differs). Delete"
                                + " the row, or give it a higher priority if its reason should show"
                                : ". Delete the row, narrow the higher " + rowsWord + ", or give this row a higher"
                                + " priority if it should win: it gives " + outcome + ", " + (winners.size() > 1 ? "they give "
                                : "that row gives ") + outcomes(holds)),
                row.id + "（优先级 " + own + "）永远不起决定作用：它成立的每个记录对都先由 " + namesZh
                        + (winners.size() > 1 ? " 合起来" : "") + "决定"
                        + (redundant ? "，给出相同的结果 " + outcome + "（只有原因不同）。请删除这一行；若要显示它的原因，请提高它的优先级"
                                : "。请删除这一行、缩小优先级更高的行的条件，或提高这一行的优先级（若应由它生效）：它给出 " + outcome
                                + "，" + (winners.size() > 1 ? "它们给出 " : "那一行给出 ") + outcomes(holds))));
    }

    /** Rows of the same priority that give one pair different outcomes, and no higher rule decides it. */
    private void checkEqualPriorities(Map<String, TableRow> byRule, TableFindings findings) {
        Set<String> reported = new LinkedHashSet<>();
        for (Combination combination : combinations) {
            Held winner = combination.winner();
            if (winner == null) {
                continue;
            }
            for (Held other : combination.held().subList(1, combination.held().size())) {
                if (other.salience() != winner.salience() || other.outcome() == winner.outcome()
                        || !byRule.containsKey(other.rule()) || !reported.add(winner.rule() + "\u0000" + other.rule())) {
                    continue;
                }
                findings.addAtOutcome(byRule.get(other.rule()), LintFinding.CONFLICTING_OVERLAP, LintFinding.WARNING,
                        new Sentence(idOf(winner.rule(), byRule) + " and " + idOf(other.rule(), byRule) + " have the same priority "
                                + winner.salience() + " and both hold when " + when(combination, false) + ", but give "
                                + winner.outcome() + " and " + other.outcome() + ": the rule whose name sorts first ("
                                + idOf(winner.rule(), byRule) + ") decides. Give the row that should win a higher"
                                + " priority, or make the conditions exclusive",
                        idOf(winner.rule(), byRule) + " 和 " + idOf(other.rule(), byRule) + " 的优先级同为 "
                                + winner.salience() + "，在 " + when(combination, true) + " 时都成立，却分别给出 "
                                + winner.outcome() + " 和 " + other.outcome() + "：由名称排在前面的规则（"
                                + idOf(winner.rule(), byRule) + "）决定。请提高应当生效的那一行的优先级，或让条件互斥"));
            }
        }
    }

    private void checkGap(Block block, TableFindings findings) {
        List<Combination> undecided = combinations.stream().filter(c -> c.held().isEmpty()).toList();
        if (undecided.isEmpty()) {
            return;
        }
        findings.add(block.row(), block.column(), null, LintFinding.GAP, LintFinding.INFO,
                new Sentence("no rule of the pack decides " + undecided.size() + " of the " + combinations.size() + " combinations of "
                        + String.join(", ", used) + ", for example when " + when(undecided.get(0), false) + ": such a pair is"
                        + " NO_LINK, the default. Fine if intended; a rule for everything else with priority 0 (like"
                        + " IDN-090 Not linked otherwise) says so and shows in the pair's reason",
                "在 " + String.join("、", used) + " 的 " + combinations.size() + " 种组合中，有 " + undecided.size()
                        + " 种没有规则决定，例如 " + when(undecided.get(0), true) + " 时：这样的记录对按默认为 NO_LINK。"
                        + "如果本意如此则无妨；一条优先级为 0 的兜底规则（如 IDN-090 Not linked otherwise）可以明确这一点，并显示在记录对的原因中"));
    }

    private static String outcomes(List<Combination> holds) {
        return holds.stream().map(c -> c.winner().outcome().name()).distinct().sorted().collect(Collectors.joining(", "));
    }

    /** "sameName and sameBirthDate (identityConflict, sameIdentity, samePhone false)". */
    private static String when(Combination combination, boolean chinese) {
        List<String> yes = new ArrayList<>();
        List<String> no = new ArrayList<>();
        combination.flags().forEach((flag, value) -> (value ? yes : no).add(flag));
        if (chinese) {
            String trueOnes = yes.isEmpty() ? "没有标志为真" : String.join(" 且 ", yes);
            return no.isEmpty() ? trueOnes : trueOnes + "（" + String.join("、", no) + " 为假）";
        }
        String trueOnes = yes.isEmpty() ? "no flag is true" : String.join(" and ", yes);
        return no.isEmpty() ? trueOnes : trueOnes + " (" + String.join(", ", no) + " false)";
    }

    /** A rule's stable ID when its row is in the table, else its name. */
    private static String idOf(String rule, Map<String, TableRow> byRule) {
        TableRow row = byRule.get(rule);
        return row != null ? row.id : "\"" + rule + "\"";
    }
}
