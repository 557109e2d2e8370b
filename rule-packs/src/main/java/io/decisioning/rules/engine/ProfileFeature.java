package io.decisioning.rules.engine;

import io.decisioning.rules.CustomerProfile;
import java.math.BigDecimal;
import java.math.RoundingMode;
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
    POSSIBLE_DUPLICATES("possibleDuplicates", "%s possible duplicates to review", CustomerProfile::possibleDuplicates),
    OVERDUE_INSTALLMENTS("overdueInstallments", "%s overdue instalments", CustomerProfile::overdueInstallments),
    MAX_DAYS_OVERDUE("maxDaysOverdue", "%s days overdue", CustomerProfile::maxDaysOverdue),
    NEXT_DUE_DAYS("nextDueDays", "next instalment due in %s days", CustomerProfile::nextDueDays),
    MISSED_PAYMENTS_12M("missedPayments12m", "%s missed payments in 12 months", CustomerProfile::missedPayments12m),
    RENEWALS_DUE_60D("renewalsDue60d", "%s policies to renew within 60 days", CustomerProfile::renewalsDue60d),
    LAPSED_24M("lapsed24m", "%s policies lapsed in 24 months", CustomerProfile::lapsed24m),
    PREMIUM_CHANGE_PCT("premiumChangePct", "premium %s%% on last year", CustomerProfile::premiumChangePct),
    DENIED_CLAIMS_12M("deniedClaims12m", "%s denied claims in 12 months", CustomerProfile::deniedClaims12m),
    MANAGER_LEVEL("managerLevel", "account manager of level %s", CustomerProfile::managerLevel),
    DAYS_SINCE_LAST_VISIT("daysSinceLastVisit", "%s days since the last visit", CustomerProfile::daysSinceLastVisit),
    DAYS_SINCE_LAST_CONTACT("daysSinceLastContact", "%s days since the last contact",
            CustomerProfile::daysSinceLastContact),
    DAYS_TO_BIRTHDAY("daysToBirthday", "birthday in %s days", CustomerProfile::daysToBirthday),
    PARTY_ACCOUNT_MANAGERS("partyAccountManagers", "%s account managers in the party",
            CustomerProfile::partyAccountManagers),
    OPEN_COMPLAINTS("openComplaints", "%s open complaints", CustomerProfile::openComplaints),
    COMPLAINTS_12M("complaints12m", "%s complaints in 12 months", CustomerProfile::complaints12m);

    private static final Map<String, ProfileFeature> BY_FIELD = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(f -> f.field, f -> f));

    final String field;
    private final String prefix;
    private final String suffix;
    private final String zhName;
    private final Function<CustomerProfile, Number> accessor;

    ProfileFeature(String field, String label, Function<CustomerProfile, Number> accessor) {
        this.field = field;
        int at = label.indexOf("%s");
        this.prefix = label.substring(0, at);
        this.suffix = label.substring(at + 2).replace("%%", "%");
        this.zhName = Chinese.feature(field);
        this.accessor = accessor;
    }

    /** Whether the field holds whole numbers (counts and years). */
    boolean whole() {
        return switch (this) {
            case ANNUAL_PREMIUM, PREMIUM_3Y, PAID_3Y, LOSS_RATIO_3Y, PREMIUM_SHARE_PCT, PREMIUM_RANK_PCT,
                 PREMIUM_CHANGE_PCT -> false;
            default -> true;
        };
    }

    /**
     * Whether a customer whose figures are known may still have no value: a loss ratio without premium,
     * no instalment due, no premium a year ago. (The retention figures are all null while the CRM keeps no
     * premium schedule, but then the packs that read them do not run.)
     */
    boolean nullable() {
        return this == LOSS_RATIO_3Y || this == NEXT_DUE_DAYS || this == PREMIUM_CHANGE_PCT || this == MANAGER_LEVEL
                || this == DAYS_SINCE_LAST_VISIT || this == DAYS_SINCE_LAST_CONTACT || this == DAYS_TO_BIRTHDAY;
    }

    /** The least value the field can have: 0, but -100 for a change in percent (all of last year's premium gone). */
    BigDecimal min() {
        return this == PREMIUM_CHANGE_PCT ? BigDecimal.valueOf(-100) : this == MANAGER_LEVEL ? BigDecimal.ONE : BigDecimal.ZERO;
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
            case OVERDUE_INSTALLMENTS -> orNaN(profile.overdueInstallments());
            case MAX_DAYS_OVERDUE -> orNaN(profile.maxDaysOverdue());
            case NEXT_DUE_DAYS -> orNaN(profile.nextDueDays());
            case MISSED_PAYMENTS_12M -> orNaN(profile.missedPayments12m());
            case RENEWALS_DUE_60D -> orNaN(profile.renewalsDue60d());
            case LAPSED_24M -> orNaN(profile.lapsed24m());
            case PREMIUM_CHANGE_PCT -> profile.premiumChangePct() == null ? Double.NaN : profile.premiumChangePct();
            case DENIED_CLAIMS_12M -> orNaN(profile.deniedClaims12m());
            case MANAGER_LEVEL -> orNaN(profile.managerLevel());
            case DAYS_SINCE_LAST_VISIT -> orNaN(profile.daysSinceLastVisit());
            case DAYS_SINCE_LAST_CONTACT -> orNaN(profile.daysSinceLastContact());
            case DAYS_TO_BIRTHDAY -> orNaN(profile.daysToBirthday());
            case PARTY_ACCOUNT_MANAGERS -> profile.partyAccountManagers();
            case OPEN_COMPLAINTS -> orNaN(profile.openComplaints());
            case COMPLAINTS_12M -> orNaN(profile.complaints12m());
        };
    }

    private static double orNaN(Integer value) {
        return value == null ? Double.NaN : value;
    }

    /** "5 claims in the last 12 months" for the customer's own value. */
    void describe(CustomerProfile profile, StringBuilder out) {
        out.append(prefix).append(text(valueOf(profile))).append(suffix);
    }

    /** "近12个月出险次数 5": the Chinese name, then the customer's value (in percent for a percentage). */
    void describeZh(CustomerProfile profile, StringBuilder out) {
        out.append(zhName).append(' ').append(textZh(valueOf(profile)));
    }

    /** The Chinese name of the field: "近3年赔付率". */
    String zhName() {
        return zhName;
    }

    /** The value as a Chinese reason shows it: as {@link #text}, a percentage with its sign, "未知" when unknown. */
    String textZh(Number value) {
        if (value == null) {
            return "未知";
        }
        return percent() ? text(value) + "%" : text(value);
    }

    /** Whether the field is in percent (its English label ends with "%"). */
    boolean percent() {
        return this == PREMIUM_SHARE_PCT || this == PREMIUM_RANK_PCT || this == PREMIUM_CHANGE_PCT;
    }

    /**
     * The value as a reason shows it: {@link #format}, but a premium change to one decimal, half up ("premium -35% on
     * last year", "-34.8%"). Only the sentence is rounded; rules compare the value itself.
     */
    String text(Number value) {
        if (this == PREMIUM_CHANGE_PCT && value != null) {
            return format(BigDecimal.valueOf(value.doubleValue()).setScale(1, RoundingMode.HALF_UP).doubleValue());
        }
        return format(value);
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
