package io.decisioning.rules.engine;

import io.decisioning.rules.CustomerProfile;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The numeric fields of {@link CustomerProfile} that reasons can name, each with the words an
 * analyst reads: {@code claims12m} of 5 reads "5 claims in the last 12 months".
 */
enum ProfileFeature {
    ANNUAL_PREMIUM("annualPremium", "annual premium %s", CustomerProfile::annualPremium),
    PREMIUM_3Y("premium3y", "premium over 3 years %s", CustomerProfile::premium3y),
    PAID_3Y("paid3y", "paid claims over 3 years %s", CustomerProfile::paid3y),
    LOSS_RATIO_3Y("lossRatio3y", "loss ratio over 3 years %s", CustomerProfile::lossRatio3y),
    CLAIMS_12M("claims12m", "%s claims in the last 12 months", CustomerProfile::claims12m),
    EARLY_CLAIMS_12M("earlyClaims12m", "%s early claims in the last 12 months", CustomerProfile::earlyClaims12m),
    CLAIM_FREE_YEARS("claimFreeYears", "%s claim-free years", CustomerProfile::claimFreeYears),
    TENURE_YEARS("tenureYears", "%s years of tenure", CustomerProfile::tenureYears),
    PREMIUM_SHARE_PCT("premiumSharePct", "premium share %s%%", CustomerProfile::premiumSharePct),
    PREMIUM_RANK_PCT("premiumRankPct", "premium rank %s%%", CustomerProfile::premiumRankPct),
    PRODUCT_LINES("productLines", "%s product lines", CustomerProfile::productLines),
    PARTY_RECORDS("partyRecords", "%s CRM records in the party", CustomerProfile::partyRecords),
    PARTY_BRANCHES("partyBranches", "%s branches in the party", CustomerProfile::partyBranches),
    POSSIBLE_DUPLICATES("possibleDuplicates", "%s possible duplicates to review", CustomerProfile::possibleDuplicates);

    private static final Map<String, ProfileFeature> BY_FIELD = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(f -> f.field, f -> f));

    final String field;
    private final String prefix;
    private final String suffix;
    private final Function<CustomerProfile, Number> accessor;

    ProfileFeature(String field, String label, Function<CustomerProfile, Number> accessor) {
        this.field = field;
        int at = label.indexOf("%s");
        this.prefix = label.substring(0, at);
        this.suffix = label.substring(at + 2).replace("%%", "%");
        this.accessor = accessor;
    }

    /** Whether the field holds whole numbers (counts and years). */
    boolean whole() {
        return this == CLAIMS_12M || this == EARLY_CLAIMS_12M || this == CLAIM_FREE_YEARS || this == TENURE_YEARS
                || this == PRODUCT_LINES || this == PARTY_RECORDS || this == PARTY_BRANCHES || this == POSSIBLE_DUPLICATES;
    }

    static ProfileFeature byField(String field) {
        return BY_FIELD.get(field);
    }

    /** The customer's value, null when unknown (a loss ratio without premium). */
    Number valueOf(CustomerProfile profile) {
        return accessor.apply(profile);
    }

    /**
     * The customer's value without boxing, NaN when unknown (a loss ratio without premium), so that
     * every comparison with it is false, as in a rule.
     */
    double value(CustomerProfile profile) {
        return switch (this) {
            case ANNUAL_PREMIUM -> profile.annualPremium();
            case PREMIUM_3Y -> profile.premium3y();
            case PAID_3Y -> profile.paid3y();
            case LOSS_RATIO_3Y -> profile.lossRatio3y() == null ? Double.NaN : profile.lossRatio3y();
            case CLAIMS_12M -> profile.claims12m();
            case EARLY_CLAIMS_12M -> profile.earlyClaims12m();
            case CLAIM_FREE_YEARS -> profile.claimFreeYears();
            case TENURE_YEARS -> profile.tenureYears();
            case PREMIUM_SHARE_PCT -> profile.premiumSharePct();
            case PREMIUM_RANK_PCT -> profile.premiumRankPct();
            case PRODUCT_LINES -> profile.productLines();
            case PARTY_RECORDS -> profile.partyRecords();
            case PARTY_BRANCHES -> profile.partyBranches();
            case POSSIBLE_DUPLICATES -> profile.possibleDuplicates();
        };
    }

    /** "5 claims in the last 12 months" for the customer's own value. */
    void describe(CustomerProfile profile, StringBuilder out) {
        out.append(prefix).append(format(valueOf(profile))).append(suffix);
    }

    /** Whole numbers without decimals, others with at most 4 decimals: "5", "0.85", "0.1234". */
    static String format(Number value) {
        if (value == null) {
            return "unknown";
        }
        if (value instanceof Integer || value instanceof Long) {
            return value.toString();
        }
        double d = value.doubleValue();
        if (Double.isNaN(d) || Double.isInfinite(d) || Math.abs(d) >= 1e14) {
            return Double.toString(d);
        }
        long scaled = Math.round(Math.abs(d) * 10_000);
        StringBuilder out = new StringBuilder(12);
        if (d < 0 && scaled != 0) {
            out.append('-');
        }
        out.append(scaled / 10_000);
        long decimals = scaled % 10_000;
        if (decimals != 0) {
            int digits = 4;
            while (decimals % 10 == 0) {
                decimals /= 10;
                digits--;
            }
            String text = Long.toString(decimals);
            out.append('.');
            for (int pad = text.length(); pad < digits; pad++) {
                out.append('0');
            }
            out.append(text);
        }
        return out.toString();
    }
}
