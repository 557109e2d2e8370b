package io.decisioning.service.demo;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Period;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.jspecify.annotations.Nullable;

/**
 * The premium schedules of one demo customer's policies: the CRM's {@code premium_due} rows (DESIGN.md section
 * 11), drawn from a random stream of the customer's own, so that the book's customers, policies and claims are
 * the same with schedules and without.
 *
 * <p><b>Instalments.</b> A customer pays each of its product lines monthly (12 instalments a year), quarterly
 * (4) or annually (1), in the shares of {@link #FREQUENCY_MIX}: AUTO and PROPERTY mostly annually, LIFE and
 * HEALTH often monthly. A LAPSED policy was paid in instalments (monthly where its line's draw is annual).
 * Instalment k (from 0) is due on the start date plus k periods; the instalments of a policy year sum to the
 * premium (an equal share in cents, the last with the remainder). A one-year policy is scheduled over its
 * term; a LIFE policy (10 to 20 years) up to the end of its current policy year, as a CRM bills a long-term
 * policy a year at a time.
 *
 * <p><b>Statuses as of today.</b> Instalments due today or later are DUE. Earlier ones are PAID on the due date
 * or up to 3 days after it, or late, 31 to 90 days after it (1% of a prompt payer's instalments, 10% of an
 * irregular payer's: one customer in five); one whose day of payment is today or later is still DUE
 * (overdue: in grace up to 60 days, then suspended); WAIVED rarely (0.2%). Instalments of a CANCELLED policy
 * due on or after its cancellation (a day between its start and its end or today) are CANCELLED. 2.5% of the
 * ACTIVE policies stopped being paid on a day in the last 8 months: their instalments due since are DUE.
 *
 * <p><b>Lapses.</b> The customers who lapse are those with a LAPSED policy (about one in nine): the last 2 to 6
 * monthly (1 to 2 quarterly) instalments of a LAPSED policy were never paid, and before 7 lapses in 10 the
 * customer paid 30% of all its instalments late in the 12 months before the lapse (the policy's end date).
 * So missed payments precede lapses, and a churn scorecard back-tested on the book finds them. A LAPSED
 * policy's unpaid instalments stay DUE while it may be reinstated (2 years, Insurance Law art. 37) and are
 * CANCELLED after that.
 */
final class PremiumSchedules {

    enum Frequency {
        MONTHLY(12), QUARTERLY(4), ANNUAL(1);

        final int perYear;

        Frequency(int perYear) {
            this.perYear = perYear;
        }
    }

    /** By product line, the shares of customers paying it monthly and quarterly; the others pay it annually. */
    static final Map<String, double[]> FREQUENCY_MIX = Map.of(
            "AUTO", new double[] {0.12, 0.08},
            "PROPERTY", new double[] {0.08, 0.08},
            "LIFE", new double[] {0.50, 0.20},
            "HEALTH", new double[] {0.30, 0.20},
            "ACCIDENT", new double[] {0.05, 0.00},
            "LIABILITY", new double[] {0.08, 0.22},
            "CARGO", new double[] {0.08, 0.25});

    private static final double PROMPT_PAYERS = 0.8;
    private static final double LATE_PROMPT = 0.01;
    private static final double LATE_IRREGULAR = 0.10;
    private static final double SIGNALLED_LAPSES = 0.7;
    private static final double LATE_BEFORE_LAPSE = 0.3;
    private static final double WAIVED = 0.002;
    private static final double STOPPED = 0.025;
    private static final int STOPPED_WITHIN_DAYS = 240;
    private static final Period REINSTATEMENT = Period.ofYears(2);

    private final SplittableRandom r;
    private final LocalDate today;
    private final double latePerInstallment;
    private final List<LocalDate> lapses;
    private final Map<String, Frequency> frequencies = new HashMap<>();

    private PremiumSchedules(List<DemoPolicy> policies, SplittableRandom r, LocalDate today) {
        this.r = r;
        this.today = today;
        this.latePerInstallment = r.nextDouble() < PROMPT_PAYERS ? LATE_PROMPT : LATE_IRREGULAR;
        List<LocalDate> lapses = new ArrayList<>();
        for (DemoPolicy policy : policies) {
            if (policy.status().equals("LAPSED") && r.nextDouble() < SIGNALLED_LAPSES) {
                lapses.add(policy.endDate());
            }
        }
        this.lapses = List.copyOf(lapses);
    }

    /**
     * The customer's policies (all of them, before any are moved to a second record) with their schedules.
     *
     * @param r the customer's own stream for schedules, used for nothing else
     */
    static List<DemoPolicy> attach(List<DemoPolicy> policies, SplittableRandom r, LocalDate today) {
        PremiumSchedules schedules = new PremiumSchedules(policies, r, today);
        List<DemoPolicy> scheduled = new ArrayList<>(policies.size());
        for (DemoPolicy policy : policies) {
            scheduled.add(policy.withInstallments(schedules.of(policy)));
        }
        return List.copyOf(scheduled);
    }

    private List<DemoInstallment> of(DemoPolicy policy) {
        Frequency frequency = frequencies.computeIfAbsent(policy.productLine(), this::draw);
        boolean lapsed = policy.status().equals("LAPSED");
        if (lapsed && frequency == Frequency.ANNUAL) {
            frequency = Frequency.MONTHLY;
        }
        LocalDate start = policy.startDate();
        @Nullable LocalDate cancelled = policy.status().equals("CANCELLED")
                ? between(start, min(policy.endDate(), today).minusDays(1)) : null;
        LocalDate until = policy.endDate();
        if (policy.productLine().equals("LIFE")) {
            LocalDate billed = cancelled != null ? cancelled : today;
            until = min(until, start.plusYears(Period.between(start, billed).getYears() + 1L));
        }
        int months = 12 / frequency.perYear;
        int count = 0;
        while (start.plusMonths((long) count * months).isBefore(until)) {
            count++;
        }

        @Nullable LocalDate unpaidFrom = null;
        if (lapsed) {
            int unpaid = frequency == Frequency.MONTHLY ? r.nextInt(2, 7) : r.nextInt(1, 3);
            unpaidFrom = start.plusMonths((long) Math.max(0, count - unpaid) * months);
        } else if (policy.status().equals("ACTIVE") && policy.endDate().isAfter(today) && r.nextDouble() < STOPPED) {
            unpaidFrom = today.minusDays(r.nextInt(1, STOPPED_WITHIN_DAYS + 1));
        }
        boolean writtenOff = lapsed && !policy.endDate().plus(REINSTATEMENT).isAfter(today);

        long premiumCents = policy.premium().movePointRight(2).longValueExact();
        long share = premiumCents / frequency.perYear;
        BigDecimal amount = BigDecimal.valueOf(share, 2);
        BigDecimal lastOfYear = BigDecimal.valueOf(premiumCents - share * (frequency.perYear - 1), 2);

        List<DemoInstallment> installments = new ArrayList<>(count);
        for (int k = 0; k < count; k++) {
            LocalDate due = start.plusMonths((long) k * months);
            String status;
            @Nullable LocalDateTime paidAt = null;
            if (cancelled != null && !due.isBefore(cancelled)) {
                status = "CANCELLED";
            } else if (!due.isBefore(today)) {
                status = "DUE";
            } else if (unpaidFrom != null && !due.isBefore(unpaidFrom)) {
                status = writtenOff ? "CANCELLED" : "DUE";
            } else if (r.nextDouble() < WAIVED) {
                status = "WAIVED";
            } else {
                LocalDate paid = due.plusDays(r.nextDouble() < lateShare(due) ? r.nextInt(31, 91) : onTimeDelay());
                if (paid.isBefore(today)) {
                    status = "PAID";
                    paidAt = paid.atStartOfDay().plusSeconds(r.nextInt(8 * 3600, 21 * 3600));
                } else {
                    status = "DUE";
                }
            }
            boolean lastOfItsYear = k % frequency.perYear == frequency.perYear - 1;
            installments.add(new DemoInstallment(k + 1, due, lastOfItsYear ? lastOfYear : amount, status, paidAt));
        }
        return List.copyOf(installments);
    }

    private Frequency draw(String line) {
        double[] mix = FREQUENCY_MIX.get(line);
        double u = r.nextDouble();
        return u < mix[0] ? Frequency.MONTHLY : u < mix[0] + mix[1] ? Frequency.QUARTERLY : Frequency.ANNUAL;
    }

    /** The share of instalments paid late: higher in the 12 months before most lapses of the customer's policies. */
    private double lateShare(LocalDate due) {
        for (LocalDate lapse : lapses) {
            if (due.isBefore(lapse) && !due.isBefore(lapse.minusYears(1))) {
                return LATE_BEFORE_LAPSE;
            }
        }
        return latePerInstallment;
    }

    /** Days after the due date an instalment paid on time is paid: mostly on the day (collected by direct debit). */
    private int onTimeDelay() {
        double u = r.nextDouble();
        return u < 0.55 ? 0 : u < 0.80 ? 1 : u < 0.92 ? 2 : 3;
    }

    private LocalDate between(LocalDate from, LocalDate to) {
        long days = ChronoUnit.DAYS.between(from, to);
        return days <= 0 ? from : from.plusDays(r.nextLong(0, days + 1));
    }

    private static LocalDate min(LocalDate a, LocalDate b) {
        return a.isBefore(b) ? a : b;
    }
}
