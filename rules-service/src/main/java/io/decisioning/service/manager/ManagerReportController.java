package io.decisioning.service.manager;

import io.decisioning.service.export.Column;
import io.decisioning.service.export.CsvTable;
import io.decisioning.service.export.Download;
import io.decisioning.service.export.SpreadsheetTable;
import io.decisioning.service.system.UserAccount;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.constraints.Pattern;
import java.io.IOException;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A manager's book and the monthly visit report (DESIGN.md section 12). The report answers JSON, or by the
 * {@code Accept} header CSV (UTF-8 with a byte order mark) or an Excel workbook, one row per manager and the totals.
 */
@RestController
@Validated
class ManagerReportController {

    static final String CSV = Download.CSV;
    static final String XLSX = Download.XLSX;
    private static final String BRANCH_MESSAGE = "must be a branch code such as GD or GD-SZ";

    /** The report's columns in exports: the JSON's fields of a row. */
    static final List<Column<VisitReport.Row>> COLUMNS = List.of(
            new Column<>("code", VisitReport.Row::code),
            new Column<>("name", VisitReport.Row::name),
            new Column<>("branchCode", VisitReport.Row::branchCode),
            new Column<>("level", VisitReport.Row::level),
            new Column<>("status", VisitReport.Row::status),
            new Column<>("customers", VisitReport.Row::customers),
            new Column<>("vips", VisitReport.Row::vips),
            new Column<>("visitsDue", VisitReport.Row::visitsDue),
            new Column<>("visitsDone", VisitReport.Row::visitsDone),
            new Column<>("visitsOverdue", VisitReport.Row::visitsOverdue),
            new Column<>("contacts", VisitReport.Row::contacts),
            new Column<>("visits", VisitReport.Row::visits),
            new Column<>("averageSatisfaction", VisitReport.Row::averageSatisfaction));

    private final ManagerBookService books;
    private final VisitReportService reports;

    ManagerReportController(ManagerBookService books, VisitReportService reports) {
        this.books = books;
        this.reports = reports;
    }

    /** The manager's customers: their own book for a manager, any manager's of the caller's branch for readers. */
    @GetMapping("/api/v1/account-managers/{code}/book")
    List<BookEntry> book(@PathVariable String code, @AuthenticationPrincipal UserAccount user) {
        return books.book(code, user);
    }

    /** The month's visit report: per account manager the customers, VIPs, visits due, made and late. */
    @GetMapping("/api/v1/reports/visits")
    VisitReport visits(@RequestParam String month,
                       @RequestParam(required = false) @Nullable @Pattern(regexp = ManagerRequest.BRANCH_CODE, message = BRANCH_MESSAGE)
                       String branch,
                       @AuthenticationPrincipal UserAccount user) {
        return reports.report(reports.month(month), branch, user);
    }

    @GetMapping(value = "/api/v1/reports/visits", produces = CSV)
    void visitsCsv(@RequestParam String month,
                   @RequestParam(required = false) @Nullable @Pattern(regexp = ManagerRequest.BRANCH_CODE, message = BRANCH_MESSAGE)
                   String branch,
                   @AuthenticationPrincipal UserAccount user, HttpServletResponse response) throws IOException {
        YearMonth m = reports.month(month);
        VisitReport report = reports.report(m, branch, user);
        Download.start(response, CSV, "visit-report-" + m + ".csv");
        CsvTable<VisitReport.Row> csv = new CsvTable<>(response.getOutputStream(), COLUMNS);
        rows(report).forEach(csv::write);
        csv.close();
    }

    @GetMapping(value = "/api/v1/reports/visits", produces = XLSX)
    void visitsXlsx(@RequestParam String month,
                    @RequestParam(required = false) @Nullable @Pattern(regexp = ManagerRequest.BRANCH_CODE, message = BRANCH_MESSAGE)
                    String branch,
                    @AuthenticationPrincipal UserAccount user, HttpServletResponse response) throws IOException {
        YearMonth m = reports.month(month);
        VisitReport report = reports.report(m, branch, user);
        try (SpreadsheetTable<VisitReport.Row> workbook = new SpreadsheetTable<>("visits-" + m, COLUMNS)) {
            rows(report).forEach(workbook::write);
            Download.start(response, XLSX, "visit-report-" + m + ".xlsx");
            workbook.finish(response.getOutputStream());
        }
    }

    /** The managers' rows, then the totals (code "TOTAL"). */
    private static List<VisitReport.Row> rows(VisitReport report) {
        List<VisitReport.Row> rows = new ArrayList<>(report.managers());
        VisitReport.Row t = report.totals();
        rows.add(new VisitReport.Row("TOTAL", null, t.branchCode(), null, null, t.customers(), t.vips(), t.visitsDue(),
                t.visitsDone(), t.visitsOverdue(), t.contacts(), t.visits(), t.averageSatisfaction()));
        return rows;
    }
}
