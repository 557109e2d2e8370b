package io.decisioning.rules.engine;

import io.decisioning.rules.engine.ProfileSpace.Comparison;
import io.decisioning.rules.engine.TableFile.Block;
import io.decisioning.rules.engine.TableFile.Column;
import io.decisioning.rules.engine.TableFile.DataRow;
import io.decisioning.rules.engine.TableRow.Competing;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads the rows of a RuleTable block into {@link TableRow}s the lint can compare: each row's rule ID,
 * priority, the comparisons of its condition cells (each CONDITION column modelled by
 * {@link TableCondition}) and the outcome of its action cells. On the way it reports the cells that do
 * not mean what they may seem to ({@code AMBIGUOUS_BLANK}: a blank name, priority, outcome or half of a
 * two-value cell, a row without conditions) and what it cannot read ({@code NOT_ANALYSED}: a column it
 * does not model, a value that is not a number).
 */
final class TableRows {

    private static final Pattern RULE_ID = Pattern.compile("([A-Z]{2,4}-\\d{2,4})(\\s.*)?");
    private static final Pattern LABEL_GROUP = Pattern.compile("(.*)\\(([^()]*)\\)\\s*");

    private final Block block;
    private final HitPolicy policy;
    private final TableFindings findings;
    private final List<Column> conditions;
    private final List<Column> actions;
    private final Column nameColumn;
    private final Column priorityColumn;
    private final Map<Integer, TableCondition> models = new TreeMap<>();
    private final boolean scorecard;
    /** True for a table of a pair pack: its conditions read {@code RecordPair}, which {@link TableCondition} does not model. */
    private final boolean pairs;
    private final List<TableRow> lines = new ArrayList<>();

    private TableRows(Block block, HitPolicy policy, TableFindings findings, boolean pairs) {
        this.block = block;
        this.pairs = pairs;
        this.policy = policy;
        this.findings = findings;
        this.conditions = block.columns(TableFile.CONDITION);
        this.actions = block.columns(TableFile.ACTION);
        this.nameColumn = findings.nameColumn();
        this.priorityColumn = block.columns(TableFile.PRIORITY).stream().findFirst().orElse(null);
        this.scorecard = actions.stream().anyMatch(a -> OutcomeKind.inserts(a.code()).stream()
                .anyMatch(insert -> insert.kind().additive()));
    }

    /** The block's rows, in table order; what is blank or cannot be read goes to {@code findings}. */
    static List<TableRow> read(Block block, HitPolicy policy, TableFindings findings) {
        TableRows rows = new TableRows(block, policy, findings, false);
        rows.modelColumns();
        rows.readRows();
        rows.checkPriorities();
        return rows.lines;
    }

    /**
     * The rows of a table of a pair pack, for the checks of their cells alone (blank names, priorities,
     * outcomes, rows without a condition): {@link PairCoverage} compares such rows by running the pack.
     */
    static List<TableRow> readPairs(Block block, HitPolicy policy, TableFindings findings) {
        TableRows rows = new TableRows(block, policy, findings, true);
        rows.readRows();
        rows.checkPriorities();
        return rows.lines;
    }

    private void modelColumns() {
        for (Column column : conditions) {
            try {
                models.put(column.index(), TableCondition.of(column.objectType(), column.code()));
            } catch (IllegalArgumentException e) {
                findings.add(block.row() + 3, column.index(), column, LintFinding.NOT_ANALYSED, LintFinding.INFO,
                        new Sentence("condition not analysed: " + e.getMessage() + ". The lint understands comparisons of"
                                + " numeric CustomerProfile fields with the cell's values (claims12m >= $param,"
                                + " lossRatio3y != null); rows filling this column are checked for blanks, and"
                                + " for being shadowed by other rows, but not for overlaps or gaps",
                        "未分析该条件：" + e.getMessage() + "。检查能理解 CustomerProfile 数值字段与单元格取值的比较"
                                + "（claims12m >= $param、lossRatio3y != null）；填写此列的行会检查空白和是否被其他行遮蔽，"
                                + "但不检查重叠和缺口"));
            }
        }
    }

    private void readRows() {
        Set<String> bindings = new HashSet<>();
        for (Column column : conditions) {
            bindings.addAll(TableCondition.bindings(column.objectType() + " " + column.code()));
        }
        boolean actionsNeedBinding = actions.stream().anyMatch(a -> bindings.stream().anyMatch(b ->
                Pattern.compile(Pattern.quote(b) + "\\b").matcher(a.code()).find()));
        for (DataRow data : block.rows()) {
            TableRow line = new TableRow(data, id(data));
            lines.add(line);
            if (nameColumn != null && data.cell(nameColumn.index()).isEmpty()) {
                String generated = block.name().replace(' ', '_') + "_" + line.spreadsheetRow();
                findings.add(data.row(), nameColumn.index(), nameColumn, LintFinding.AMBIGUOUS_BLANK, LintFinding.ERROR,
                        new Sentence("row " + line.spreadsheetRow() + " has no rule name, so no stable ID: Drools names it \""
                                + generated + "\", which the compiler rejects and no reason can cite. Write the ID and a"
                                + " title, like \"GRD-045 Poor quality by early claims\"",
                        "第 " + line.spreadsheetRow() + " 行没有规则名，因而没有稳定的编号：Drools 会把它命名为 \"" + generated
                                + "\"，编译器会拒绝，原因也无法引用它。请写上编号和标题，例如 \"GRD-045 Poor quality by early claims\""));
            }
            readPriority(line);
            readConditions(line, actionsNeedBinding);
            readActions(line);
        }
    }

    private void readPriority(TableRow line) {
        if (block.sequential()) {
            line.priority = -line.data.row();
            return;
        }
        String value = priorityColumn == null ? "" : line.data.cell(priorityColumn.index());
        if (value.isEmpty()) {
            line.blankPriority = true;
            return;
        }
        try {
            line.priority = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            line.usable = false;
            findings.add(line.data.row(), priorityColumn.index(), priorityColumn, LintFinding.NOT_ANALYSED,
                    LintFinding.INFO,
                    new Sentence(line.id + ": the priority '" + value + "' is not a whole number, so the row is left out of the"
                            + " checks (the compiler rejects it)",
                            line.id + "：优先级 '" + value + "' 不是整数，这一行不参与检查（编译器会拒绝它）"));
        }
    }

    private void readConditions(TableRow line, boolean actionsNeedBinding) {
        for (Column column : conditions) {
            String cell = line.data.cell(column.index());
            if (cell.isEmpty()) {
                continue;
            }
            int parameters = TableCondition.parameters(column.code());
            if (parameters >= 2 && !allValues(line, column, cell, parameters)) {
                line.usable = false;
                line.cells.put(column.index(), null);
                continue;
            }
            TableCondition model = models.get(column.index());
            if (model == null) {
                line.modelled = false;
                line.cells.put(column.index(), null);
                continue;
            }
            try {
                List<Comparison> comparisons = model.comparisons(cell);
                line.comparisons.addAll(comparisons);
                line.cells.put(column.index(), comparisons);
            } catch (IllegalArgumentException e) {
                line.usable = false;
                line.cells.put(column.index(), null);
                findings.add(line.data.row(), column.index(), column, LintFinding.NOT_ANALYSED, LintFinding.INFO,
                        new Sentence(line.id + ": " + e.getMessage() + ", so the row is left out of the checks",
                                line.id + "：" + e.getMessage() + "，这一行不参与检查"));
            }
        }
        if (line.cells.isEmpty() && !conditions.isEmpty()) {
            Column first = conditions.get(0);
            findings.add(line.data.row(), first.index(), first, LintFinding.AMBIGUOUS_BLANK,
                    actionsNeedBinding ? LintFinding.ERROR : LintFinding.WARNING,
                    new Sentence(line.id + " fills no condition cell, so it applies to every " + subject()
                            + (actionsNeedBinding ? "; and as the " + subject() + " ($p) is bound by the condition cells,"
                                    + " its action does not compile" : "")
                            + ". Fill the condition it was meant to have; for a rule that applies to everyone"
                            + " otherwise, write it in the pack's DRL with a low salience (like GRD-090 Standard"
                            + " otherwise)",
                    line.id + " 没有填写任何条件单元格，因此适用于每一个" + subjectZh()
                            + (actionsNeedBinding ? "；又因" + subjectZh() + "（$p）由条件单元格绑定，它的动作无法编译" : "")
                            + "。请填写它本应有的条件；适用于其余所有对象的规则，请写在规则包的 DRL 中并设低 salience"
                            + "（如 GRD-090 Standard otherwise）"));
        }
    }

    private String subject() {
        return pairs ? "pair" : "customer";
    }

    private String subjectZh() {
        return pairs ? "记录对" : "客户";
    }

    /** Whether every value of a two-value cell ("3, 3") is there; adds the finding when one is missing. */
    private boolean allValues(TableRow line, Column column, String cell, int parameters) {
        List<String> values = TableCondition.values(cell, parameters);
        List<String> missing = new ArrayList<>();
        List<String> parts = labelParts(column.label(), parameters);
        for (int i = 0; i < parameters; i++) {
            if (values.get(i).isEmpty()) {
                missing.add(parts == null ? "value " + (i + 1) : "'" + parts.get(i) + "'");
            }
        }
        if (missing.isEmpty()) {
            return true;
        }
        findings.add(line.data.row(), column.index(), column, LintFinding.AMBIGUOUS_BLANK, LintFinding.ERROR,
                new Sentence(line.id + ": the cell '" + cell + "' holds " + (parameters - missing.size()) + " of the "
                        + parameters + " values its column takes; " + String.join(" and ", missing)
                        + (missing.size() == 1 ? " is" : " are") + " blank. A blank part means neither 0 nor"
                        + " 'no limit': Drools leaves the placeholder in the rule, which does not compile. Write"
                        + " all " + parameters + " values, separated by commas; for a range open at the top use"
                        + " the table's 'at least' column, if it has one",
                line.id + "：单元格 '" + cell + "' 只填了该列所需 " + parameters + " 个值中的 " + (parameters - missing.size())
                        + " 个；" + String.join("、", missing) + " 为空。空白既不表示 0 也不表示“无上限”：Drools 会把占位符"
                        + "留在规则里，无法编译。请写全 " + parameters + " 个值，用逗号分隔；上不封顶的区间请使用表中的“at least”列（如有）"));
        return false;
    }

    /**
     * What each value of a cell is, from its column's label: "tenure years at least, claim-free years at
     * least" names two; so does "premium rank % (from, below)": "premium rank % from", "... below".
     */
    private static List<String> labelParts(String label, int parameters) {
        Matcher grouped = LABEL_GROUP.matcher(label);
        if (grouped.matches() && grouped.group(2).split(",").length == parameters) {
            return Stream.of(grouped.group(2).split(","))
                    .map(part -> grouped.group(1).trim() + " " + part.trim()).toList();
        }
        String[] parts = label.split(",");
        return parts.length == parameters ? Stream.of(parts).map(String::trim).toList() : null;
    }

    private void readActions(TableRow line) {
        List<Column> blank = new ArrayList<>();
        List<String> consequence = new ArrayList<>();
        for (Column column : actions) {
            String cell = line.data.cell(column.index());
            if (cell.isEmpty()) {
                blank.add(column);
                continue;
            }
            int parameters = TableCondition.parameters(column.code());
            if (parameters >= 2 && !allValues(line, column, cell, parameters)) {
                line.usable = false;
                continue;
            }
            line.outcomeValues.add(cell);
            consequence.add(substitute(column.code(), cell, parameters));
        }
        line.consequence = String.join("\n", consequence).replaceAll("\\s+", " ").trim();
        line.kind = consequence.isEmpty() ? null : Competing.of(line.consequence);
        if (!actions.isEmpty() && blank.size() == actions.size()) {
            Column first = actions.get(0);
            findings.add(line.data.row(), first.index(), first, LintFinding.AMBIGUOUS_BLANK,
                    scorecard ? LintFinding.WARNING : LintFinding.ERROR, scorecard
                            ? new Sentence(line.id + " has no points: a blank is not 0, the row inserts nothing, so the bin is"
                                    + " missing from the customer's reasons. Write 0 for a bin worth no points",
                                    line.id + " 没有分值：空白不等于 0，这一行什么也不插入，客户的原因里就缺了这个分箱。不给分的分箱请写 0")
                            : new Sentence(line.id + " has no outcome (" + first.title() + " is blank): the row holds but decides"
                                    + " nothing. Fill it, or delete the row",
                                    line.id + " 没有结果（" + first.title() + " 为空）：这一行成立却什么也不决定。请填写，或删除这一行"));
        } else {
            for (Column column : blank) {
                findings.add(line.data.row(), column.index(), column, LintFinding.AMBIGUOUS_BLANK, LintFinding.WARNING,
                        new Sentence(line.id + " leaves " + column.title() + " blank, so that action is left out of the rule."
                                + " Fill it if the row should do it too",
                                line.id + " 的 " + column.title() + " 为空，规则中就没有这个动作。若这一行也应执行它，请填写"));
            }
        }
    }

    private static String substitute(String code, String cell, int parameters) {
        if (parameters >= 2 || code.matches("(?s).*\\$1\\b.*")) {
            List<String> values = TableCondition.values(cell, Math.max(parameters, 1));
            String result = code;
            for (int i = values.size(); i >= 1; i--) {
                result = result.replace("$" + i, values.get(i - 1));
            }
            return result;
        }
        return code.replace("$param", cell);
    }

    private void checkPriorities() {
        if (policy != HitPolicy.FIRST || block.sequential() || priorityColumn == null
                || lines.stream().allMatch(l -> l.blankPriority)) {
            return;
        }
        for (TableRow line : lines) {
            if (line.blankPriority) {
                findings.add(line.data.row(), priorityColumn.index(), priorityColumn, LintFinding.AMBIGUOUS_BLANK,
                        LintFinding.WARNING, new Sentence(line.id + " has no priority while other rows have one: a blank"
                                + " counts as 0, the lowest usual priority (a catch-all such as GRD-090 has 0 too,"
                                + " and two rules of equal priority that disagree fail the evaluation). Write the"
                                + " priority; with hitPolicy=FIRST the highest one that holds wins",
                                line.id + " 没有优先级，而其他行有：空白按 0 计，即通常最低的优先级（GRD-090 这类兜底规则也是 0，"
                                        + "两条优先级相同而结果不一致的规则会导致评估失败）。请填写优先级；hitPolicy=FIRST 时成立的行中优先级最高者生效"));
            }
        }
    }

    private String id(DataRow data) {
        String name = nameColumn == null ? "" : data.cell(nameColumn.index());
        Matcher id = RULE_ID.matcher(name);
        return id.matches() ? id.group(1) : name.isEmpty() ? "row " + (data.row() + 1) : "\"" + name + "\"";
    }
}
