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
        String why = "its conditions together exclude every customer";
        for (Map.Entry<Integer, List<Comparison>> cell : line.cells.entrySet()) {
            if (cell.getValue() != null && space.box(cell.getValue()).isEmpty()) {
                column = cell.getKey();
                at = findings.columnAt(column);
                why = "no value satisfies '" + line.data.cell(column) + "' under " + at.title();
                break;
            }
        }
        findings.add(line.data.row(), column, at, LintFinding.UNREACHABLE_ROW, LintFinding.ERROR,
                line.id + " never applies: " + why + " (counts and years are whole numbers from 0, premium share"
                        + " and rank run from 0 to 100). Correct the values, or delete the row");
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
            boolean redundant = by.stream().allMatch(h -> h.consequence.equals(line.consequence));
            String rows = by.size() > 1 ? "rows" : "row";
            findings.add(line.data.row(), findings.rowStart(), findings.nameColumn(), LintFinding.UNREACHABLE_ROW,
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
                findings.addAtOutcome(b, LintFinding.CONFLICTING_OVERLAP, LintFinding.ERROR,
                        a.id + " and " + b.id + " have the same priority " + a.priority + " and both hold when "
                                + when(both) + ", but give " + a.outcome() + " and " + b.outcome() + ": the"
                                + " evaluation of such a customer fails. Give the row that should win a higher"
                                + " priority, or make the conditions exclusive");
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
                String giving = differ ? "giving " + a.outcome() + " and " + b.outcome() : "both giving " + a.outcome();
                String result = single ? "such a customer gets two " + what + "s and the evaluation fails"
                        : "such a customer gets the " + what + " twice; the engine keeps the higher severity";
                findings.addAtOutcome(b, LintFinding.CONFLICTING_OVERLAP,
                        single ? LintFinding.ERROR : LintFinding.WARNING,
                        a.id + " and " + b.id + " both hold when " + when(both) + ", " + giving + ", and the pack's"
                                + " hit policy is UNIQUE: " + result + ". Make the conditions exclusive, or declare"
                                + " hitPolicy=FIRST in pack.properties and give the rows priorities");
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
        String advice = required ? "such a customer gets no " + what + " from this table, and without one the"
                + " evaluation fails. Add a row for them, or a rule for everyone else in the pack's DRL with a low"
                + " salience (like GRD-090 Standard otherwise)"
                : "such a customer gets no " + what + " from this table. Fine if intended";
        findings.add(block.row(), block.column(), null, LintFinding.GAP,
                required && !partial ? LintFinding.WARNING : LintFinding.INFO,
                "no row of table " + findings.tableName() + " applies when " + when(gap) + ", and the pack has no"
                        + " catch-all rule for the " + what
                        + (partial ? " (rows the lint could not fully analyse are not counted)" : "") + ": " + advice);
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
            for (int j = 0; j < bins.size(); j++) {
                for (int i = 0; i < j; i++) {
                    TableRow a = bins.get(i);
                    TableRow b = bins.get(j);
                    if (a.box.intersects(b.box)) {
                        Box both = a.box.intersection(b.box);
                        int column = firstCondition(b);
                        findings.add(b.data.row(), column, findings.columnAt(column), LintFinding.CONFLICTING_OVERLAP,
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
            if (gap != null && gapsScoreZero) {
                findings.add(block.row() + 4, column, findings.columnAt(column), LintFinding.GAP, LintFinding.INFO,
                        "no bin of " + names + " applies when " + when(gap) + ": such a customer scores 0 for it,"
                                + " with no reason, as the pack declares (scorecardGaps=zero)");
            } else if (gap != null) {
                findings.add(block.row() + 4, column, findings.columnAt(column), LintFinding.GAP,
                        incomplete ? LintFinding.INFO : LintFinding.WARNING,
                        "no bin of " + names + " applies when " + when(gap) + ": such a customer gets no points"
                                + " for it, and no reason shows it" + (incomplete ? " (rows the lint could not fully"
                                + " analyse are not counted)" : "") + ". Add a bin (worth 0 points if need be), or"
                                + " widen a neighbouring one, or declare scorecardGaps=zero in pack.properties when"
                                + " the card lists only the bins that give points");
            } else if ((gap = space.uncovered(space.all(), boxes)) != null) {
                findings.add(block.row() + 4, column, findings.columnAt(column), LintFinding.GAP, LintFinding.INFO,
                        "no bin of " + names + " applies when " + space.describe(gap) + " (no value known): such"
                                + " a customer gets no points for it. Fine if intended (a comparison with null is"
                                + " false, so a bin cannot catch it)");
            }
        });
    }

    /** "priority 80", or "row 12" in a Sequential table, where the rows rank top-down. */
    private String rank(TableRow line) {
        return block.sequential() ? "row " + line.spreadsheetRow() : "priority " + line.priority;
    }

    /** "claims12m <= 2 (for example claims12m = 2)", without the example when it says the same. */
    private String when(Box box) {
        String description = space.describe(box);
        String example = space.example(box);
        return description.equals(example) ? description : description + " (for example " + example + ")";
    }

    private int firstCondition(TableRow line) {
        return line.cells.keySet().stream().findFirst().orElse(findings.rowStart());
    }
}
