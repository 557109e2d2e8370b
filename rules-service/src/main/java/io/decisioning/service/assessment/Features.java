package io.decisioning.service.assessment;

import io.decisioning.rules.CustomerProfile;
import org.jspecify.annotations.Nullable;

/** The customer features of DESIGN.md section 4, by name, as the API shows them. */
public record Features(double annualPremium, double premium3y, double paid3y, @Nullable Double lossRatio3y, int claims12m,
                       int earlyClaims12m, int claimFreeYears, int tenureYears, double premiumSharePct,
                       double premiumRankPct, int productLines, int partyRecords, int partyBranches,
                       int possibleDuplicates) {

    public static Features of(CustomerProfile p) {
        return new Features(p.annualPremium(), p.premium3y(), p.paid3y(), p.lossRatio3y(), p.claims12m(),
                p.earlyClaims12m(), p.claimFreeYears(), p.tenureYears(), p.premiumSharePct(), p.premiumRankPct(),
                p.productLines(), p.partyRecords(), p.partyBranches(), p.possibleDuplicates());
    }
}
