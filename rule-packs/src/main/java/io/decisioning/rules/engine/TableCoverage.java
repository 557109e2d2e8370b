package io.decisioning.rules.engine;

import io.decisioning.rules.engine.ProfileSpace.Box;
import io.decisioning.rules.engine.ProfileSpace.Comparison;
import io.decisioning.rules.engine.TableFile.Block;
import io.decisioning.rules.engine.TableFile.Column;
import io.decisioning.rules.engine.TableRow.Competing;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The lint's comparison of a table's rows as sets of customers: each usable row becomes a box of the
 * table's {@link ProfileSpace} (the comparisons of its filled cells), and rows giving the same kind of
 * outcome ({@link TableRow.Competing}) are compared exactly under the pack's hit policy: rows no customer
 * reaches ({@code UNREACHABLE_ROW}), rows whose outcomes the hit policy cannot settle
 * ({@code CONFLICTING_OVERLAP}), customers no row applies to ({@code GAP}), and the bins of a scorecard.
 */
final class TableCoverage {

    private final Block block;
    private final HitPolicy policy;
    /** The outcomes a catch-all rule of the pack's DRL gives every customer: no gap is reported for them. */
    private final Set<Competing> catchAlls;
    private final List<Column> conditions;
    private final List<TableRow> lines;
    private final TableFindings findings;
    private ProfileSpace space;

    /** The pack declares {@code scorecardGaps=zero}: a customer in no bin scores 0, and a gap is worth a note only. */
    private final boolean gapsScoreZero;

    TableCoverage(Block block, HitPolicy policy, Set<Competing> catchAlls, boolean gapsScoreZero, List<TableRow> lines,
                  TableFindings findings) {
        this.block = block;
        this.policy = policy;
        this.catchAlls = catchAlls;
        this.gapsScoreZero = gapsScoreZero;
        this.conditions = block.columns(TableFile.CONDITION);
        this.lines = lines;
        this.findings = findings;
    }

    /** Checks the usable rows; throws {@link ProfileSpace.TooComplex} when the table is too large to check exactly. */
    void check() {
        List<TableRow> analysed = lines.stream().filter(l -> l.usable).toList();
        // fields in the order of the table's columns, so that findings read like the table
        List<Comparison> comparisons = new ArrayList<>();
        for (Column column : conditions) {
            for (TableRow line : analysed) {
                List<Comparison> cell = line.cells.get(column.index());
                if (cell != null) {
                    comparisons.addAll(cell);
                }
            }
        }
        space = ProfileSpace.of(comparisons);
        for (TableRow line : analysed) {
            line.box = space.box(line.comparisons);
            if (line.box.isEmpty()) {
                reportEmpty(line);
            }
        }
        Map<Competing, List<TableRow>> byKind = new LinkedHashMap<>();
        for (TableRow line : analysed) {
            if (!line.dead && line.kind != null) {
                byKind.computeIfAbsent(line.kind, k -> new ArrayList<>()).add(line);
            }
        }
        boolean incomplete = lines.stream().anyMatch(l -> !l.usable || l.kind == null);
        byKind.forEach((kind, group) -> {
            if (kind.kind() == null) {
                return;
            }
            if (kind.kind().additive()) {
                checkBins(group, incomplete);
            } else {
                if (policy == HitPolicy.FIRST) {
                    checkShadowed(group);
                    checkEqualPriorities(group);
                } else {
                    checkUnique(group, kind.kind().required());
                }
                checkGap(kind, group, incomplete);
            }
        });
    }

    /** A row whose own cells exclude every customer ("5, 3" as from, below). */
    private void reportEmpty(TableRow line) {
        line.dead = true;
        int column = findings.rowStart();
        Column at = findings.nameColumn();
        Sentence why = new Sentence("its conditions together exclude every customer", "它的各条件合起来排除了所有客户");
        for (Map.Entry<Integer, List<Comparison>> cell : line.cells.entrySet()) {
            if (cell.getValue() != null && space.box(cell.getValue()).isEmpty()) {
                column = cell.getKey();
                at = findings.columnAt(column);
                why = new Sentence("no value satisfies '" + line.data.cell(column) + "' under " + at.title(),
                        "没有任何值满足 " + at.title() + " 下的 '" + line.data.cell(column) + "'");
                break;
            }
        }
        findings.add(line.data.row(), column, at, LintFinding.UNREACHABLE_ROW, LintFinding.ERROR, new Sentence(
                line.id + " never applies: " + why.en() + " (counts and years are whole numbers from 0, premium share"
                        + " and rank run from 0 to 100). Correct the values, or delete the row",
                line.id + " 永远不会生效：" + why.zh() + "（次数和年数是从 0 起的整数，保费占比和排名在 0 到 100 之间）。"
                        + "请改正取值，或删除这一行"));
    }

    /** FIRST: a row that rows of a higher priority take from every customer it holds for. */
    private void checkShadowed(List<TableRow> group) {
        for (TableRow line : group) {
            List<TableRow> higher = group.stream()
                    .filter(h -> h.modelled && !h.dead && h.priority > line.priority && h.box.intersects(line.box))
                    .sorted(Comparator.comparingInt((TableRow h) -> -h.priority)).toList();
            if (higher.isEmpty() || space.uncovered(line.box, higher.stream().map(h -> h.box).toList()) != null) {
                continue;
            }
            List<TableRow> by = higher.stream().filter(h -> h.box.contains(line.box)).limit(1).toList();
            if (by.isEmpty()) {
                by = higher;
            }
            line.dead = true;
            String names = by.stream().map(h -> h.id + " (" + rank(h) + ")")
                    .collect(Collectors.joining(by.size() == 2 ? " and " : ", "));
            String namesZh = by.stream().map(h -> h.id + "（" + rankZh(h) + "）").collect(Collectors.joining("、"));
            boolean redundant = by.stream().allMatch(h -> h.consequence.equals(line.consequence));
            String rows = by.size() > 1 ? "rows" : "row";
            findings.add(line.data.row(), findings.rowStart(), findings.nameColumn(), LintFinding.UNREACHABLE_ROW,
                    redundant ? LintFinding.WARNING : LintFinding.ERROR, new Sentence(
                    line.id + " (" + rank(line) + ") never applies: every customer it holds for is"
                            + " taken first by " + names + (by.size() > 1 ? " together" : "")
                            + (redundant ? ", which give the same " + line.kind.describe() + " (so only the reason"
                                    + " differs). Delete the row, or give it a higher priority if its reason should"
                                    + " show" : ". Delete the row, narrow the higher " + rows + ", or "
                                    + (block.sequential() ? "move this row above them" : "give this row a higher"
                                    + " priority") + " if it should win"),
                    line.id + "（" + rankZh(line) + "）永远不会生效：它适用的每个客户都先被 " + namesZh
                            + (by.size() > 1 ? " 合起来" : "") + "取走"
                            + (redundant ? "，它们给出相同的" + line.kind.describeZh() + "（只有原因不同）。请删除这一行；"
                                    + "若要显示它的原因，请提高它的优先级"
                                    : "。请删除这一行、缩小优先级更高的行的条件，或"
                                    + (block.sequential() ? "把这一行移到它们上面" : "提高这一行的优先级") + "（若应由它生效）")));
        }
    }

    /** FIRST: rows of the same priority that give one customer different outcomes. */
    private void checkEqualPriorities(List<TableRow> group) {
        for (int j = 0; j < group.size(); j++) {
            TableRow b = group.get(j);
            for (int i = 0; i < j; i++) {
                TableRow a = group.get(i);
                if (a.dead || b.dead || !a.modelled || !b.modelled || a.priority != b.priority
                        || a.consequence.equals(b.consequence) || !a.box.intersects(b.box)) {
                    continue;
                }
                List<Box> higher = group.stream().filter(h -> h.modelled && !h.dead && h.priority > a.priority)
                        .map(h -> h.box).toList();
                Box both = space.uncovered(a.box.intersection(b.box), higher);
                if (both == null) {
                    continue;
                }
                Sentence when = when(both);
                findings.addAtOutcome(b, LintFinding.CONFLICTING_OVERLAP, LintFinding.ERROR, new Sentence(
                        a.id + " and " + b.id + " have the same priority " + a.priority + " and both hold when "
                                + when.en() + ", but give " + a.outcome() + " and " + b.outcome() + ": the"
                                + " evaluation of such a customer fails. Give the row that should win a higher"
                                + " priority, or make the conditions exclusive",
                        a.id + " 和 " + b.id + " 的优先级同为 " + a.priority + "，在 " + when.zh() + " 时都成立，却分别给出 "
                                + a.outcome() + " 和 " + b.outcome() + "：这样的客户评估会失败。请提高应当生效的那一行的优先级，"
                                + "或让条件互斥"));
            }
        }
    }

    /** UNIQUE: any two rows that can hold for one customer with outcomes the engine will not settle. */
    private void checkUnique(List<TableRow> group, boolean single) {
        for (int j = 0; j < group.size(); j++) {
            TableRow b = group.get(j);
            for (int i = 0; i < j; i++) {
                TableRow a = group.get(i);
                boolean differ = !a.consequence.equals(b.consequence);
                if (a.dead || b.dead || !a.modelled || !b.modelled || !(differ || single)
                        || !a.box.intersects(b.box)) {
                    continue;
                }
                Box both = a.box.intersection(b.box);
                String what = b.kind.describe();
                String whatZh = b.kind.describeZh();
                String giving = differ ? "giving " + a.outcome() + " and " + b.outcome() : "both giving " + a.outcome();
                String givingZh = differ ? "分别给出 " + a.outcome() + " 和 " + b.outcome() : "都给出 " + a.outcome();
                String result = single ? "such a customer gets two " + what + "s and the evaluation fails"
                        : "such a customer gets the " + what + " twice; the engine keeps the higher severity";
                String resultZh = single ? "这样的客户会得到两个" + whatZh + "，评估失败"
                        : "这样的客户会两次得到" + whatZh + "，引擎保留严重程度较高的一个";
                Sentence when = when(both);
                findings.addAtOutcome(b, LintFinding.CONFLICTING_OVERLAP,
                        single ? LintFinding.ERROR : LintFinding.WARNING, new Sentence(
                        a.id + " and " + b.id + " both hold when " + when.en() + ", " + giving + ", and the pack's"
                                + " hit policy is UNIQUE: " + result + ". Make the conditions exclusive, or declare"
                                + " hitPolicy=FIRST in pack.properties and give the rows priorities",
                        a.id + " 和 " + b.id + " 在 " + when.zh() + " 时都成立，" + givingZh + "，而规则包的命中策略是 UNIQUE："
                                + resultZh + "。请让条件互斥，或在 pack.properties 中声明 hitPolicy=FIRST 并给各行设优先级"));
            }
        }
    }

    /** Customers no row of this kind applies to, unless a catch-all rule of the pack gives them the outcome. */
    private void checkGap(Competing kind, List<TableRow> group, boolean incomplete) {
        if (catchAlls.contains(kind)) {
            return;
        }
        List<TableRow> covering = group.stream().filter(l -> l.modelled && !l.dead).toList();
        boolean partial = incomplete || group.stream().anyMatch(l -> !l.modelled);
        if (covering.isEmpty() || space.fields().isEmpty()) {
            return;
        }
        Box gap = space.uncovered(space.all(), covering.stream().map(l -> l.box).toList());
        if (gap == null) {
            return;
        }
        boolean required = kind.kind().required();
        String what = kind.describe();
        String whatZh = kind.describeZh();
        String advice = required ? "such a customer gets no " + what + " from this table, and without one the"
                + " evaluation fails. Add a row for them, or a rule for everyone else in the pack's DRL with a low"
                + " salience (like GRD-090 Standard otherwise)"
                : "such a customer gets no " + what + " from this table. Fine if intended";
        String adviceZh = required ? "这样的客户从这张表得不到" + whatZh + "，没有它评估会失败。请为他们加一行，或在规则包的 DRL 中"
                + "加一条低 salience 的兜底规则（如 GRD-090 Standard otherwise）"
                : "这样的客户从这张表得不到" + whatZh + "。如果本意如此则无妨";
        Sentence when = when(gap);
        findings.add(block.row(), block.column(), null, LintFinding.GAP,
                required && !partial ? LintFinding.WARNING : LintFinding.INFO, new Sentence(
                "no row of table " + findings.tableName() + " applies when " + when.en() + ", and the pack has no"
                        + " catch-all rule for the " + what
                        + (partial ? " (rows the lint could not fully analyse are not counted)" : "") + ": " + advice,
                "在 " + when.zh() + " 时，表 " + findings.tableName() + " 没有任何一行适用，规则包也没有" + whatZh + "的兜底规则"
                        + (partial ? "（未计入检查无法完全分析的行）" : "") + "：" + adviceZh));
    }

    /**
     * Scorecards: the bins of one characteristic (the rows comparing the same fields) must not overlap,
     * and should cover the fields' range.
     */
    private void checkBins(List<TableRow> group, boolean incomplete) {
        Map<Set<ProfileFeature>, List<TableRow>> characteristics = new LinkedHashMap<>();
        for (TableRow line : group) {
            if (line.modelled && !line.dead && !line.comparisons.isEmpty()) {
                Set<ProfileFeature> fields = line.comparisons.stream().map(Comparison::feature)
                        .collect(Collectors.toCollection(TreeSet::new));
                characteristics.computeIfAbsent(fields, f -> new ArrayList<>()).add(line);
            }
        }
        characteristics.forEach((fields, bins) -> {
            String names = fields.stream().map(f -> f.field).collect(Collectors.joining(" and "));
            String namesZh = fields.stream().map(f -> f.field).collect(Collectors.joining("、"));
            for (int j = 0; j < bins.size(); j++) {
                for (int i = 0; i < j; i++) {
                    TableRow a = bins.get(i);
                    TableRow b = bins.get(j);
                    if (a.box.intersects(b.box)) {
                        Box both = a.box.intersection(b.box);
                        int column = firstCondition(b);
                        findings.add(b.data.row(), column, findings.columnAt(column), LintFinding.CONFLICTING_OVERLAP,
                                LintFinding.ERROR, new Sentence(a.id + " and " + b.id + " are bins of " + names + " that overlap:"
                                        + " a customer with " + space.example(both) + " is in both and gets "
                                        + a.outcome() + " + " + b.outcome() + " points. Make the ranges meet without"
                                        + " overlapping ('from, below' holds from 'from' up to, not including,"
                                        + " 'below')",
                                a.id + " 和 " + b.id + " 是 " + namesZh + " 的两个互相重叠的分箱：" + space.example(both, true)
                                        + " 的客户同时落入两者，得到 " + a.outcome() + " + " + b.outcome() + " 分。请让区间首尾相接而不重叠"
                                        + "（'from, below' 表示从 from 起、到 below 为止但不含 below）"));
                    }
                }
            }
            List<Box> boxes = bins.stream().map(l -> l.box).toList();
            int column = firstCondition(bins.get(0));
            Box gap = space.uncovered(space.known(fields), boxes);
            if (gap != null && gapsScoreZero) {
                Sentence when = when(gap);
                findings.add(block.row() + 4, column, findings.columnAt(column), LintFinding.GAP, LintFinding.INFO,
                        new Sentence("no bin of " + names + " applies when " + when.en() + ": such a customer scores 0 for it,"
                                + " with no reason, as the pack declares (scorecardGaps=zero)",
                        "在 " + when.zh() + " 时，" + namesZh + " 没有分箱适用：这样的客户此项得 0 分，不显示原因，"
                                + "正如规则包所声明（scorecardGaps=zero）"));
            } else if (gap != null) {
                Sentence when = when(gap);
                findings.add(block.row() + 4, column, findings.columnAt(column), LintFinding.GAP,
                        incomplete ? LintFinding.INFO : LintFinding.WARNING, new Sentence(
                        "no bin of " + names + " applies when " + when.en() + ": such a customer gets no points"
                                + " for it, and no reason shows it" + (incomplete ? " (rows the lint could not fully"
                                + " analyse are not counted)" : "") + ". Add a bin (worth 0 points if need be), or"
                                + " widen a neighbouring one, or declare scorecardGaps=zero in pack.properties when"
                                + " the card lists only the bins that give points",
                        "在 " + when.zh() + " 时，" + namesZh + " 没有分箱适用：这样的客户此项不得分，也没有原因说明"
                                + (incomplete ? "（未计入检查无法完全分析的行）" : "") + "。请加一个分箱（必要时为 0 分），"
                                + "或放宽相邻的分箱；若评分卡只列出给分的分箱，请在 pack.properties 中声明 scorecardGaps=zero"));
            } else if ((gap = space.uncovered(space.all(), boxes)) != null) {
                findings.add(block.row() + 4, column, findings.columnAt(column), LintFinding.GAP, LintFinding.INFO,
                        new Sentence("no bin of " + names + " applies when " + space.describe(gap) + " (no value known): such"
                                + " a customer gets no points for it. Fine if intended (a comparison with null is"
                                + " false, so a bin cannot catch it)",
                        "在 " + space.describe(gap, true) + "（没有已知值）时，" + namesZh + " 没有分箱适用：这样的客户此项不得分。"
                                + "如果本意如此则无妨（与空值的比较都不成立，分箱无法涵盖它）"));
            }
        });
    }

    /** "priority 80", or "row 12" in a Sequential table, where the rows rank top-down. */
    private String rank(TableRow line) {
        return block.sequential() ? "row " + line.spreadsheetRow() : "priority " + line.priority;
    }

    /** "优先级 80"，或顺序表中的 "第 12 行". */
    private String rankZh(TableRow line) {
        return block.sequential() ? "第 " + line.spreadsheetRow() + " 行" : "优先级 " + line.priority;
    }

    /**
     * "claims12m <= 2 (for example claims12m = 2)" ("claims12m <= 2（例如 claims12m = 2）"), without the example when it
     * says the same.
     */
    private Sentence when(Box box) {
        String description = space.describe(box);
        String example = space.example(box);
        if (description.equals(example)) {
            return new Sentence(description, space.describe(box, true));
        }
        return new Sentence(description + " (for example " + example + ")",
                space.describe(box, true) + "（例如 " + space.example(box, true) + "）");
    }

    private int firstCondition(TableRow line) {
        return line.cells.keySet().stream().findFirst().orElse(findings.rowStart());
    }
}
