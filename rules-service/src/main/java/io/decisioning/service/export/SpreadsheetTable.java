package io.decisioning.service.export;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.List;
import org.apache.poi.ss.SpreadsheetVersion;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.jspecify.annotations.Nullable;

/**
 * A list people work from as an Excel workbook ({@code .xlsx}), written with POI's streaming workbook: only the last
 * {@link #ROWS_IN_MEMORY} rows are held in memory, the others go to a compressed temporary file until
 * {@link #finish} writes the workbook out. Numbers are number cells, dates date cells, true and false boolean cells,
 * text is text (never a formula). A list longer than a sheet's rows (1,048,576 with the header) continues on another
 * sheet.
 */
public final class SpreadsheetTable<T> implements AutoCloseable {

    static final int ROWS_IN_MEMORY = 100;

    private static final int ROWS_PER_SHEET = SpreadsheetVersion.EXCEL2007.getMaxRows();

    private final SXSSFWorkbook workbook = new SXSSFWorkbook(ROWS_IN_MEMORY);
    private final String sheetName;
    private final List<Column<T>> columns;
    private final CellStyle headerStyle;
    private final CellStyle dateStyle;
    private Sheet sheet;
    private int sheets;
    private int nextRow;

    /** @param sheetName the first sheet's name; later sheets add " (2)", " (3)", ... */
    public SpreadsheetTable(String sheetName, List<Column<T>> columns) {
        this.sheetName = sheetName;
        this.columns = List.copyOf(columns);
        workbook.setCompressTempFiles(true);
        Font bold = workbook.createFont();
        bold.setBold(true);
        headerStyle = workbook.createCellStyle();
        headerStyle.setFont(bold);
        dateStyle = workbook.createCellStyle();
        dateStyle.setDataFormat(workbook.getCreationHelper().createDataFormat().getFormat("yyyy-mm-dd"));
        sheet = newSheet();
    }

    /** Adds one row. */
    public void write(T item) {
        if (nextRow == ROWS_PER_SHEET) {
            sheet = newSheet();
        }
        Row row = sheet.createRow(nextRow++);
        for (int i = 0; i < columns.size(); i++) {
            set(row, i, columns.get(i).value().apply(item));
        }
    }

    /** Writes the workbook to {@code out}. */
    public void finish(OutputStream out) {
        try {
            workbook.write(out);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes the temporary files. */
    @Override
    public void close() {
        try {
            workbook.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Sheet newSheet() {
        sheets++;
        Sheet next = workbook.createSheet(sheets == 1 ? sheetName : sheetName + " (" + sheets + ")");
        Row header = next.createRow(0);
        for (int i = 0; i < columns.size(); i++) {
            Column<T> column = columns.get(i);
            header.createCell(i).setCellValue(column.name());
            header.getCell(i).setCellStyle(headerStyle);
        }
        next.createFreezePane(0, 1);
        nextRow = 1;
        return next;
    }

    private void set(Row row, int column, @Nullable Object value) {
        if (value == null) {
            return;
        }
        if (value instanceof Number number) {
            row.createCell(column).setCellValue(number.doubleValue());
        } else if (value instanceof Boolean flag) {
            row.createCell(column).setCellValue(flag);
        } else if (value instanceof LocalDate date) {
            row.createCell(column).setCellValue(date);
            row.getCell(column).setCellStyle(dateStyle);
        } else {
            row.createCell(column).setCellValue(value.toString());
        }
    }
}
