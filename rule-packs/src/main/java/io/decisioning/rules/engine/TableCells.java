package io.decisioning.rules.engine;

import java.io.IOException;
import java.util.List;

/**
 * The cells of a decision-table file as text, the way the engine reads them: one sheet for a CSV table,
 * every sheet of a workbook, numbers formatted as the analyst typed them (3, not 3.0). For tools that
 * show a table, such as the admin UI's grid.
 */
public final class TableCells {

    /** One sheet: its name (null for a CSV file) and its rows of cells. */
    public record Sheet(String name, List<List<String>> rows) {
    }

    private TableCells() {
    }

    /** Whether the file's name says it is a table: {@code .csv}, {@code .xlsx} or {@code .xls}. */
    public static boolean isTable(String file) {
        return file.endsWith(".csv") || file.endsWith(".xlsx") || file.endsWith(".xls");
    }

    /** The sheets of the file; IOException when a workbook cannot be read. */
    public static List<Sheet> read(String file, byte[] content) throws IOException {
        return TableFile.read(file, content).stream().map(sheet -> new Sheet(sheet.name(), sheet.rows())).toList();
    }
}
