package io.decisioning.service.complaint;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The monthly complaint analysis (DESIGN.md section 13; seed 003's monthly complaint analysis form), per group of
 * the complaints' branch, category or channel, within the caller's branch scope.
 *
 * @param month   the month, {@code YYYY-MM}, in the service's zone
 * @param groupBy {@code branch}, {@code category} or {@code channel}
 * @param groups  one row per group that received or decided a complaint in the month, by group
 * @param totals  the same over all groups (group {@code TOTAL})
 * @param trend   the twelve months up to this one, oldest first: the share of complaints decided in time
 */
public record ComplaintReport(String month, String groupBy, @Nullable String branch, List<Row> groups, Row totals,
                              List<MonthShare> trend) {

    public ComplaintReport {
        groups = List.copyOf(groups);
        trend = List.copyOf(trend);
    }

    /**
     * One group's figures.
     *
     * @param group                the branch code, the category (UNCLASSIFIED for none yet) or the channel as the CRM gives it
     * @param received             complaints received in the month
     * @param decided              complaints decided (DECIDED or CLOSED) in the month
     * @param decidedInTime        of those, decided on or before their deadline (state MET)
     * @param decidedLate          of those, decided after it (state MISSED)
     * @param decidedInTimePct     decidedInTime as a percentage of those with a time limit (MET and MISSED), one
     *                             decimal; null when none
     * @param medianDaysToDecision the median calendar days from the day received to the day decided of the month's
     *                             decisions; null when none
     * @param repeatComplainants   customers who complained in the month and received 3 or more complaints in the 12
     *                             months to its end
     * @param topRootCauses        the three most frequent root causes of the month's decisions, most frequent first
     */
    public record Row(String group, long received, long decided, long decidedInTime, long decidedLate,
                      @Nullable Double decidedInTimePct, @Nullable Double medianDaysToDecision, long repeatComplainants,
                      List<RootCause> topRootCauses) {

        public Row {
            topRootCauses = List.copyOf(topRootCauses);
        }
    }

    /** A root cause and how many of the month's decisions had it. */
    public record RootCause(String rootCause, long count) {
    }

    /** One month of the trend: decisions with a time limit, those in time, and their share in percent (null when none). */
    public record MonthShare(String month, long decided, long decidedInTime, @Nullable Double decidedInTimePct) {
    }
}
