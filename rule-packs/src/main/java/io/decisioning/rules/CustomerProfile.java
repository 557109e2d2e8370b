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
 *
 * <p>Every figure above is the party's: summed over all its records' policies and claims, years from the
 * latest loss and earliest policy of any of them, shares and ranks among parties.
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
        int possibleDuplicates) {

    public CustomerProfile {
        Objects.requireNonNull(customerNo, "customerNo");
        Objects.requireNonNull(customerType, "customerType");
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
    }

    /** A customer alone in its party (one record, one branch). */
    public CustomerProfile(String customerNo, String customerType, boolean applicant, double annualPremium,
                           double premium3y, double paid3y, Double lossRatio3y, int claims12m, int earlyClaims12m,
                           int claimFreeYears, int tenureYears, double premiumSharePct, double premiumRankPct,
                           int productLines) {
        this(customerNo, customerType, applicant, annualPremium, premium3y, paid3y, lossRatio3y, claims12m,
                earlyClaims12m, claimFreeYears, tenureYears, premiumSharePct, premiumRankPct, productLines, 1, 1, 0);
    }

    /** The profile of an applicant who is not a customer yet: nothing held, nothing claimed. */
    public static CustomerProfile newApplicant(String key, String customerType) {
        return new CustomerProfile(key, customerType, true, 0, 0, 0, null, 0, 0, 0, 0, 0, 0, 0, 1, 1, 0);
    }
}
