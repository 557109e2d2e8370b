package io.decisioning.rules.engine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.util.WorkbookUtil;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

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

    /** What ends a CSV cell merged with the cells after it that end so too (Drools' CSV form of a merged range). */
    static final String MERGED = "...";

    /**
     * The sheets as an Excel workbook ({@code .xlsx}) that compiles to the same rules as the CSV table they were read
     * from: every cell a text cell holding the text the engine read, and a run of cells ending with "..." (the CSV
     * way of merging, e.g. one fact pattern over several condition columns) one merged range holding the text
     * without the dots in its first cell, its other cells there and empty. A sheet without a name is named
     * {@code defaultName}.
     */
    public static byte[] workbook(List<Sheet> sheets, String defaultName) {
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            for (Sheet sheet : sheets) {
                var written = workbook.createSheet(WorkbookUtil.createSafeSheetName(sheet.name() == null ? defaultName : sheet.name()));
                for (int r = 0; r < sheet.rows().size(); r++) {
                    List<String> cells = sheet.rows().get(r);
                    Row row = written.createRow(r);
                    int c = 0;
                    while (c < cells.size()) {
                        String text = cells.get(c);
                        int end = c;
                        while (end < cells.size() && cells.get(end).endsWith(MERGED)) {
                            end++;
                        }
                        if (end > c) {
                            row.createCell(c).setCellValue(text.substring(0, text.length() - MERGED.length()));
                            for (int continued = c + 1; continued < end; continued++) {
                                row.createCell(continued).setCellValue("");
                            }
                            if (end - c > 1) {
                                written.addMergedRegion(new CellRangeAddress(r, r, c, end - 1));
                            }
                            c = end;
                            continue;
                        }
                        if (!text.isEmpty()) {
                            row.createCell(c).setCellValue(text);
                        }
                        c++;
                    }
                }
            }
            workbook.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The sheets of the file; IOException when a workbook cannot be read. */
    public static List<Sheet> read(String file, byte[] content) throws IOException {
        return TableFile.read(file, content).stream().map(sheet -> new Sheet(sheet.name(), sheet.rows())).toList();
    }
}
