package io.decisioning.service.manager;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The monthly visit analysis (DESIGN.md section 12, seed 003), per account manager, over the customers the CRM names
 * them for today within the branch asked for:
 * <ul>
 *   <li>{@code visitsDue}: their PLATINUM customers (a visit every month) and the GOLD customers whose quarterly call falls
 *       due in the month (no contact in the 92 days before the month's last day, counting contacts before the month);</li>
 *   <li>{@code visitsDone}: of those, the PLATINUM customers visited in the month and the GOLD ones contacted in it;</li>
 *   <li>{@code visitsOverdue}: of those not done, the ones whose time has passed: all of them for a past month; for the
 *       current month, a PLATINUM customer whose last visit was more than 31 days ago, a GOLD one whose last contact
 *       was more than 92 days ago (or never);</li>
 *   <li>{@code contacts}, {@code visits}: every contact and every visit logged in the month for those customers;
 *       {@code averageSatisfaction} the mean score of the month's surveys, null without any.</li>
 * </ul>
 *
 * @param status the register's status, or UNKNOWN for a code the CRM names that is not in the register
 */
public record VisitReport(String month, @Nullable String branch, List<Row> managers, Row totals) {

    /** One manager's figures (or the totals, whose manager fields are null). */
    public record Row(@Nullable String code, @Nullable String name, @Nullable String branchCode,
                      @Nullable String level, @Nullable String status, long customers, long vips, long visitsDue,
                      long visitsDone, long visitsOverdue, long contacts, long visits, @Nullable Double averageSatisfaction) {
    }
}
