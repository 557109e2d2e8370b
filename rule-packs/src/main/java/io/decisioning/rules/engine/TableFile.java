package io.decisioning.rules.engine;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.apache.poi.ss.util.CellRangeAddress;

/**
 * A decision-table file read cell by cell as the analyst sees it (a CSV file, or each sheet of a
 * workbook), and the {@code RuleTable} blocks of a sheet laid out the way Drools reads them: after
 * the {@code RuleTable} cell a row of column kinds, a row of object types, a row of code, a row of
 * labels, then one rule per row until a blank row.
 */
final class TableFile {

    /** The cells of one sheet, by 0-based row and column; a merged cell reads as its top-left cell, as in Drools. */
    record Sheet(String name, List<List<String>> rows) {

        String cell(int row, int column) {
            if (row >= rows.size()) {
                return "";
            }
            List<String> cells = rows.get(row);
            return column < cells.size() ? cells.get(column) : "";
        }

        boolean hasRuleTable() {
            return rows.stream().flatMap(List::stream).anyMatch(TableFile::isRuleTableCell);
        }
    }

    /** A column of a RuleTable: its kind (CONDITION, ACTION, NAME, PRIORITY or another Drools keyword). */
    record Column(int index, String kind, String objectType, String code, String label) {

        /** The label an analyst reads, or the kind when the label row is empty. */
        String title() {
            return label.isEmpty() ? kind : label;
        }
    }

    /** One rule of a RuleTable: its 0-based spreadsheet row and its non-empty cells by column index. */
    record DataRow(int row, Map<Integer, String> cells) {

        String cell(int column) {
            return cells.getOrDefault(column, "");
        }
    }

    /** A RuleTable block: the cell of its {@code RuleTable} keyword, its columns and its rows. */
    record Block(String name, int row, int column, boolean sequential, List<Column> columns, List<DataRow> rows) {

        List<Column> columns(String kind) {
            return columns.stream().filter(c -> c.kind().equals(kind)).toList();
        }
    }

    static final String CONDITION = "CONDITION";
    static final String ACTION = "ACTION";
    static final String NAME = "NAME";
    static final String PRIORITY = "PRIORITY";

    private static final int KIND_ROW = 1;
    private static final int OBJECT_TYPE_ROW = 2;
    private static final int CODE_ROW = 3;
    private static final int LABEL_ROW = 4;

    /** Drools' column keywords and their one-letter forms. */
    private static final Map<String, String> KEYWORDS = keywords();

    private TableFile() {
    }

    /** The sheets of the file: one sheet named null for a CSV table, every sheet of a workbook in order. */
    static List<Sheet> read(String file, byte[] content) throws IOException {
        if (file.endsWith(".csv")) {
            String text = new String(content, StandardCharsets.UTF_8);
            if (text.startsWith("\uFEFF")) {
                text = text.substring(1);
            }
            List<List<String>> rows = new ArrayList<>();
            for (Csv.Row row : Csv.parse(text)) {
                while (rows.size() < row.line() - 1) {
                    rows.add(List.of());
                }
                rows.add(row.cells());
            }
            return List.of(new Sheet(null, rows));
        }
        try (Workbook workbook = WorkbookFactory.create(new ByteArrayInputStream(content))) {
            List<Sheet> sheets = new ArrayList<>();
            DataFormatter formatter = new DataFormatter(Locale.ROOT);
            for (org.apache.poi.ss.usermodel.Sheet sheet : workbook) {
                sheets.add(sheet(sheet, formatter));
            }
            return sheets;
        }
    }

    private static Sheet sheet(org.apache.poi.ss.usermodel.Sheet sheet, DataFormatter formatter) {
        List<List<String>> rows = new ArrayList<>();
        for (int r = 0; r <= sheet.getLastRowNum(); r++) {
            Row row = sheet.getRow(r);
            List<String> cells = new ArrayList<>();
            if (row != null) {
                for (int c = 0; c < row.getLastCellNum(); c++) {
                    cells.add(text(row.getCell(c), formatter));
                }
            }
            rows.add(cells);
        }
        for (CellRangeAddress merged : sheet.getMergedRegions()) {
            List<String> top = merged.getFirstRow() < rows.size() ? rows.get(merged.getFirstRow()) : List.of();
            String value = merged.getFirstColumn() < top.size() ? top.get(merged.getFirstColumn()) : "";
            for (int r = merged.getFirstRow(); r <= merged.getLastRow() && r < rows.size(); r++) {
                List<String> cells = rows.get(r);
                for (int c = merged.getFirstColumn(); c <= merged.getLastColumn(); c++) {
                    while (cells.size() <= c) {
                        cells.add("");
                    }
                    cells.set(c, value);
                }
            }
        }
        return new Sheet(sheet.getSheetName(), rows);
    }

    /** A cell's text as Drools reads it: numbers without a trailing ".0" ("3", "0.1"). */
    private static String text(Cell cell, DataFormatter formatter) {
        if (cell == null) {
            return "";
        }
        CellType type = cell.getCellType() == CellType.FORMULA ? cell.getCachedFormulaResultType() : cell.getCellType();
        return switch (type) {
            case NUMERIC -> DateUtil.isCellDateFormatted(cell) ? formatter.formatCellValue(cell)
                    : new BigDecimal(Double.toString(cell.getNumericCellValue())).stripTrailingZeros().toPlainString();
            case STRING -> cell.getRichStringCellValue().getString().trim();
            case BOOLEAN -> Boolean.toString(cell.getBooleanCellValue());
            default -> "";
        };
    }

    static boolean isRuleTableCell(String value) {
        return value.trim().toLowerCase(Locale.ROOT).startsWith("ruletable");
    }

    /** The RuleTable blocks of a sheet, in order, read as Drools' DefaultRuleSheetListener reads them. */
    static List<Block> blocks(Sheet sheet) {
        List<Block> blocks = new ArrayList<>();
        boolean sequential = false;
        int r = 0;
        while (r < sheet.rows().size()) {
            int start = -1;
            List<String> cells = sheet.rows().get(r);
            for (int c = 0; c < cells.size(); c++) {
                String value = cells.get(c).trim();
                if (isRuleTableCell(value)) {
                    start = c;
                    break;
                }
                if (value.equalsIgnoreCase("Sequential")) {
                    sequential = next(cells, c).equalsIgnoreCase("true") || next(cells, c).equalsIgnoreCase("yes");
                }
            }
            if (start < 0) {
                r++;
                continue;
            }
            Block block = block(sheet, r, start, sequential);
            blocks.add(block);
            int last = block.rows().isEmpty() ? r + LABEL_ROW : block.rows().get(block.rows().size() - 1).row();
            r = last + 1;
        }
        return blocks;
    }

    private static String next(List<String> cells, int column) {
        for (int c = column + 1; c < cells.size(); c++) {
            if (!cells.get(c).isBlank()) {
                return cells.get(c).trim();
            }
        }
        return "";
    }

    private static Block block(Sheet sheet, int row, int start, boolean sequential) {
        String name = sheet.cell(row, start).trim().substring("RuleTable".length()).trim();
        List<Column> columns = new ArrayList<>();
        List<String> kinds = row + KIND_ROW < sheet.rows().size() ? sheet.rows().get(row + KIND_ROW) : List.of();
        for (int c = start; c < kinds.size(); c++) {
            String kind = KEYWORDS.get(kinds.get(c).trim().toUpperCase(Locale.ROOT));
            if (kind == null && kinds.get(c).trim().toUpperCase(Locale.ROOT).startsWith(CONDITION)) {
                kind = CONDITION;
            } else if (kind == null && kinds.get(c).trim().toUpperCase(Locale.ROOT).startsWith(ACTION)) {
                kind = ACTION;
            }
            if (kind != null) {
                columns.add(new Column(c, kind, sheet.cell(row + OBJECT_TYPE_ROW, c).trim(),
                        sheet.cell(row + CODE_ROW, c).trim(), sheet.cell(row + LABEL_ROW, c).trim()));
            }
        }
        // One rule per row from the row under the labels; a blank row (in the table's columns) ends the table,
        // as does another RuleTable cell.
        List<DataRow> rows = new ArrayList<>();
        for (int r = row + LABEL_ROW + 1; r < sheet.rows().size(); r++) {
            Map<Integer, String> cells = new LinkedHashMap<>();
            boolean anotherTable = false;
            List<String> line = sheet.rows().get(r);
            for (int c = 0; c < line.size(); c++) {
                String value = line.get(c).trim();
                if (isRuleTableCell(value)) {
                    anotherTable = true;
                } else if (c >= start && !value.isEmpty()) {
                    cells.put(c, value);
                }
            }
            if (anotherTable || cells.isEmpty()) {
                break;
            }
            rows.add(new DataRow(r, cells));
        }
        return new Block(name, row, start, sequential, columns, rows);
    }

    /** "D12" for the 0-based row 11 and column 3. */
    static String cellName(int row, int column) {
        StringBuilder letters = new StringBuilder();
        for (int c = column + 1; c > 0; c = (c - 1) / 26) {
            letters.insert(0, (char) ('A' + (c - 1) % 26));
        }
        return letters.toString() + (row + 1);
    }

    private static Map<String, String> keywords() {
        Map<String, String> keywords = new HashMap<>();
        String[][] pairs = {{CONDITION, "C"}, {ACTION, "A"}, {NAME, "N"}, {PRIORITY, "P"}, {"DESCRIPTION", "I"},
            {"METADATA", "@"}, {"DURATION", "D"}, {"TIMER", "T"}, {"ENABLED", "B"}, {"CALENDARS", "E"},
            {"NO-LOOP", "U"}, {"LOCK-ON-ACTIVE", "L"}, {"AUTO-FOCUS", "F"}, {"ACTIVATION-GROUP", "X"},
            {"AGENDA-GROUP", "G"}, {"RULEFLOW-GROUP", "R"}, {"DATE-EFFECTIVE", "V"}, {"DATE-EXPIRES", "Z"}};
        for (String[] pair : pairs) {
            keywords.put(pair[0], pair[0]);
            keywords.put(pair[1], pair[0]);
        }
        return Map.copyOf(keywords);
    }
}
