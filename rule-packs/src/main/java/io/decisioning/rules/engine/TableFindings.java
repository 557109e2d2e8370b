package io.decisioning.rules.engine;

import io.decisioning.rules.engine.TableFile.Block;
import io.decisioning.rules.engine.TableFile.Column;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The findings of the lint on one RuleTable block, each placed at the cell an analyst opens (file,
 * sheet, cell name, column label), and handed over sorted by row and column, so that the parts of the
 * lint ({@link TableRows}, {@link TableCoverage}) can report in the order they check.
 */
final class TableFindings {

    private record Found(int row, int column, LintFinding finding) {
    }

    private final String file;
    private final String sheet;
    private final Block block;
    private final Column nameColumn;
    private final List<Column> actions;
    private final List<Found> found = new ArrayList<>();

    TableFindings(String file, String sheet, Block block) {
        this.file = file;
        this.sheet = sheet;
        this.block = block;
        this.nameColumn = block.columns(TableFile.NAME).stream().findFirst().orElse(null);
        this.actions = block.columns(TableFile.ACTION);
    }

    /** A finding at the 0-based row and column, under the column {@code at} (null for the whole table). */
    void add(int row, int column, Column at, String kind, String severity, Sentence message) {
        found.add(new Found(row, column, new LintFinding(file, sheet, TableFile.cellName(row, column),
                at == null ? null : at.title(), kind, severity, message)));
    }

    /** A finding at the row's first filled action cell: the outcome in question. */
    void addAtOutcome(TableRow line, String kind, String severity, Sentence message) {
        Column at = actions.stream().filter(a -> !line.data.cell(a.index()).isEmpty()).findFirst().orElse(null);
        add(line.data.row(), at == null ? rowStart() : at.index(), at == null ? nameColumn : at, kind, severity,
                message);
    }

    /** The table's NAME column, or null. */
    Column nameColumn() {
        return nameColumn;
    }

    /** The column where a row starts: its name, or the table's first column. */
    int rowStart() {
        return nameColumn != null ? nameColumn.index() : block.column();
    }

    Column columnAt(int index) {
        return block.columns().stream().filter(c -> c.index() == index).findFirst().orElse(null);
    }

    /** "'Grade thresholds'": the table's name, quoted for messages. */
    String tableName() {
        return "'" + block.name() + "'";
    }

    /** Adds the findings to {@code findings} by row, then column. */
    void addSortedTo(List<LintFinding> findings) {
        found.sort(Comparator.comparingInt(Found::row).thenComparingInt(Found::column));
        found.forEach(f -> findings.add(f.finding()));
    }
}
