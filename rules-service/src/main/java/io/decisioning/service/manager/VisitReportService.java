package io.decisioning.service.manager;

import io.decisioning.service.assessment.EvaluationDate;
import io.decisioning.service.system.ReportMonth;
import io.decisioning.service.system.UserAccount;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/** The monthly visit report (DESIGN.md section 12): see {@link VisitReport} for what each figure counts. */
@Service
public class VisitReportService {

    private final VisitReportRepository reports;
    private final AccountManagerService managers;
    private final EvaluationDate evaluationDate;

    VisitReportService(VisitReportRepository reports, AccountManagerService managers, EvaluationDate evaluationDate) {
        this.reports = reports;
        this.managers = managers;
        this.evaluationDate = evaluationDate;
    }

    /** The month as {@code YYYY-MM}, not after the current one; a 400 naming {@code month} otherwise. */
    public YearMonth month(String month) {
        return ReportMonth.parse(month, evaluationDate.today());
    }

    public VisitReport report(YearMonth month, @Nullable String branch, UserAccount user) {
        LocalDate today = evaluationDate.today();
        LocalDate last = month.atEndOfMonth();
        VisitReportRepository.Bounds bounds = new VisitReportRepository.Bounds(utc(month.atDay(1)), utc(month.plusMonths(1).atDay(1)),
                utc(last.minusDays(ManagerBookService.GOLD_DAYS - 1)), last.isBefore(today),
                utc(today.minusDays(ManagerBookService.PLATINUM_DAYS)), utc(today.minusDays(ManagerBookService.GOLD_DAYS)));
        Map<String, VisitReportRepository.Figures> figures = new TreeMap<>(reports.figures(branch, user, bounds));
        Map<String, AccountManager> register = new TreeMap<>();
        managers.list(branch, null, user).forEach(m -> register.put(m.code(), m));
        register.keySet().forEach(code -> figures.putIfAbsent(code,
                new VisitReportRepository.Figures(0, 0, 0, 0, 0, 0, 0, 0, 0)));
        List<VisitReport.Row> rows = new ArrayList<>();
        long[] sums = new long[9];
        for (Map.Entry<String, VisitReportRepository.Figures> entry : figures.entrySet()) {
            VisitReportRepository.Figures f = entry.getValue();
            AccountManager m = register.get(entry.getKey());
            rows.add(new VisitReport.Row(entry.getKey(), m == null ? null : m.name(), m == null ? null : m.branchCode(),
                    m == null ? null : m.level().name(), m == null ? "UNKNOWN" : m.status().name(), f.customers(), f.vips(),
                    f.due(), f.done(), f.overdue(), f.contacts(), f.visits(), round(f.averageSatisfaction())));
            long[] values = {f.customers(), f.vips(), f.due(), f.done(), f.overdue(), f.contacts(), f.visits(), f.surveys(),
                    f.satisfactionSum()};
            for (int i = 0; i < values.length; i++) {
                sums[i] += values[i];
            }
        }
        rows.sort(Comparator.comparing((VisitReport.Row r) -> r.branchCode() == null ? "~" : r.branchCode())
                .thenComparing(r -> r.code() == null ? "" : r.code()));
        VisitReport.Row totals = new VisitReport.Row(null, null, branch, null, null, sums[0], sums[1], sums[2], sums[3],
                sums[4], sums[5], sums[6], sums[7] == 0 ? null : round((double) sums[8] / sums[7]));
        return new VisitReport(month.toString(), branch, rows, totals);
    }

    private static @Nullable Double round(@Nullable Double value) {
        return value == null ? null : Math.round(value * 100) / 100.0;
    }

    /** The first instant of the day in the configured zone, as stored (UTC). */
    private LocalDateTime utc(LocalDate day) {
        return day.atStartOfDay(evaluationDate.zone()).withZoneSameInstant(ZoneOffset.UTC).toLocalDateTime();
    }
}
