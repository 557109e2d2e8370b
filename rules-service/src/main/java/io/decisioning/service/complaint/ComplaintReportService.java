package io.decisioning.service.complaint;

import io.decisioning.rules.engine.Sentence;
import io.decisioning.service.assessment.EvaluationDate;
import io.decisioning.service.system.InvalidInputException;
import io.decisioning.service.system.ReportMonth;
import io.decisioning.service.system.UserAccount;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The monthly complaint analysis (DESIGN.md section 13): see {@link ComplaintReport} for what each figure counts. */
@Service
public class ComplaintReportService {

    /** What the analysis groups by, as a request names it. */
    enum GroupBy {
        BRANCH, CATEGORY, CHANNEL;

        static GroupBy of(@Nullable String name) {
            if (name == null || name.isBlank()) {
                return BRANCH;
            }
            try {
                return valueOf(name.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("groupBy", new Sentence("must be one of branch, category, channel",
                        "必须是 branch、category、channel 之一"));
            }
        }

        String key(String branchCode, @Nullable String category, String channel) {
            return switch (this) {
                case BRANCH -> branchCode;
                case CATEGORY -> category == null ? UNCLASSIFIED : category;
                case CHANNEL -> channel;
            };
        }
    }

    static final String UNCLASSIFIED = "UNCLASSIFIED";
    static final int REPEAT = 3;
    private static final int TOP_ROOT_CAUSES = 3;
    private static final int TREND_MONTHS = 12;

    private final ReportRepository reports;
    private final OrphanClocks orphans;
    private final EvaluationDate evaluationDate;

    ComplaintReportService(ReportRepository reports, OrphanClocks orphans, EvaluationDate evaluationDate) {
        this.reports = reports;
        this.orphans = orphans;
        this.evaluationDate = evaluationDate;
    }

    /** The month, {@code YYYY-MM}; a 400 naming {@code month} otherwise. */
    YearMonth month(String month) {
        return ReportMonth.parse(month, evaluationDate.today());
    }

    @Transactional
    public ComplaintReport report(YearMonth month, @Nullable String groupBy, @Nullable String branch, UserAccount user) {
        GroupBy by = GroupBy.of(groupBy);
        orphans.clockMissing();
        LocalDateTime from = utc(month.atDay(1));
        LocalDateTime to = utc(month.plusMonths(1).atDay(1));
        Map<String, Figures> groups = new TreeMap<>();
        Figures totals = new Figures();
        Map<String, Set<Long>> complainants = new HashMap<>();
        Set<Long> allComplainants = new HashSet<>();
        reports.received(from, to, branch, user, r -> {
            String key = by.key(r.branchCode(), r.category(), r.channel());
            groups.computeIfAbsent(key, k -> new Figures()).received++;
            totals.received++;
            if (r.customerId() != null) {
                complainants.computeIfAbsent(key, k -> new HashSet<>()).add(r.customerId());
                allComplainants.add(r.customerId());
            }
        });
        reports.decided(from, to, branch, user, d -> {
            String key = by.key(d.branchCode(), d.category(), d.channel());
            int days = (int) Math.max(0, ChronoUnit.DAYS.between(evaluationDate.dateOf(d.receivedAt()),
                    evaluationDate.dateOf(d.decidedAt())));
            groups.computeIfAbsent(key, k -> new Figures()).decided(days, d.state(), d.rootCause());
            totals.decided(days, d.state(), d.rootCause());
        });
        Map<Long, Long> yearCounts = reports.counts(allComplainants, utc(month.plusMonths(1).atDay(1).minusMonths(12)), to,
                branch, user);
        Set<Long> repeat = new HashSet<>();
        yearCounts.forEach((customer, count) -> {
            if (count >= REPEAT) {
                repeat.add(customer);
            }
        });
        complainants.forEach((key, customers) -> groups.get(key).repeat = customers.stream().filter(repeat::contains).count());
        totals.repeat = allComplainants.stream().filter(repeat::contains).count();
        List<ComplaintReport.Row> rows = new ArrayList<>(groups.size());
        groups.forEach((key, figures) -> rows.add(figures.row(key)));
        return new ComplaintReport(month.toString(), by.name().toLowerCase(Locale.ROOT), branch, rows, totals.row("TOTAL"),
                trend(month, branch, user));
    }

    /** The share decided in time in each of the twelve months up to {@code month}, oldest first. */
    private List<ComplaintReport.MonthShare> trend(YearMonth month, @Nullable String branch, UserAccount user) {
        YearMonth first = month.minusMonths(TREND_MONTHS - 1);
        long[] decided = new long[TREND_MONTHS];
        long[] inTime = new long[TREND_MONTHS];
        reports.decided(utc(first.atDay(1)), utc(month.plusMonths(1).atDay(1)), branch, user, d -> {
            if ("MET".equals(d.state()) || "MISSED".equals(d.state())) {
                int at = (int) ChronoUnit.MONTHS.between(first, YearMonth.from(evaluationDate.dateOf(d.decidedAt())));
                if (at >= 0 && at < TREND_MONTHS) {
                    decided[at]++;
                    inTime[at] += "MET".equals(d.state()) ? 1 : 0;
                }
            }
        });
        List<ComplaintReport.MonthShare> trend = new ArrayList<>(TREND_MONTHS);
        for (int i = 0; i < TREND_MONTHS; i++) {
            trend.add(new ComplaintReport.MonthShare(first.plusMonths(i).toString(), decided[i], inTime[i],
                    percent(inTime[i], decided[i])));
        }
        return trend;
    }

    /** The first instant (UTC) of the day in the service's zone. */
    private LocalDateTime utc(LocalDate day) {
        return day.atStartOfDay(evaluationDate.zone()).withZoneSameInstant(ZoneOffset.UTC).toLocalDateTime();
    }

    static @Nullable Double percent(long part, long whole) {
        return whole == 0 ? null : Math.round(1000.0 * part / whole) / 10.0;
    }

    /** The median of some day counts, null when none. */
    static @Nullable Double median(int[] days, int count) {
        if (count == 0) {
            return null;
        }
        int[] sorted = Arrays.copyOf(days, count);
        Arrays.sort(sorted);
        return count % 2 == 1 ? sorted[count / 2] : (sorted[count / 2 - 1] + sorted[count / 2]) / 2.0;
    }

    /** One group's counts as they are read. */
    private static final class Figures {
        long received;
        long decided;
        long inTime;
        long late;
        long repeat;
        int[] days = new int[16];
        final Map<String, Long> rootCauses = new HashMap<>();

        void decided(int daysToDecision, @Nullable String state, @Nullable String rootCause) {
            if (decided == days.length) {
                days = Arrays.copyOf(days, days.length * 2);
            }
            days[(int) decided++] = daysToDecision;
            inTime += "MET".equals(state) ? 1 : 0;
            late += "MISSED".equals(state) ? 1 : 0;
            if (rootCause != null && !rootCause.isBlank()) {
                rootCauses.merge(rootCause, 1L, Long::sum);
            }
        }

        ComplaintReport.Row row(String group) {
            List<ComplaintReport.RootCause> top = rootCauses.entrySet().stream()
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                    .limit(TOP_ROOT_CAUSES)
                    .map(e -> new ComplaintReport.RootCause(e.getKey(), e.getValue()))
                    .toList();
            return new ComplaintReport.Row(group, received, decided, inTime, late, percent(inTime, inTime + late),
                    median(days, (int) decided), repeat, top);
        }
    }
}
