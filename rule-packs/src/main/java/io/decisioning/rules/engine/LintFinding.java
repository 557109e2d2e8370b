package io.decisioning.rules.engine;

import java.util.Objects;
import java.util.Set;

/**
 * Something {@link TableLint} found in a decision table, at the cell an analyst opens in the
 * spreadsheet.
 *
 * @param file     the table's file name in the pack, e.g. {@code grade-thresholds.drl.csv}
 * @param sheet    the sheet of a workbook ({@code *.drl.xlsx}, {@code *.drl.xls}); null for a CSV table
 * @param cell     the cell as the spreadsheet names it, e.g. {@code D12}: column letter and row number
 *                 (for a CSV table the row is the line of the file)
 * @param column   the label of the cell's column (the row of labels under the code), e.g.
 *                 {@code claims in 12 months at least}; null for a finding about a whole table
 * @param kind     {@link #UNREACHABLE_ROW}, {@link #CONFLICTING_OVERLAP}, {@link #GAP}, {@link #AMBIGUOUS_BLANK},
 *                 {@link #NOT_ANALYSED} or {@link #IGNORED_SHEET}
 * @param severity {@link #ERROR} (a row or customer does not get what the table says; fix it),
 *                 {@link #WARNING} (probably a mistake; look at it) or {@link #INFO} (worth knowing)
 * @param message  what is wrong and how to fix it, in the table's terms, in English and Chinese
 */
public record LintFinding(String file, String sheet, String cell, String column, String kind, String severity,
                          Sentence message) {

    /** A row no customer can ever get the outcome of. */
    public static final String UNREACHABLE_ROW = "UNREACHABLE_ROW";
    /** Two rows that can hold for the same customer and whose outcomes the hit policy cannot settle. */
    public static final String CONFLICTING_OVERLAP = "CONFLICTING_OVERLAP";
    /** Customers no row of the table applies to. */
    public static final String GAP = "GAP";
    /** An empty cell whose meaning is not what it may look like. */
    public static final String AMBIGUOUS_BLANK = "AMBIGUOUS_BLANK";
    /** A column, cell or table the lint cannot reason about; the rest of the table is still checked. */
    public static final String NOT_ANALYSED = "NOT_ANALYSED";
    /** A sheet of a workbook that Drools does not read (it reads only the first). */
    public static final String IGNORED_SHEET = "IGNORED_SHEET";

    public static final String ERROR = "ERROR";
    public static final String WARNING = "WARNING";
    public static final String INFO = "INFO";

    private static final Set<String> KINDS = Set.of(UNREACHABLE_ROW, CONFLICTING_OVERLAP, GAP, AMBIGUOUS_BLANK,
            NOT_ANALYSED, IGNORED_SHEET);
    private static final Set<String> SEVERITIES = Set.of(ERROR, WARNING, INFO);

    public LintFinding {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(cell, "cell");
        Objects.requireNonNull(message, "message");
        if (!KINDS.contains(kind)) {
            throw new IllegalArgumentException("unknown kind of finding: " + kind);
        }
        if (!SEVERITIES.contains(severity)) {
            throw new IllegalArgumentException("severity must be ERROR, WARNING or INFO, was " + severity);
        }
    }

    /** {@code grade-thresholds.drl.csv D12}, or {@code limits.drl.xlsx [Grades] D12}. */
    public String where() {
        return file + (sheet == null ? "" : " [" + sheet + "]") + (cell.isEmpty() ? "" : " " + cell);
    }

    @Override
    public String toString() {
        return severity + " " + kind + " at " + where() + (column == null ? "" : " (" + column + ")") + ": " + message;
    }
}
