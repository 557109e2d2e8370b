package io.decisioning.service.export;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A list people work from as CSV (RFC 4180), written row by row as they come: UTF-8 with a byte order mark, which Excel needs
 * to read Chinese text as such; a header row; lines ended by CRLF; a field quoted when it holds a comma, a quote or
 * a line break, its quotes doubled. A text field starting with =, +, -, @ or a tab gets a leading apostrophe, so
 * that a spreadsheet shows it as text rather than running it as a formula (CSV injection).
 */
public final class CsvTable<T> implements AutoCloseable {

    private static final char BYTE_ORDER_MARK = '\uFEFF';
    private static final String LINE_END = "\r\n";

    private final Writer out;
    private final List<Column<T>> columns;

    /** Starts the file on {@code out}: the byte order mark and the header row. */
    public CsvTable(OutputStream out, List<Column<T>> columns) {
        this.out = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        this.columns = List.copyOf(columns);
        try {
            this.out.write(BYTE_ORDER_MARK);
            writeRow(columns.stream().map(Column::name).toArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes one row. */
    public void write(T row) {
        try {
            writeRow(columns.stream().map(column -> column.value().apply(row)).toArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes out what is buffered; the stream stays open for the server to end the response. */
    @Override
    public void close() {
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void writeRow(Object[] values) throws IOException {
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(field(values[i]));
        }
        out.write(LINE_END);
    }

    public static String field(@Nullable Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        if (!(value instanceof String text)) {
            return value.toString();
        }
        String safe = !text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0 ? "'" + text : text;
        if (safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r")) {
            return '"' + safe.replace("\"", "\"\"") + '"';
        }
        return safe;
    }
}
