package io.decisioning.rules.engine;

import io.decisioning.rules.engine.ProfileSpace.Box;
import io.decisioning.rules.engine.ProfileSpace.Comparison;
import io.decisioning.rules.engine.TableFile.Block;
import io.decisioning.rules.engine.TableFile.Column;
import io.decisioning.rules.engine.TableFile.DataRow;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.drools.drl.ast.descr.AndDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.PatternDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.drl.parser.DrlParser;
import org.drools.drl.parser.DroolsParserException;

/**
 * Checks a pack's decision tables beyond compiling them, and points at the cell to fix: rows that can
 * never fire, rows that overlap with outcomes the pack's hit policy cannot settle, customers no row
 * applies to, and blank cells that do not mean what they may seem to. "Table checks (lint)" in the
 * module's README says what each finding means to an analyst and how to fix it.
 *
 * <p>The lint reads a table as Drools does ({@link TableFile}: a CSV file, or the first sheet of a
 * workbook), models each CONDITION column as comparisons of numeric {@code CustomerProfile} fields
 * with the cell's values ({@link TableCondition}) and each row as a box of customers (the comparisons
 * of its filled cells; a blank cell leaves its condition out), and compares boxes exactly
 * ({@link ProfileSpace}). A column it cannot model is reported once ({@code NOT_ANALYSED}, INFO) and
 * never causes an ERROR: a row filling one holds for fewer customers than its box, so it can still be
 * found unreachable, but it neither shadows nor overlaps another row.
 *
 * <p>The hit policy ({@code hitPolicy} in {@code pack.properties}) decides which rows compete; only
 * rows inserting the same kind of outcome do (a grade; a warning of one type):
 * <ul>
 * <li>{@code FIRST}: a row is unreachable when rows of a strictly higher PRIORITY (salience) together
 *     hold for every customer it holds for: an ERROR, or a WARNING when those rows give the same
 *     outcome (the row is redundant: only the reason differs). Rows of equal priority never shadow
 *     each other; both fire, and where they give different outcomes to a customer no higher row
 *     takes, that is a conflicting overlap (ERROR: the evaluation fails).</li>
 * <li>{@code UNIQUE}: every row that holds gives its outcome, so two rows that can hold for one
 *     customer conflict: an ERROR for a grade, tier or decision (a second one fails the evaluation,
 *     even an equal one), a WARNING for warnings of one type with different severities (the engine
 *     keeps the higher).</li>
 * <li>Scorecards (rows inserting {@code ScorePoints}) add up under either policy: the rows comparing
 *     the same fields are the bins of one characteristic, which must not overlap (ERROR: points
 *     counted twice) and should cover the fields' range (WARNING; INFO for a null loss ratio, which no
 *     bin can catch).</li>
 * </ul>
 * A gap (customers no row applies to) is not reported when a rule in the pack's DRL files gives the
 * table's kind of outcome to every customer ({@code $p : CustomerProfile()} without constraints, like
 * GRD-090); otherwise it is a WARNING for a grade, tier or decision (the evaluation would fail) and
 * INFO for a warning (most customers have none). A table whose {@code Sequential} setting is true
 * ranks its rows top-down, as Drools does. Severities: ERROR, a row or customer surely does not get
 * what the table says (or the table does not compile); WARNING, probably a mistake; INFO, worth
 * knowing.
 */
public final class TableLint {

    private static final Pattern RULE_ID = Pattern.compile("([A-Z]{2,4}-\\d{2,4})(\\s.*)?");
    private static final Pattern LABEL_GROUP = Pattern.compile("(.*)\\(([^()]*)\\)\\s*");

    private TableLint() {
    }

    /** The findings on every decision table of the pack, in file order and, within a table, by cell. */
    public static List<LintFinding> lint(PackSource source) {
        List<LintFinding> findings = new ArrayList<>();
        HitPolicy policy = hitPolicy(source, findings);
        Set<Competing> catchAlls = catchAlls(source);
        new TreeMap<>(source.files()).forEach((file, content) -> {
            if (DecisionTable.isTable(file)) {
                lintFile(file, content, policy, catchAlls, findings);
            }
        });
        return List.copyOf(findings);
    }

    private static HitPolicy hitPolicy(PackSource source, List<LintFinding> findings) {
        byte[] descriptor = source.files().get(PackDescriptor.FILE);
        String problem;
        if (descriptor == null) {
            problem = "the pack has no " + PackDescriptor.FILE;
        } else {
            try {
                return PackDescriptor.parse(descriptor).hitPolicy();
            } catch (IllegalArgumentException e) {
                problem = e.getMessage();
            }
        }
        findings.add(new LintFinding(PackDescriptor.FILE, null, "", null, LintFinding.NOT_ANALYSED, LintFinding.INFO,
                problem + "; the tables were checked with the default hit policy UNIQUE"));
        return HitPolicy.UNIQUE;
    }

    /**
     * The outcomes (as {@link Competing#of}) that a rule of the pack's DRL files gives every customer:
     * a rule whose only condition is {@code CustomerProfile()} without constraints.
     */
    private static Set<Competing> catchAlls(PackSource source) {
        Set<Competing> kinds = new HashSet<>();
        source.files().forEach((file, content) -> {
            if (!file.endsWith(".drl")) {
                return;
            }
            DrlParser parser = new DrlParser();
            PackageDescr descr;
            try {
                descr = parser.parse(false, new String(content, StandardCharsets.UTF_8));
            } catch (DroolsParserException e) {
                return; // the compiler reports it; a file that does not parse has no catch-all
            }
            if (descr == null || parser.hasErrors()) {
                return;
            }
            for (RuleDescr rule : descr.getRules()) {
                AndDescr lhs = rule.getLhs();
                if (lhs != null && lhs.getDescrs().size() == 1 && lhs.getDescrs().get(0) instanceof PatternDescr pattern
                        && pattern.getObjectType().endsWith("CustomerProfile") && pattern.getDescrs().isEmpty()
                        && pattern.getSource() == null && rule.getConsequence() != null) {
                    kinds.add(Competing.of(rule.getConsequence().toString()));
                }
            }
        });
        return kinds;
    }

    private static void lintFile(String file, byte[] content, HitPolicy policy, Set<Competing> catchAlls,
                                 List<LintFinding> findings) {
        List<TableFile.Sheet> sheets;
        try {
            sheets = TableFile.read(file, content);
        } catch (IOException | RuntimeException e) {
            findings.add(new LintFinding(file, null, "", null, LintFinding.NOT_ANALYSED, LintFinding.INFO,
                    "cannot read the table (" + e.getMessage() + "); compile the pack to see why"));
            return;
        }
        if (sheets.isEmpty()) {
            return;
        }
        TableFile.Sheet first = sheets.get(0);
        for (Block block : TableFile.blocks(first)) {
            new Table(file, first.name(), block, policy, catchAlls).check(findings);
        }
        for (TableFile.Sheet other : sheets.subList(1, sheets.size())) {
            if (other.hasRuleTable()) {
                String cell = "";
                for (int r = 0; r < other.rows().size() && cell.isEmpty(); r++) {
                    for (int c = 0; c < other.rows().get(r).size(); c++) {
                        if (TableFile.isRuleTableCell(other.rows().get(r).get(c))) {
                            cell = TableFile.cellName(r, c);
                            break;
                        }
                    }
                }
                findings.add(new LintFinding(file, other.name(), cell, null, LintFinding.IGNORED_SHEET, LintFinding.ERROR,
                        "Drools reads only the first sheet of a workbook (" + first.name() + "), so the rules of sheet "
                                + other.name() + " never fire: move its RuleTable to the first sheet, or make it a"
                                + " table file of its own"));
            }
        }
    }

    /**
     * What rows compete on under a hit policy: the kind of outcome a row's action inserts, with the
     * warning type or scorecard it names (a grade; a REPEAT_CLAIMANT warning; VALUE points). The kind is
     * null when the action inserts no outcome, or several: such rows compete with nothing.
     */
    record Competing(OutcomeKind kind, String qualifier) {

        static Competing of(String consequence) {
            List<OutcomeKind.Insert> inserts = OutcomeKind.inserts(consequence);
            return inserts.size() == 1 ? new Competing(inserts.get(0).kind(), inserts.get(0).qualifier())
                    : new Competing(null, null);
        }

        /** "grade", "REPEAT_CLAIMANT warning", "VALUE points". */
        String describe() {
            return kind.describe(qualifier);
        }
    }

    /** One row of a table and what the lint made of it. */
    private static final class Line {
        final DataRow data;
        final String id;
        int priority;
        boolean blankPriority;
        /** False when a cell could not be read: the row is left out of the analysis (the compiler reports it). */
        boolean usable = true;
        /** False when the row fills a column the lint does not model: its box holds more customers than the row. */
        boolean modelled = true;
        /** True once found unreachable: it takes no further part. */
        boolean dead;
        final List<Comparison> comparisons = new ArrayList<>();
        /** The filled condition cells by column, with their comparisons (absent for unmodelled columns). */
        final Map<Integer, List<Comparison>> cells = new LinkedHashMap<>();
        final List<String> outcomeValues = new ArrayList<>();
        String consequence = "";
        /** Null when the row has no outcome (its action cells are blank or unreadable). */
        Competing kind;
        Box box;

        Line(DataRow data, String id) {
            this.data = data;
            this.id = id;
        }

        String outcome() {
            return String.join(", ", outcomeValues);
        }

        int spreadsheetRow() {
            return data.row() + 1;
        }
    }

    /** The checks of one RuleTable block. */
    private static final class Table {
        private final String file;
        private final String sheet;
        private final Block block;
        private final HitPolicy policy;
        private final Set<Competing> catchAlls;
        private final List<Column> conditions;
        private final List<Column> actions;
        private final Column nameColumn;
        private final Column priorityColumn;
        private final Map<Integer, TableCondition> models = new TreeMap<>();
        private final boolean scorecard;
        private final List<Found> found = new ArrayList<>();
        private final List<Line> lines = new ArrayList<>();
        private ProfileSpace space;

        private record Found(int row, int column, LintFinding finding) {
        }

        Table(String file, String sheet, Block block, HitPolicy policy, Set<Competing> catchAlls) {
            this.file = file;
            this.sheet = sheet;
            this.block = block;
            this.policy = policy;
            this.catchAlls = catchAlls;
            this.conditions = block.columns(TableFile.CONDITION);
            this.actions = block.columns(TableFile.ACTION);
            this.nameColumn = block.columns(TableFile.NAME).stream().findFirst().orElse(null);
            this.priorityColumn = block.columns(TableFile.PRIORITY).stream().findFirst().orElse(null);
            this.scorecard = actions.stream().anyMatch(a -> a.code().contains("ScorePoints"));
        }

        void check(List<LintFinding> findings) {
            modelColumns();
            readRows();
            checkPriorities();
            try {
                analyse();
            } catch (ProfileSpace.TooComplex e) {
                add(block.row(), block.column(), null, LintFinding.NOT_ANALYSED, LintFinding.INFO,
                        "table " + name() + " has too many rows and fields to check for unreachable rows, overlaps"
                                + " and gaps exactly; only its blank cells were checked");
            }
            found.sort(Comparator.comparingInt(Found::row).thenComparingInt(Found::column));
            found.forEach(f -> findings.add(f.finding()));
        }

        private void modelColumns() {
            for (Column column : conditions) {
                try {
                    models.put(column.index(), TableCondition.of(column.objectType(), column.code()));
                } catch (IllegalArgumentException e) {
                    add(block.row() + 3, column.index(), column, LintFinding.NOT_ANALYSED, LintFinding.INFO,
                            "condition not analysed: " + e.getMessage() + ". The lint understands comparisons of"
                                    + " numeric CustomerProfile fields with the cell's values (claims12m >= $param,"
                                    + " lossRatio3y != null); rows filling this column are checked for blanks, and"
                                    + " for being shadowed by other rows, but not for overlaps or gaps");
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
                Line line = new Line(data, id(data));
                lines.add(line);
                if (nameColumn != null && data.cell(nameColumn.index()).isEmpty()) {
                    add(data.row(), nameColumn.index(), nameColumn, LintFinding.AMBIGUOUS_BLANK, LintFinding.ERROR,
                            "row " + line.spreadsheetRow() + " has no rule name, so no stable ID: Drools names it \""
                                    + block.name().replace(' ', '_') + "_" + line.spreadsheetRow() + "\", which the"
                                    + " compiler rejects and no reason can cite. Write the ID and a title, like"
                                    + " \"GRD-045 Poor quality by early claims\"");
                }
                readPriority(line);
                readConditions(line, actionsNeedBinding);
                readActions(line);
            }
        }

        private void readPriority(Line line) {
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
                add(line.data.row(), priorityColumn.index(), priorityColumn, LintFinding.NOT_ANALYSED, LintFinding.INFO,
                        line.id + ": the priority '" + value + "' is not a whole number, so the row is left out of the"
                                + " checks (the compiler rejects it)");
            }
        }

        private void readConditions(Line line, boolean actionsNeedBinding) {
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
                    add(line.data.row(), column.index(), column, LintFinding.NOT_ANALYSED, LintFinding.INFO,
                            line.id + ": " + e.getMessage() + ", so the row is left out of the checks");
                }
            }
            if (line.cells.isEmpty() && !conditions.isEmpty()) {
                Column first = conditions.get(0);
                add(line.data.row(), first.index(), first, LintFinding.AMBIGUOUS_BLANK,
                        actionsNeedBinding ? LintFinding.ERROR : LintFinding.WARNING,
                        line.id + " fills no condition cell, so it applies to every customer"
                                + (actionsNeedBinding ? "; and as the customer ($p) is bound by the condition cells,"
                                        + " its action does not compile" : "")
                                + ". Fill the condition it was meant to have; for a rule that applies to everyone"
                                + " otherwise, write it in the pack's DRL with a low salience (like GRD-090 Standard"
                                + " otherwise)");
            }
        }

        /** Whether every value of a two-value cell ("3, 3") is there; adds the finding when one is missing. */
        private boolean allValues(Line line, Column column, String cell, int parameters) {
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
            add(line.data.row(), column.index(), column, LintFinding.AMBIGUOUS_BLANK, LintFinding.ERROR,
                    line.id + ": the cell '" + cell + "' holds " + (parameters - missing.size()) + " of the "
                            + parameters + " values its column takes; " + String.join(" and ", missing)
                            + (missing.size() == 1 ? " is" : " are") + " blank. A blank part means neither 0 nor"
                            + " 'no limit': Drools leaves the placeholder in the rule, which does not compile. Write"
                            + " all " + parameters + " values, separated by commas; for a range open at the top use"
                            + " the table's 'at least' column, if it has one");
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

        private void readActions(Line line) {
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
                add(line.data.row(), first.index(), first, LintFinding.AMBIGUOUS_BLANK,
                        scorecard ? LintFinding.WARNING : LintFinding.ERROR, scorecard
                                ? line.id + " has no points: a blank is not 0, the row inserts nothing, so the bin is"
                                        + " missing from the customer's reasons. Write 0 for a bin worth no points"
                                : line.id + " has no outcome (" + first.title() + " is blank): the row holds but decides"
                                        + " nothing. Fill it, or delete the row");
            } else {
                for (Column column : blank) {
                    add(line.data.row(), column.index(), column, LintFinding.AMBIGUOUS_BLANK, LintFinding.WARNING,
                            line.id + " leaves " + column.title() + " blank, so that action is left out of the rule."
                                    + " Fill it if the row should do it too");
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
            for (Line line : lines) {
                if (line.blankPriority) {
                    add(line.data.row(), priorityColumn.index(), priorityColumn, LintFinding.AMBIGUOUS_BLANK,
                            LintFinding.WARNING, line.id + " has no priority while other rows have one: a blank"
                                    + " counts as 0, the lowest usual priority (a catch-all such as GRD-090 has 0 too,"
                                    + " and two rules of equal priority that disagree fail the evaluation). Write the"
                                    + " priority; with hitPolicy=FIRST the highest one that holds wins");
                }
            }
        }

        private void analyse() {
            List<Line> analysed = lines.stream().filter(l -> l.usable).toList();
            // fields in the order of the table's columns, so that findings read like the table
            List<Comparison> comparisons = new ArrayList<>();
            for (Column column : conditions) {
                for (Line line : analysed) {
                    List<Comparison> cell = line.cells.get(column.index());
                    if (cell != null) {
                        comparisons.addAll(cell);
                    }
                }
            }
            space = ProfileSpace.of(comparisons);
            for (Line line : analysed) {
                line.box = space.box(line.comparisons);
                if (line.box.isEmpty()) {
                    reportEmpty(line);
                }
            }
            Map<Competing, List<Line>> byKind = new LinkedHashMap<>();
            for (Line line : analysed) {
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
        private void reportEmpty(Line line) {
            line.dead = true;
            int column = rowStart();
            Column at = nameColumn;
            String why = "its conditions together exclude every customer";
            for (Map.Entry<Integer, List<Comparison>> cell : line.cells.entrySet()) {
                if (cell.getValue() != null && space.box(cell.getValue()).isEmpty()) {
                    column = cell.getKey();
                    at = columnAt(column);
                    why = "no value satisfies '" + line.data.cell(column) + "' under " + at.title();
                    break;
                }
            }
            add(line.data.row(), column, at, LintFinding.UNREACHABLE_ROW, LintFinding.ERROR,
                    line.id + " never applies: " + why + " (counts and years are whole numbers from 0, premium share"
                            + " and rank run from 0 to 100). Correct the values, or delete the row");
        }

        /** FIRST: a row that rows of a higher priority take from every customer it holds for. */
        private void checkShadowed(List<Line> group) {
            for (Line line : group) {
                List<Line> higher = group.stream()
                        .filter(h -> h.modelled && !h.dead && h.priority > line.priority && h.box.intersects(line.box))
                        .sorted(Comparator.comparingInt((Line h) -> -h.priority)).toList();
                if (higher.isEmpty() || space.uncovered(line.box, higher.stream().map(h -> h.box).toList()) != null) {
                    continue;
                }
                List<Line> by = higher.stream().filter(h -> h.box.contains(line.box)).limit(1).toList();
                if (by.isEmpty()) {
                    by = higher;
                }
                line.dead = true;
                String names = by.stream().map(h -> h.id + " (" + rank(h) + ")")
                        .collect(Collectors.joining(by.size() == 2 ? " and " : ", "));
                boolean redundant = by.stream().allMatch(h -> h.consequence.equals(line.consequence));
                String rows = by.size() > 1 ? "rows" : "row";
                add(line.data.row(), rowStart(), nameColumn, LintFinding.UNREACHABLE_ROW,
                        redundant ? LintFinding.WARNING : LintFinding.ERROR,
                        line.id + " (" + rank(line) + ") never applies: every customer it holds for is"
                                + " taken first by " + names + (by.size() > 1 ? " together" : "")
                                + (redundant ? ", which give the same " + line.kind.describe() + " (so only the reason"
                                        + " differs). Delete the row, or give it a higher priority if its reason should"
                                        + " show" : ". Delete the row, narrow the higher " + rows + ", or "
                                        + (block.sequential() ? "move this row above them" : "give this row a higher"
                                        + " priority") + " if it should win"));
            }
        }

        /** FIRST: rows of the same priority that give one customer different outcomes. */
        private void checkEqualPriorities(List<Line> group) {
            for (int j = 0; j < group.size(); j++) {
                Line b = group.get(j);
                for (int i = 0; i < j; i++) {
                    Line a = group.get(i);
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
                    addAtOutcome(b, LintFinding.CONFLICTING_OVERLAP, LintFinding.ERROR,
                            a.id + " and " + b.id + " have the same priority " + a.priority + " and both hold when "
                                    + when(both) + ", but give " + a.outcome() + " and " + b.outcome() + ": the"
                                    + " evaluation of such a customer fails. Give the row that should win a higher"
                                    + " priority, or make the conditions exclusive");
                }
            }
        }

        /** UNIQUE: any two rows that can hold for one customer with outcomes the engine will not settle. */
        private void checkUnique(List<Line> group, boolean single) {
            for (int j = 0; j < group.size(); j++) {
                Line b = group.get(j);
                for (int i = 0; i < j; i++) {
                    Line a = group.get(i);
                    boolean differ = !a.consequence.equals(b.consequence);
                    if (a.dead || b.dead || !a.modelled || !b.modelled || !(differ || single)
                            || !a.box.intersects(b.box)) {
                        continue;
                    }
                    Box both = a.box.intersection(b.box);
                    String what = b.kind.describe();
                    String giving = differ ? "giving " + a.outcome() + " and " + b.outcome() : "both giving " + a.outcome();
                    String result = single ? "such a customer gets two " + what + "s and the evaluation fails"
                            : "such a customer gets the " + what + " twice; the engine keeps the higher severity";
                    addAtOutcome(b, LintFinding.CONFLICTING_OVERLAP, single ? LintFinding.ERROR : LintFinding.WARNING,
                            a.id + " and " + b.id + " both hold when " + when(both) + ", " + giving + ", and the pack's"
                                    + " hit policy is UNIQUE: " + result + ". Make the conditions exclusive, or declare"
                                    + " hitPolicy=FIRST in pack.properties and give the rows priorities");
                }
            }
        }

        /** Customers no row of this kind applies to, unless a catch-all rule of the pack gives them the outcome. */
        private void checkGap(Competing kind, List<Line> group, boolean incomplete) {
            if (catchAlls.contains(kind)) {
                return;
            }
            List<Line> covering = group.stream().filter(l -> l.modelled && !l.dead).toList();
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
            String advice = required ? "such a customer gets no " + what + " from this table, and without one the"
                    + " evaluation fails. Add a row for them, or a rule for everyone else in the pack's DRL with a low"
                    + " salience (like GRD-090 Standard otherwise)"
                    : "such a customer gets no " + what + " from this table. Fine if intended";
            add(block.row(), block.column(), null, LintFinding.GAP,
                    required && !partial ? LintFinding.WARNING : LintFinding.INFO,
                    "no row of table " + name() + " applies when " + when(gap) + ", and the pack has no catch-all rule"
                            + " for the " + what + (partial ? " (rows the lint could not fully analyse are not counted)"
                            : "") + ": " + advice);
        }

        /**
         * Scorecards: the bins of one characteristic (the rows comparing the same fields) must not overlap,
         * and should cover the fields' range.
         */
        private void checkBins(List<Line> group, boolean incomplete) {
            Map<Set<ProfileFeature>, List<Line>> characteristics = new LinkedHashMap<>();
            for (Line line : group) {
                if (line.modelled && !line.dead && !line.comparisons.isEmpty()) {
                    Set<ProfileFeature> fields = line.comparisons.stream().map(Comparison::feature)
                            .collect(Collectors.toCollection(TreeSet::new));
                    characteristics.computeIfAbsent(fields, f -> new ArrayList<>()).add(line);
                }
            }
            characteristics.forEach((fields, bins) -> {
                String names = fields.stream().map(f -> f.field).collect(Collectors.joining(" and "));
                for (int j = 0; j < bins.size(); j++) {
                    for (int i = 0; i < j; i++) {
                        Line a = bins.get(i);
                        Line b = bins.get(j);
                        if (a.box.intersects(b.box)) {
                            Box both = a.box.intersection(b.box);
                            int column = firstCondition(b);
                            add(b.data.row(), column, columnAt(column), LintFinding.CONFLICTING_OVERLAP,
                                    LintFinding.ERROR, a.id + " and " + b.id + " are bins of " + names + " that overlap:"
                                            + " a customer with " + space.example(both) + " is in both and gets "
                                            + a.outcome() + " + " + b.outcome() + " points. Make the ranges meet without"
                                            + " overlapping ('from, below' holds from 'from' up to, not including,"
                                            + " 'below')");
                        }
                    }
                }
                List<Box> boxes = bins.stream().map(l -> l.box).toList();
                int column = firstCondition(bins.get(0));
                Box gap = space.uncovered(space.known(fields), boxes);
                if (gap != null) {
                    add(block.row() + 4, column, columnAt(column), LintFinding.GAP,
                            incomplete ? LintFinding.INFO : LintFinding.WARNING,
                            "no bin of " + names + " applies when " + when(gap) + ": such a customer gets no points"
                                    + " for it, and no reason shows it" + (incomplete ? " (rows the lint could not fully"
                                    + " analyse are not counted)" : "") + ". Add a bin (worth 0 points if need be), or"
                                    + " widen a neighbouring one");
                } else if ((gap = space.uncovered(space.all(), boxes)) != null) {
                    add(block.row() + 4, column, columnAt(column), LintFinding.GAP, LintFinding.INFO,
                            "no bin of " + names + " applies when " + space.describe(gap) + " (no value known): such"
                                    + " a customer gets no points for it. Fine if intended (a comparison with null is"
                                    + " false, so a bin cannot catch it)");
                }
            });
        }

        /** "priority 80", or "row 12" in a Sequential table, where the rows rank top-down. */
        private String rank(Line line) {
            return block.sequential() ? "row " + line.spreadsheetRow() : "priority " + line.priority;
        }

        /** "claims12m <= 2 (for example claims12m = 2)", without the example when it says the same. */
        private String when(Box box) {
            String description = space.describe(box);
            String example = space.example(box);
            return description.equals(example) ? description : description + " (for example " + example + ")";
        }

        private int firstCondition(Line line) {
            return line.cells.keySet().stream().findFirst().orElse(rowStart());
        }

        private void addAtOutcome(Line line, String kind, String severity, String message) {
            Column at = actions.stream().filter(a -> !line.data.cell(a.index()).isEmpty()).findFirst().orElse(null);
            add(line.data.row(), at == null ? rowStart() : at.index(), at == null ? nameColumn : at, kind, severity,
                    message);
        }

        private int rowStart() {
            return nameColumn != null ? nameColumn.index() : block.column();
        }

        private Column columnAt(int index) {
            return block.columns().stream().filter(c -> c.index() == index).findFirst().orElse(null);
        }

        private String name() {
            return "'" + block.name() + "'";
        }

        private String id(DataRow data) {
            String name = nameColumn == null ? "" : data.cell(nameColumn.index());
            Matcher id = RULE_ID.matcher(name);
            return id.matches() ? id.group(1) : name.isEmpty() ? "row " + (data.row() + 1) : "\"" + name + "\"";
        }

        private void add(int row, int column, Column at, String kind, String severity, String message) {
            found.add(new Found(row, column, new LintFinding(file, sheet, TableFile.cellName(row, column),
                    at == null ? null : at.title(), kind, severity, message)));
        }
    }
}
