package io.decisioning.rules.engine;

import io.decisioning.rules.engine.TableFile.Block;
import io.decisioning.rules.engine.TableRow.Competing;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
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
 *     bin can catch, and for a pack declaring {@code scorecardGaps=zero}: its cards list only the bins
 *     that give points).</li>
 * </ul>
 * A gap (customers no row applies to) is not reported when a rule in the pack's DRL files gives the
 * table's kind of outcome to every customer ({@code $p : CustomerProfile()} without constraints, like
 * GRD-090); otherwise it is a WARNING for a grade, tier or decision (the evaluation would fail) and
 * INFO for a warning (most customers have none). A table whose {@code Sequential} setting is true
 * ranks its rows top-down, as Drools does. Severities: ERROR, a row or customer surely does not get
 * what the table says (or the table does not compile); WARNING, probably a mistake; INFO, worth
 * knowing.
 *
 * <p>This class reads the pack (its hit policy, its DRL catch-alls, its table files and sheets); for
 * each RuleTable block, {@link TableRows} reads the rows and reports blank or unreadable cells,
 * {@link TableCoverage} compares the rows as sets of customers, and {@link TableFindings} places each
 * finding at its cell.
 *
 * <p>The tables of a pair pack ({@code subject=pair}, the {@code identity} pack) read the true/false flags
 * of a {@code RecordPair}: their cells are checked the same way, and their rows are compared by running
 * every combination of the flags through the compiled pack ({@link PairCoverage}).
 */
public final class TableLint {

    private TableLint() {
    }

    /** The findings on every decision table of the pack, in file order and, within a table, by cell. */
    public static List<LintFinding> lint(PackSource source) {
        List<LintFinding> findings = new ArrayList<>();
        HitPolicy policy = hitPolicy(source, findings);
        Set<Competing> catchAlls = catchAlls(source);
        boolean pairs = PackDescriptor.subjectOf(source) == PackSubject.PAIR;
        boolean tables = source.files().keySet().stream().anyMatch(DecisionTable::isTable);
        Checks checks = new Checks(policy, catchAlls, pairs && tables ? PairCoverage.of(source) : null, pairs,
                scorecardGapsScoreZero(source));
        new TreeMap<>(source.files()).forEach((file, content) -> {
            if (DecisionTable.isTable(file)) {
                lintFile(file, content, checks, findings);
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
                new Sentence(problem + "; the tables were checked with the default hit policy UNIQUE",
                        problem + "；各表按默认命中策略 UNIQUE 检查")));
        return HitPolicy.UNIQUE;
    }

    /** {@code scorecardGaps=zero} in the pack's descriptor ({@link PackDescriptor#scorecardGapsScoreZero}). */
    private static boolean scorecardGapsScoreZero(PackSource source) {
        byte[] descriptor = source.files().get(PackDescriptor.FILE);
        if (descriptor == null) {
            return false;
        }
        java.util.Properties properties = new java.util.Properties();
        try {
            properties.load(new java.io.StringReader(new String(descriptor, StandardCharsets.UTF_8)));
            return PackDescriptor.scorecardGapsScoreZero(properties);
        } catch (java.io.IOException | IllegalArgumentException e) {
            return false; // reported with the hit policy
        }
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

    /**
     * What the tables of one pack are checked with: its hit policy and catch-alls; for a pair pack
     * ({@code subject=pair}) the combinations of its flags run through its rules (null when it does not
     * compile).
     */
    private record Checks(HitPolicy policy, Set<Competing> catchAlls, PairCoverage pairCoverage, boolean pairs,
                          boolean gapsScoreZero) {
    }

    private static void lintFile(String file, byte[] content, Checks checks, List<LintFinding> findings) {
        List<TableFile.Sheet> sheets;
        try {
            sheets = TableFile.read(file, content);
        } catch (IOException | RuntimeException e) {
            findings.add(new LintFinding(file, null, "", null, LintFinding.NOT_ANALYSED, LintFinding.INFO,
                    new Sentence("cannot read the table (" + e.getMessage() + "); compile the pack to see why",
                            "无法读取该表（" + e.getMessage() + "）；编译规则包可查看原因")));
            return;
        }
        if (sheets.isEmpty()) {
            return;
        }
        TableFile.Sheet first = sheets.get(0);
        for (Block block : TableFile.blocks(first)) {
            lintBlock(file, first.name(), block, checks, findings);
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
                        new Sentence("Drools reads only the first sheet of a workbook (" + first.name() + "), so the rules of sheet "
                                + other.name() + " never fire: move its RuleTable to the first sheet, or make it a"
                                + " table file of its own",
                                "Drools 只读取工作簿的第一张工作表（" + first.name() + "），工作表 " + other.name()
                                        + " 的规则永远不会触发：请把它的 RuleTable 移到第一张工作表，或单独做成一个表文件")));
            }
        }
    }

    /** The checks of one RuleTable block: its cells as they are read, then its rows compared. */
    private static void lintBlock(String file, String sheet, Block block, Checks checks, List<LintFinding> findings) {
        TableFindings found = new TableFindings(file, sheet, block);
        if (checks.pairs()) {
            List<TableRow> rows = TableRows.readPairs(block, checks.policy(), found);
            if (checks.pairCoverage() != null) {
                checks.pairCoverage().check(block, rows, found);
            }
            found.addSortedTo(findings);
            return;
        }
        List<TableRow> rows = TableRows.read(block, checks.policy(), found);
        try {
            new TableCoverage(block, checks.policy(), checks.catchAlls(), checks.gapsScoreZero(), rows, found).check();
        } catch (ProfileSpace.TooComplex e) {
            found.add(block.row(), block.column(), null, LintFinding.NOT_ANALYSED, LintFinding.INFO,
                    new Sentence("table " + found.tableName() + " has too many rows and fields to check for unreachable rows,"
                            + " overlaps and gaps exactly; only its blank cells were checked",
                            "表 " + found.tableName() + " 的行和字段太多，无法精确检查不可达的行、重叠和缺口；只检查了空白单元格"));
        }
        found.addSortedTo(findings);
    }
}
