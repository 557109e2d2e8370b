package io.decisioning.service.customer;

import io.decisioning.rules.CustomerProfile;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The features of DESIGN.md section 4 for one customer as of {@code asOf}, computed by
 * {@link CustomerFeatureRepository}. Money stays {@link BigDecimal} here; {@link #toProfile()} gives
 * the rules' view.
 */
public record CustomerFeatures(
        long customerId,
        String customerNo,
        String customerType,
        LocalDate asOf,
        BigDecimal annualPremium,
        BigDecimal premium3y,
        BigDecimal paid3y,
        @Nullable Double lossRatio3y,
        int claims12m,
        int earlyClaims12m,
        int claimFreeYears,
        int tenureYears,
        double premiumSharePct,
        double premiumRankPct,
        int productLines) {

    public CustomerFeatures {
        Objects.requireNonNull(customerNo, "customerNo");
        Objects.requireNonNull(customerType, "customerType");
        Objects.requireNonNull(asOf, "asOf");
        Objects.requireNonNull(annualPremium, "annualPremium");
        Objects.requireNonNull(premium3y, "premium3y");
        Objects.requireNonNull(paid3y, "paid3y");
    }

    /** The facts the rule packs read. */
    public CustomerProfile toProfile() {
        return new CustomerProfile(customerNo, customerType, false,
                annualPremium.doubleValue(), premium3y.doubleValue(), paid3y.doubleValue(), lossRatio3y,
                claims12m, earlyClaims12m, claimFreeYears, tenureYears,
                premiumSharePct, premiumRankPct, productLines);
    }
}
