package io.decisioning.service.assessment;

import io.decisioning.rules.CustomerProfile;
import io.decisioning.rules.ManagerStatus;
import org.jspecify.annotations.Nullable;

/**
 * The customer features of DESIGN.md section 4, by name, as the API shows them, and the retention figures
 * of section 11 from {@code overdueInstallments} on: null while the CRM keeps no premium schedule
 * ({@code nextDueDays} also when no instalment is due, {@code premiumChangePct} when no premium was in
 * force a year ago); the account-manager figures of section 12 from {@code managerStatus} on (null in
 * assessments stored before they existed); and the complaint figures of section 13, {@code openComplaints} and
 * {@code complaints12m}, null while the CRM keeps no complaints.
 */
public record Features(double annualPremium, double premium3y, double paid3y, @Nullable Double lossRatio3y, int claims12m,
                       int earlyClaims12m, int claimFreeYears, int tenureYears, double premiumSharePct,
                       double premiumRankPct, int productLines, int partyRecords, int partyBranches,
                       int possibleDuplicates, @Nullable Integer overdueInstallments, @Nullable Integer maxDaysOverdue,
                       @Nullable Integer nextDueDays, @Nullable Integer missedPayments12m,
                       @Nullable Integer renewalsDue60d, @Nullable Integer lapsed24m, @Nullable Double premiumChangePct,
                       @Nullable Integer deniedClaims12m, @Nullable ManagerStatus managerStatus,
                       @Nullable Integer managerLevel, @Nullable Integer daysSinceLastVisit,
                       @Nullable Integer daysSinceLastContact, @Nullable Integer daysToBirthday,
                       @Nullable Integer partyAccountManagers, @Nullable Integer openComplaints,
                       @Nullable Integer complaints12m) {

    public static Features of(CustomerProfile p) {
        return new Features(p.annualPremium(), p.premium3y(), p.paid3y(), p.lossRatio3y(), p.claims12m(),
                p.earlyClaims12m(), p.claimFreeYears(), p.tenureYears(), p.premiumSharePct(), p.premiumRankPct(),
                p.productLines(), p.partyRecords(), p.partyBranches(), p.possibleDuplicates(), p.overdueInstallments(),
                p.maxDaysOverdue(), p.nextDueDays(), p.missedPayments12m(), p.renewalsDue60d(), p.lapsed24m(),
                p.premiumChangePct(), p.deniedClaims12m(), p.managerStatus(), p.managerLevel(), p.daysSinceLastVisit(),
                p.daysSinceLastContact(), p.daysToBirthday(), p.partyAccountManagers(), p.openComplaints(), p.complaints12m());
    }

    /** Whether the retention figures are known (the CRM keeps a premium schedule). */
    public boolean hasRetention() {
        return overdueInstallments != null;
    }
}
