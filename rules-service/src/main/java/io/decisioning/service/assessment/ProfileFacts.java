package io.decisioning.service.assessment;

import io.decisioning.rules.Complaint;
import io.decisioning.rules.CustomerProfile;
import io.decisioning.rules.ManagerStatus;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The features of one customer's {@link CustomerProfile} (DESIGN.md section 4) while the fact sources
 * fill them in: money as {@link BigDecimal}, as the CRM stores it, until the profile is made; a figure
 * no source set is 0 (null for the loss ratio), as for a customer without policies or claims.
 */
public final class ProfileFacts {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private final Subject subject;
    private BigDecimal annualPremium = BigDecimal.ZERO;
    private BigDecimal premium3y = BigDecimal.ZERO;
    private BigDecimal paid3y = BigDecimal.ZERO;
    private @Nullable Double lossRatio3y;
    private int claims12m;
    private int earlyClaims12m;
    private int claimFreeYears;
    private int tenureYears;
    private @Nullable BigDecimal bookTotal;
    private double premiumRankPct;
    private int productLines;
    private int partyRecords = 1;
    private int partyBranches = 1;
    private int possibleDuplicates;
    /** The retention figures (DESIGN.md section 11); null while the CRM keeps no premium schedule. */
    private @Nullable Retention retention;
    /** The account-manager figures (DESIGN.md section 12): no manager, no contact, no birthday until a source says. */
    private Manager manager = Manager.NONE;
    /** Open complaints and complaints of 12 months, null while the CRM keeps no complaints (section 13). */
    private int @Nullable [] complaintFigures;
    private List<Complaint> complaints = List.of();

    ProfileFacts(Subject subject) {
        this.subject = subject;
    }

    public Subject subject() {
        return subject;
    }

    public BigDecimal annualPremium() {
        return annualPremium;
    }

    /** The policy figures: annual premium, premium of 3 years, product lines in force, years of tenure. */
    public void policies(BigDecimal annualPremium, BigDecimal premium3y, int productLines, int tenureYears) {
        this.annualPremium = Objects.requireNonNull(annualPremium, "annualPremium");
        this.premium3y = Objects.requireNonNull(premium3y, "premium3y");
        this.productLines = productLines;
        this.tenureYears = tenureYears;
    }

    /** The claim figures: paid of 3 years, the loss ratio, claims and early claims of 12 months, claim-free years. */
    public void claims(BigDecimal paid3y, @Nullable Double lossRatio3y, int claims12m, int earlyClaims12m,
                       int claimFreeYears) {
        this.paid3y = Objects.requireNonNull(paid3y, "paid3y");
        this.lossRatio3y = lossRatio3y;
        this.claims12m = claims12m;
        this.earlyClaims12m = earlyClaims12m;
        this.claimFreeYears = claimFreeYears;
    }

    /**
     * The book figures: the book's annual premium, which the customer's share is of (null or 0: no
     * share), and the customer's percent rank in it.
     */
    public void book(@Nullable BigDecimal bookTotal, double premiumRankPct) {
        this.bookTotal = bookTotal;
        this.premiumRankPct = premiumRankPct;
    }

    /**
     * The customer's party (DESIGN.md section 10): its records, their distinct branches, and their pending
     * review candidates (records that may be the same person).
     */
    public void party(int records, int branches, int candidates) {
        this.partyRecords = Math.max(1, records);
        this.partyBranches = Math.max(1, Math.min(branches, this.partyRecords));
        this.possibleDuplicates = Math.max(0, candidates);
    }

    /**
     * The CRM keeps a premium schedule (DESIGN.md section 11): the customer has retention figures, all 0 (no
     * next instalment) until {@link #instalments} and {@link #policyRetention} set them.
     */
    public void scheduleKept() {
        this.retention = Retention.NONE;
    }

    /** Whether the CRM keeps a premium schedule, so that the customer has retention figures. */
    public boolean hasRetention() {
        return retention != null;
    }

    /**
     * The retention figures of the premium schedule: instalments overdue and the most days one is, days to the
     * next one due (null: none) and missed payments of 12 months. Only after {@link #scheduleKept}.
     */
    public void instalments(int overdueInstallments, int maxDaysOverdue, @Nullable Integer nextDueDays,
                            int missedPayments12m) {
        Retention r = kept();
        this.retention = new Retention(overdueInstallments, maxDaysOverdue, nextDueDays, missedPayments12m,
                r.renewalsDue60d(), r.lapsed24m(), r.premiumYearAgo(), r.deniedClaims12m());
    }

    /**
     * The retention figures of the policies and claims: renewals due within 60 days, policies lapsed in 24
     * months, the premium in force a year ago (which the premium change is computed on, with the annual premium)
     * and denied claims of 12 months. Only after {@link #scheduleKept}.
     */
    public void policyRetention(int renewalsDue60d, int lapsed24m, BigDecimal premiumYearAgo, int deniedClaims12m) {
        Retention r = kept();
        this.retention = new Retention(r.overdueInstallments(), r.maxDaysOverdue(), r.nextDueDays(),
                r.missedPayments12m(), renewalsDue60d, lapsed24m, Objects.requireNonNull(premiumYearAgo, "premiumYearAgo"),
                deniedClaims12m);
    }

    /**
     * The account-manager figures of DESIGN.md section 12: the party's manager's status and level (1-5 when ACTIVE, else
     * null), days since the latest visit and contact (null: never), days to the next birthday (null: unknown or an
     * organization), distinct managers among the party's records.
     */
    public void manager(ManagerStatus status, @Nullable Integer level, @Nullable Integer daysSinceLastVisit,
                        @Nullable Integer daysSinceLastContact, @Nullable Integer daysToBirthday, int accountManagers) {
        this.manager = new Manager(Objects.requireNonNull(status, "status"), level, daysSinceLastVisit,
                daysSinceLastContact, daysToBirthday, accountManagers);
    }

    /**
     * The complaint figures and facts of DESIGN.md section 13, for a customer of a CRM that keeps complaints: the
     * party's complaints (each a fact of this customer), how many are open, how many were received in 12 months.
     */
    public void complaints(List<Complaint> complaints, int open, int received12m) {
        this.complaints = List.copyOf(complaints);
        this.complaintFigures = new int[] {open, received12m};
    }

    /** Whether the customer was read with the CRM keeping complaints: {@link #complaints} was given. */
    public boolean keepsComplaints() {
        return complaintFigures != null;
    }

    /** The party's complaints, facts of this customer; empty when none or while the CRM keeps no complaints. */
    List<Complaint> complaintFacts() {
        return complaints;
    }

    private record Manager(ManagerStatus status, @Nullable Integer level, @Nullable Integer daysSinceLastVisit,
                           @Nullable Integer daysSinceLastContact, @Nullable Integer daysToBirthday, int accountManagers) {

        static final Manager NONE = new Manager(ManagerStatus.NONE, null, null, null, null, 0);
    }

    private Retention kept() {
        Retention r = retention;
        if (r == null) {
            throw new IllegalStateException("retention figures for " + subject.customerNo()
                    + " while the CRM keeps no premium schedule");
        }
        return r;
    }

    private record Retention(int overdueInstallments, int maxDaysOverdue, @Nullable Integer nextDueDays,
                             int missedPayments12m, int renewalsDue60d, int lapsed24m, BigDecimal premiumYearAgo,
                             int deniedClaims12m) {

        static final Retention NONE = new Retention(0, 0, null, 0, 0, 0, BigDecimal.ZERO, 0);
    }

    /**
     * 15 significant digits, as many as a double keeps exactly: a quotient of at most 15 digits turns into the
     * nearest double by one division ({@link BigDecimal#doubleValue}'s fast path), where one of 16 (DECIMAL64) went
     * through its text, which showed in profiles of the nightly run.
     */
    private static final MathContext DOUBLE_DIGITS = new MathContext(15, java.math.RoundingMode.HALF_EVEN);

    /**
     * 100 * (annualPremium - P) / P with P the premium in force a year ago, as DESIGN.md section 11 defines it; null
     * when P is 0. Not rounded to a whole percent: a rule compares the change itself (-29.96 is not down by 30%); a
     * reason shows it to one decimal.
     */
    static @Nullable Double premiumChangePct(BigDecimal annualPremium, BigDecimal premiumYearAgo) {
        return premiumYearAgo.signum() == 0 ? null : annualPremium.subtract(premiumYearAgo).multiply(HUNDRED)
                .divide(premiumYearAgo, DOUBLE_DIGITS).doubleValue();
    }

    /** 100 * annualPremium / the book's annual premium (DESIGN.md section 4); 0 without a book total. */
    private double premiumSharePct() {
        return bookTotal == null || bookTotal.signum() == 0 ? 0
                : annualPremium.multiply(HUNDRED).divide(bookTotal, MathContext.DECIMAL64).doubleValue();
    }

    /** The facts the rule packs read; an applicant's is {@link CustomerProfile#newApplicant}. */
    CustomerProfile toProfile() {
        if (subject.applicant()) {
            return CustomerProfile.newApplicant(subject.customerNo(), subject.customerType());
        }
        CustomerProfile profile = new CustomerProfile(subject.customerNo(), subject.customerType(), false,
                annualPremium.doubleValue(), premium3y.doubleValue(), paid3y.doubleValue(), lossRatio3y,
                claims12m, earlyClaims12m, claimFreeYears, tenureYears, premiumSharePct(), premiumRankPct, productLines,
                partyRecords, partyBranches, possibleDuplicates);
        Retention r = retention;
        if (r != null) {
            profile = profile.withRetention(r.overdueInstallments(), r.maxDaysOverdue(), r.nextDueDays(),
                    r.missedPayments12m(), r.renewalsDue60d(), r.lapsed24m(), premiumChangePct(annualPremium, r.premiumYearAgo()),
                    r.deniedClaims12m());
        }
        Manager m = manager;
        if (m != Manager.NONE) {
            profile = profile.withManager(m.status(), m.level(), m.daysSinceLastVisit(), m.daysSinceLastContact(),
                    m.daysToBirthday(), m.accountManagers());
        }
        int[] c = complaintFigures;
        return c == null ? profile : profile.withComplaints(c[0], c[1]);
    }
}
