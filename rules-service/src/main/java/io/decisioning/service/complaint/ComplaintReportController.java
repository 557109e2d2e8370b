package io.decisioning.service.complaint;

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
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The monthly complaint analysis (DESIGN.md section 13): JSON, or by the {@code Accept} header CSV (UTF-8 with a byte
 * order mark) or an Excel workbook, one row per group and the totals.
 */
@RestController
@Validated
class ComplaintReportController {

    /** The analysis's columns in exports: the JSON's fields of a row, the root causes as "CLAIM_DELAY 4; ...". */
    static final List<Column<ComplaintReport.Row>> COLUMNS = List.of(
            new Column<>("group", ComplaintReport.Row::group),
            new Column<>("received", ComplaintReport.Row::received),
            new Column<>("decided", ComplaintReport.Row::decided),
            new Column<>("decidedInTime", ComplaintReport.Row::decidedInTime),
            new Column<>("decidedLate", ComplaintReport.Row::decidedLate),
            new Column<>("decidedInTimePct", ComplaintReport.Row::decidedInTimePct),
            new Column<>("medianDaysToDecision", ComplaintReport.Row::medianDaysToDecision),
            new Column<>("repeatComplainants", ComplaintReport.Row::repeatComplainants),
            new Column<>("topRootCauses", row -> row.topRootCauses().stream()
                    .map(cause -> cause.rootCause() + " " + cause.count()).collect(Collectors.joining("; "))));

    private final ComplaintReportService reports;

    ComplaintReportController(ComplaintReportService reports) {
        this.reports = reports;
    }

    /** The month's complaint analysis by branch, category or channel, with a twelve-month trend. */
    @GetMapping("/api/v1/reports/complaints")
    ComplaintReport report(@RequestParam String month, @RequestParam(required = false) @Nullable String groupBy,
                           @RequestParam(required = false) @Nullable
                           @Pattern(regexp = ComplaintController.BRANCH_CODE, message = ComplaintController.BRANCH_MESSAGE)
                           String branch,
                           @AuthenticationPrincipal UserAccount user) {
        return reports.report(reports.month(month), groupBy, branch, user);
    }

    @GetMapping(value = "/api/v1/reports/complaints", produces = Download.CSV)
    void reportCsv(@RequestParam String month, @RequestParam(required = false) @Nullable String groupBy,
                   @RequestParam(required = false) @Nullable
                   @Pattern(regexp = ComplaintController.BRANCH_CODE, message = ComplaintController.BRANCH_MESSAGE)
                   String branch,
                   @AuthenticationPrincipal UserAccount user, HttpServletResponse response) throws IOException {
        YearMonth m = reports.month(month);
        ComplaintReport report = reports.report(m, groupBy, branch, user);
        Download.start(response, Download.CSV, "complaint-analysis-" + m + "-" + report.groupBy() + ".csv");
        CsvTable<ComplaintReport.Row> csv = new CsvTable<>(response.getOutputStream(), COLUMNS);
        rows(report).forEach(csv::write);
        csv.close();
    }

    @GetMapping(value = "/api/v1/reports/complaints", produces = Download.XLSX)
    void reportXlsx(@RequestParam String month, @RequestParam(required = false) @Nullable String groupBy,
                    @RequestParam(required = false) @Nullable
                    @Pattern(regexp = ComplaintController.BRANCH_CODE, message = ComplaintController.BRANCH_MESSAGE)
                    String branch,
                    @AuthenticationPrincipal UserAccount user, HttpServletResponse response) throws IOException {
        YearMonth m = reports.month(month);
        ComplaintReport report = reports.report(m, groupBy, branch, user);
        try (SpreadsheetTable<ComplaintReport.Row> workbook = new SpreadsheetTable<>("complaints-" + m, COLUMNS)) {
            rows(report).forEach(workbook::write);
            Download.start(response, Download.XLSX, "complaint-analysis-" + m + "-" + report.groupBy() + ".xlsx");
            workbook.finish(response.getOutputStream());
        }
    }

    /** The groups' rows, then the totals. */
    private static List<ComplaintReport.Row> rows(ComplaintReport report) {
        List<ComplaintReport.Row> rows = new ArrayList<>(report.groups());
        rows.add(report.totals());
        return rows;
    }
}
