package io.decisioning.service.export;

import io.decisioning.rules.engine.Sentence;
import io.decisioning.service.system.InvalidInputException.FieldProblem;
import io.decisioning.service.system.InvalidInputException;
import io.decisioning.service.system.RulesProperties;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;

/**
 * Answers a list people work from as a file (DESIGN.md section 14): CSV (UTF-8 with a byte order mark) or an Excel
 * workbook, as the request's {@code Accept} header asks, every row of the list (not a page), read from the database
 * as it is written out, its sentences in the language of {@code Accept-Language} as in JSON. A list longer than {@code rules.export.max-rows} is refused before anything is sent, with 400
 * naming the filters that narrow it.
 */
@Component
public class ListExport {

    private final int maxRows;

    ListExport(RulesProperties properties) {
        this.maxRows = properties.export().maxRows();
    }

    /**
     * Writes the list to the response as {@code name.csv} or {@code name.xlsx}.
     *
     * @param narrowWith the request parameters that narrow the list, named when it is too long
     */
    public <T> void answer(HttpServletRequest request, HttpServletResponse response, String name, List<Column<T>> columns,
                           Rows<T> rows, List<String> narrowWith) throws IOException {
        long count = rows.count();
        if (count > maxRows) {
            throw tooLong(count, narrowWith);
        }
        write(request, response, name, columns, each -> rows.forEach(each::accept));
    }

    /**
     * Writes every row {@code read} hands over to the response as {@code name.csv} or {@code name.xlsx}, whatever
     * their number: for a list whose size its own owner bounds (a month's due list, exported whole by design).
     */
    public <T> void write(HttpServletRequest request, HttpServletResponse response, String name, List<Column<T>> columns,
                          Consumer<Consumer<? super T>> read) throws IOException {
        columns = inReadersLanguage(columns, LocaleContextHolder.getLocale());
        if (Download.prefersWorkbook(request.getHeader(HttpHeaders.ACCEPT))) {
            try (SpreadsheetTable<T> workbook = new SpreadsheetTable<>(name, columns)) {
                read.accept(workbook::write);
                Download.start(response, Download.XLSX, name + ".xlsx");
                workbook.finish(response.getOutputStream());
            }
            return;
        }
        Download.start(response, Download.CSV, name + ".csv");
        CsvTable<T> csv = new CsvTable<>(response.getOutputStream(), columns);
        try {
            read.accept(csv::write);
        } catch (RuntimeException e) {
            // Nothing sent yet: the error is answered as a problem. Once rows went out, the response breaks off
            // instead (the client sees an incomplete chunked body, never a file that looks whole).
            if (!response.isCommitted()) {
                response.reset();
            }
            throw e;
        }
        csv.close();
    }

    /** The columns with each {@link Sentence} in the reader's language, as JSON answers have them. */
    private static <T> List<Column<T>> inReadersLanguage(List<Column<T>> columns, Locale reader) {
        return columns.stream().map(column -> new Column<T>(column.name(), row -> {
            Object value = column.value().apply(row);
            return value instanceof Sentence sentence ? sentence.in(reader) : value;
        })).toList();
    }

    /** The most rows an exported file may have ({@code rules.export.max-rows}). */
    public int maxRows() {
        return maxRows;
    }

    private InvalidInputException tooLong(long count, List<String> narrowWith) {
        Sentence message = new Sentence("narrows the list: it has " + count + " rows, and an exported file at most " + maxRows
                + " (rules.export.max-rows)",
                "请用此参数缩小列表范围：列表有 " + count + " 行，而导出文件最多 " + maxRows + " 行（rules.export.max-rows）");
        List<FieldProblem> problems = narrowWith.isEmpty()
                ? List.of(new FieldProblem("rows", new Sentence("are " + count + ", more than an exported file may have: "
                        + maxRows + " (rules.export.max-rows)",
                        "共 " + count + " 行，超过导出文件允许的行数：" + maxRows + "（rules.export.max-rows）")))
                : narrowWith.stream().map(parameter -> new FieldProblem(parameter, message)).toList();
        return new InvalidInputException(new Sentence("The list has " + count + " rows; an exported file has at most "
                + maxRows + " (rules.export.max-rows). " + (narrowWith.isEmpty() ? "Read it page by page as JSON."
                : "Narrow it with " + String.join(", ", narrowWith) + ", or read it page by page as JSON."),
                "列表有 " + count + " 行，而导出文件最多 " + maxRows + " 行（rules.export.max-rows）。"
                        + (narrowWith.isEmpty() ? "请以 JSON 分页读取。"
                        : "请用 " + String.join("、", narrowWith) + " 缩小范围，或以 JSON 分页读取。")), problems);
    }
}
