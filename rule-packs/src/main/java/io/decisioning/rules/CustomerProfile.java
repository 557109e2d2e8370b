package io.decisioning.rules;

import java.util.Objects;

/**
 * The facts about one customer (or applicant) that rules read, as of the evaluation date.
 * Immutable: rules read it and insert outcomes; they never modify it.
 *
 * @param customerNo      the CRM customer number; for a new applicant a synthetic key (never null)
 * @param customerType    PERSON or ORGANIZATION
 * @param applicant       true for an applicant who is not yet a customer (graded NEW)
 * @param annualPremium   sum of premium of ACTIVE policies in force on the evaluation date
 * @param premium3y       sum of premium of non-cancelled policies started in the last 3 years
 * @param paid3y          sum of paid amounts of claims with a loss in the last 3 years
 * @param lossRatio3y     paid3y / premium3y, null when premium3y is 0
 * @param claims12m       claims (not withdrawn) with a loss in the last 12 months
 * @param earlyClaims12m  of those, claims within 30 days after their policy's start
 * @param claimFreeYears  whole years since the latest loss (or since the first policy)
 * @param tenureYears     whole years since the first policy started
 * @param premiumSharePct annualPremium as a percentage of the whole book's annual premium
 * @param premiumRankPct  percent rank of annualPremium in the book (0-100, largest is 100)
 * @param productLines    number of distinct product lines with a policy in force
 * @param partyRecords    CRM records of the customer's party (DESIGN.md section 10): 1 when alone (and for an applicant)
 * @param partyBranches   distinct branch codes of those records: 1 when alone
 * @param possibleDuplicates pending review candidates of those records: other records that may be the same
 *                        person or organization, for a person to merge or keep apart; 0 for most
 * @param overdueInstallments DUE instalments with a due date before the evaluation date (DESIGN.md section 11)
 * @param maxDaysOverdue  the most days any of those is overdue; 0 when none
 * @param nextDueDays     days to the earliest DUE instalment due on or after the evaluation date; null when none
 * @param missedPayments12m instalments due 30 days to 12 months ago that are still DUE or were paid more than
 *                        30 days late
 * @param renewalsDue60d  ACTIVE policies ending within the next 60 days
 * @param lapsed24m       LAPSED policies that ended in the last 24 months
 * @param premiumChangePct the annual premium's change, in percent, on the premium in force a year ago; null
 *                        when none was
 * @param deniedClaims12m DENIED claims with a loss in the last 12 months
 * @param managerStatus   the state of the party's account manager in the service's register (DESIGN.md section 12):
 *                        NONE when no record names one, UNKNOWN for a code not in the register
 * @param managerLevel    the level of that manager when ACTIVE, 1 (TRAINEE) to 5 (PRINCIPAL); null otherwise
 * @param daysSinceLastVisit   days since the latest VISIT logged for any record of the party; null when never
 * @param daysSinceLastContact days since the latest contact of any kind (visit, phone call, care, survey); null when never
 * @param daysToBirthday  days from the evaluation date to the person's next birthday (0 on the day; 29 February
 *                        falls on 28 February in other years); null for organizations and without a birth date
 * @param partyAccountManagers distinct account managers the CRM names among the party's records: 0 to many
 * @param openComplaints  the party's complaints still OPEN (DESIGN.md section 13); null while the CRM keeps no complaints
 * @param complaints12m   the party's complaints received in the last 12 months, whatever became of them; null while
 *                        the CRM keeps no complaints
 *
 * <p>Every figure above is the party's: summed over all its records' policies and claims, years from the
 * latest loss and earliest policy of any of them, shares and ranks among parties.
 *
 * <p>The retention figures, from {@code overdueInstallments} on, are null while the CRM keeps no premium
 * schedule (its optional {@code premium_due} table is empty): then packs that need it do not run, and every
 * rule comparing one of them fails, as for a loss ratio without premium.
 */
public record CustomerProfile(
        String customerNo,
        String customerType,
        boolean applicant,
        double annualPremium,
        double premium3y,
        double paid3y,
        Double lossRatio3y,
        int claims12m,
        int earlyClaims12m,
        int claimFreeYears,
        int tenureYears,
        double premiumSharePct,
        double premiumRankPct,
        int productLines,
        int partyRecords,
        int partyBranches,
        int possibleDuplicates,
        Integer overdueInstallments,
        Integer maxDaysOverdue,
        Integer nextDueDays,
        Integer missedPayments12m,
        Integer renewalsDue60d,
        Integer lapsed24m,
        Double premiumChangePct,
        Integer deniedClaims12m,
        ManagerStatus managerStatus,
        Integer managerLevel,
        Integer daysSinceLastVisit,
        Integer daysSinceLastContact,
        Integer daysToBirthday,
        int partyAccountManagers,
        Integer openComplaints,
        Integer complaints12m) {

    public CustomerProfile {
        Objects.requireNonNull(customerNo, "customerNo");
        Objects.requireNonNull(customerType, "customerType");
        Objects.requireNonNull(managerStatus, "managerStatus");
        if (claims12m < 0 || earlyClaims12m < 0 || claimFreeYears < 0 || tenureYears < 0 || productLines < 0) {
            throw new IllegalArgumentException("counts and years cannot be negative for " + customerNo);
        }
        if (partyRecords < 1 || partyBranches < 1 || partyBranches > partyRecords || possibleDuplicates < 0) {
            throw new IllegalArgumentException("a party has at least one record, and no more branches than records, for "
                    + customerNo);
        }
        if (earlyClaims12m > claims12m) {
            throw new IllegalArgumentException("earlyClaims12m > claims12m for " + customerNo);
        }
        if (negative(overdueInstallments) || negative(maxDaysOverdue) || negative(nextDueDays)
                || negative(missedPayments12m) || negative(renewalsDue60d) || negative(lapsed24m)
                || negative(deniedClaims12m)) {
            throw new IllegalArgumentException("retention counts and days cannot be negative for " + customerNo);
        }
        if ((managerLevel != null) != (managerStatus == ManagerStatus.ACTIVE)
                || managerLevel != null && (managerLevel < 1 || managerLevel > 5)) {
            throw new IllegalArgumentException("managerLevel is 1-5 for an ACTIVE manager and null otherwise, for "
                    + customerNo);
        }
        if (negative(daysSinceLastVisit) || negative(daysSinceLastContact) || negative(daysToBirthday)
                || partyAccountManagers < 0) {
            throw new IllegalArgumentException("service days and counts cannot be negative for " + customerNo);
        }
        if (negative(openComplaints) || negative(complaints12m) || (openComplaints == null) != (complaints12m == null)) {
            throw new IllegalArgumentException("complaint counts are both known (0 or more) or both null, for " + customerNo);
        }
    }

    /** A customer without complaint figures (the CRM keeps no complaints). */
    public CustomerProfile(String customerNo, String customerType, boolean applicant, double annualPremium,
                           double premium3y, double paid3y, Double lossRatio3y, int claims12m, int earlyClaims12m,
                           int claimFreeYears, int tenureYears, double premiumSharePct, double premiumRankPct,
                           int productLines, int partyRecords, int partyBranches, int possibleDuplicates,
                           Integer overdueInstallments, Integer maxDaysOverdue, Integer nextDueDays,
                           Integer missedPayments12m, Integer renewalsDue60d, Integer lapsed24m, Double premiumChangePct,
                           Integer deniedClaims12m, ManagerStatus managerStatus, Integer managerLevel,
                           Integer daysSinceLastVisit, Integer daysSinceLastContact, Integer daysToBirthday,
                           int partyAccountManagers) {
        this(customerNo, customerType, applicant, annualPremium, premium3y, paid3y, lossRatio3y, claims12m,
                earlyClaims12m, claimFreeYears, tenureYears, premiumSharePct, premiumRankPct, productLines, partyRecords,
                partyBranches, possibleDuplicates, overdueInstallments, maxDaysOverdue, nextDueDays, missedPayments12m,
                renewalsDue60d, lapsed24m, premiumChangePct, deniedClaims12m, managerStatus, managerLevel,
                daysSinceLastVisit, daysSinceLastContact, daysToBirthday, partyAccountManagers, null, null);
    }

    /** A customer without account-manager figures: no manager named, no contact logged, no birthday known. */
    public CustomerProfile(String customerNo, String customerType, boolean applicant, double annualPremium,
                           double premium3y, double paid3y, Double lossRatio3y, int claims12m, int earlyClaims12m,
                           int claimFreeYears, int tenureYears, double premiumSharePct, double premiumRankPct,
                           int productLines, int partyRecords, int partyBranches, int possibleDuplicates,
                           Integer overdueInstallments, Integer maxDaysOverdue, Integer nextDueDays,
                           Integer missedPayments12m, Integer renewalsDue60d, Integer lapsed24m, Double premiumChangePct,
                           Integer deniedClaims12m) {
        this(customerNo, customerType, applicant, annualPremium, premium3y, paid3y, lossRatio3y, claims12m,
                earlyClaims12m, claimFreeYears, tenureYears, premiumSharePct, premiumRankPct, productLines, partyRecords,
                partyBranches, possibleDuplicates, overdueInstallments, maxDaysOverdue, nextDueDays, missedPayments12m,
                renewalsDue60d, lapsed24m, premiumChangePct, deniedClaims12m, ManagerStatus.NONE, null, null, null, null, 0);
    }

    /** A customer without retention figures (the CRM keeps no premium schedule). */
    public CustomerProfile(String customerNo, String customerType, boolean applicant, double annualPremium,
                           double premium3y, double paid3y, Double lossRatio3y, int claims12m, int earlyClaims12m,
                           int claimFreeYears, int tenureYears, double premiumSharePct, double premiumRankPct,
                           int productLines, int partyRecords, int partyBranches, int possibleDuplicates) {
        this(customerNo, customerType, applicant, annualPremium, premium3y, paid3y, lossRatio3y, claims12m,
                earlyClaims12m, claimFreeYears, tenureYears, premiumSharePct, premiumRankPct, productLines, partyRecords,
                partyBranches, possibleDuplicates, null, null, null, null, null, null, null, null);
    }

    /** A customer alone in its party (one record, one branch). */
    public CustomerProfile(String customerNo, String customerType, boolean applicant, double annualPremium,
                           double premium3y, double paid3y, Double lossRatio3y, int claims12m, int earlyClaims12m,
                           int claimFreeYears, int tenureYears, double premiumSharePct, double premiumRankPct,
                           int productLines) {
        this(customerNo, customerType, applicant, annualPremium, premium3y, paid3y, lossRatio3y, claims12m,
                earlyClaims12m, claimFreeYears, tenureYears, premiumSharePct, premiumRankPct, productLines, 1, 1, 0);
    }

    /** The profile of an applicant who is not a customer yet: nothing held, nothing claimed, nothing due. */
    public static CustomerProfile newApplicant(String key, String customerType) {
        return new CustomerProfile(key, customerType, true, 0, 0, 0, null, 0, 0, 0, 0, 0, 0, 0, 1, 1, 0);
    }

    /**
     * The optional CRM data a pack may need ({@code needs} in its pack.properties): {@code premium_due}, the
     * premium schedule of DESIGN.md section 11; {@code complaint}, the complaints of section 13.
     */
    public static final java.util.Set<String> OPTIONAL_DATA = java.util.Set.of("premium_due", "complaint");

    /** Whether this customer's figures include the optional CRM data named (one of {@link #OPTIONAL_DATA}). */
    public boolean has(String data) {
        return switch (data) {
            case "premium_due" -> hasRetention();
            case "complaint" -> hasComplaints();
            default -> throw new IllegalArgumentException("unknown optional data " + data + "; known: " + OPTIONAL_DATA);
        };
    }

    /** Whether the retention figures are known: the CRM keeps a premium schedule (DESIGN.md section 11). */
    public boolean hasRetention() {
        return overdueInstallments != null;
    }

    /** Whether the complaint figures are known: the CRM keeps complaints (DESIGN.md section 13). */
    public boolean hasComplaints() {
        return openComplaints != null;
    }

    /** This profile with the complaint figures of DESIGN.md section 13. */
    public CustomerProfile withComplaints(int openComplaints, int complaints12m) {
        return new CustomerProfile(customerNo, customerType, applicant, annualPremium, premium3y, paid3y, lossRatio3y,
                claims12m, earlyClaims12m, claimFreeYears, tenureYears, premiumSharePct, premiumRankPct, productLines,
                partyRecords, partyBranches, possibleDuplicates, overdueInstallments, maxDaysOverdue, nextDueDays,
                missedPayments12m, renewalsDue60d, lapsed24m, premiumChangePct, deniedClaims12m, managerStatus, managerLevel,
                daysSinceLastVisit, daysSinceLastContact, daysToBirthday, partyAccountManagers, openComplaints,
                complaints12m);
    }

    /** This profile with the retention figures of DESIGN.md section 11. */
    public CustomerProfile withRetention(int overdueInstallments, int maxDaysOverdue, Integer nextDueDays,
                                         int missedPayments12m, int renewalsDue60d, int lapsed24m,
                                         Double premiumChangePct, int deniedClaims12m) {
        return new CustomerProfile(customerNo, customerType, applicant, annualPremium, premium3y, paid3y, lossRatio3y,
                claims12m, earlyClaims12m, claimFreeYears, tenureYears, premiumSharePct, premiumRankPct, productLines,
                partyRecords, partyBranches, possibleDuplicates, overdueInstallments, maxDaysOverdue, nextDueDays,
                missedPayments12m, renewalsDue60d, lapsed24m, premiumChangePct, deniedClaims12m, managerStatus, managerLevel,
                daysSinceLastVisit, daysSinceLastContact, daysToBirthday, partyAccountManagers, openComplaints,
                complaints12m);
    }

    /** This profile with the account-manager figures of DESIGN.md section 12. */
    public CustomerProfile withManager(ManagerStatus managerStatus, Integer managerLevel, Integer daysSinceLastVisit,
                                       Integer daysSinceLastContact, Integer daysToBirthday, int partyAccountManagers) {
        return new CustomerProfile(customerNo, customerType, applicant, annualPremium, premium3y, paid3y, lossRatio3y,
                claims12m, earlyClaims12m, claimFreeYears, tenureYears, premiumSharePct, premiumRankPct, productLines,
                partyRecords, partyBranches, possibleDuplicates, overdueInstallments, maxDaysOverdue, nextDueDays,
                missedPayments12m, renewalsDue60d, lapsed24m, premiumChangePct, deniedClaims12m, managerStatus, managerLevel,
                daysSinceLastVisit, daysSinceLastContact, daysToBirthday, partyAccountManagers, openComplaints,
                complaints12m);
    }

    private static boolean negative(Integer value) {
        return value != null && value < 0;
    }
}
