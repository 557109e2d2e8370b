package io.decisioning.service.retention;

import static org.assertj.core.api.Assertions.assertThat;

import io.decisioning.rules.CustomerProfile;
import io.decisioning.rules.WarningType;
import io.decisioning.rules.engine.CustomerWarning;
import io.decisioning.rules.engine.Evaluation;
import io.decisioning.rules.engine.EvaluationInput;
import io.decisioning.rules.engine.RuleSet;
import io.decisioning.service.assessment.Assessed;
import io.decisioning.service.assessment.AssessmentPipeline;
import io.decisioning.service.assessment.Selection;
import io.decisioning.service.assessment.Trigger;
import io.decisioning.service.customer.CrmFixtures;
import io.decisioning.service.engine.RuleEngine;
import io.decisioning.service.system.DatabaseTest;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The retention figures of DESIGN.md section 11 at every boundary, as the evaluation pipeline reads them from
 * the real database, and the promise of an optional table: while {@code premium_due} is empty nothing
 * changes for anyone. Each test removes the instalments it wrote (tests of other packages leave demo books'
 * schedules in the shared database, so the table is emptied for the one test that needs it, and rolled back).
 */
@DatabaseTest
class RetentionFactsTests {

    @Autowired
    AssessmentPipeline pipeline;

    @Autowired
    RuleEngine engine;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate tx;

    CrmFixtures crm;
    LocalDate d;
    final List<Long> scheduled = new ArrayList<>();

    @BeforeEach
    void setUp() {
        crm = CrmFixtures.inALargeBook(jdbc);
        d = CrmFixtures.today();
    }

    @AfterEach
    void removeSchedules() {
        crm.removeInstallments(scheduled);
    }

    private long customer() {
        long id = crm.customer();
        scheduled.add(id);
        return id;
    }

    private CustomerProfile of(long customerId) {
        return of(customerId, d);
    }

    private CustomerProfile of(long customerId, LocalDate asOf) {
        List<EvaluationInput> read = pipeline.read(Selection.ids(List.of(customerId)), asOf).inputs();
        assertThat(read).hasSize(1);
        return read.get(0).profile();
    }

    private Assessed.One assess(long customerId) {
        return tx.execute(status -> pipeline.assess(Selection.ids(List.of(customerId)), Trigger.MANUAL, d)).single();
    }

    private RuleSet withoutRetention() {
        return RuleSet.of(engine.current().packs().stream().filter(pack -> !pack.name().equals("retention")).toList());
    }

    @Test
    void whilePremiumDueIsEmptyNothingChangesForAnyone() {
        long c = crm.customer();
        long policy = crm.policy(c, "ACTIVE", d.minusMonths(2), d.plusDays(20), "1000.00");
        crm.policy(c, "LAPSED", d.minusYears(1), d.minusMonths(3), "800.00");
        crm.claim(c, policy, d.minusDays(10), "DENIED");

        // a CRM that keeps no premium schedule: the table emptied in a transaction that is rolled back, since other
        // tests (demo books) leave schedules in the shared database
        tx.executeWithoutResult(status -> {
            status.setRollbackOnly();
            jdbc.sql("DELETE FROM premium_due").update();

            EvaluationInput input = pipeline.read(Selection.ids(List.of(c)), d).inputs().get(0);
            Evaluation live = engine.current().evaluate(input);

            assertThat(input.profile().hasRetention()).isFalse();
            assertThat(live).isEqualTo(withoutRetention().evaluate(input));
            assertThat(live.churnScore()).isNull();
            assertThat(live.rulePacks()).doesNotContainKey("retention");
            Assessed.One stored = pipeline.assess(Selection.ids(List.of(c)), Trigger.MANUAL, d).single();
            assertThat(stored.assessment().churnScore()).isNull();
            assertThat(stored.assessment().profile().hasRetention()).isFalse();
            assertThat(jdbc.sql("SELECT churn_score IS NULL AND retention_reasons IS NULL FROM assessment WHERE customer_id = :id")
                    .param("id", c).query(Boolean.class).single()).isTrue();
        });
    }

    @Test
    void gracePeriodBoundaries() {
        long suspended = customer();
        long p = crm.policy(suspended, "ACTIVE", d.minusMonths(3), d.plusMonths(9), "1200.00");
        crm.installment(suspended, p, d.minusDays(61), "100.00", "DUE", null);   // day 61: past the grace
        crm.installment(suspended, p, d.minusDays(1), "100.00", "DUE", null);    // day 1
        crm.installment(suspended, p, d.minusDays(5), "100.00", "PAID", d.minusDays(5).atTime(9, 0));
        crm.installment(suspended, p, d, "100.00", "DUE", null);                 // due today: day 0, not overdue
        crm.installment(suspended, p, d.plusDays(30), "100.00", "DUE", null);
        long inGrace = customer();
        long q = crm.policy(inGrace, "ACTIVE", d.minusMonths(3), d.plusMonths(9), "1200.00");
        crm.installment(inGrace, q, d.minusDays(60), "100.00", "DUE", null);      // day 60: the last of grace
        long paidUp = customer();
        long r = crm.policy(paidUp, "ACTIVE", d.minusMonths(3), d.plusMonths(9), "1200.00");
        crm.installment(paidUp, r, d.minusDays(1), "100.00", "PAID", d.atStartOfDay());

        CustomerProfile late = of(suspended);
        assertThat(late.overdueInstallments()).isEqualTo(2);
        assertThat(late.maxDaysOverdue()).isEqualTo(61);
        assertThat(late.nextDueDays()).isZero();
        // and likely to leave with an instalment due today: a missed payment 15, overdue 20, tenure under a year 10,
        // one product line 10
        assertThat(warnings(assess(suspended))).containsExactlyInAnyOrder("POLICY_SUSPENDED:HIGH", "LAPSE_RISK:MEDIUM");

        CustomerProfile grace = of(inGrace);
        assertThat(grace.maxDaysOverdue()).isEqualTo(60);
        assertThat(grace.nextDueDays()).isNull();
        assertThat(warnings(assess(inGrace))).containsExactly("PREMIUM_OVERDUE:MEDIUM");

        CustomerProfile paid = of(paidUp);
        assertThat(paid.overdueInstallments()).isZero();
        assertThat(paid.maxDaysOverdue()).isZero();
        assertThat(warnings(assess(paidUp))).isEmpty();
    }

    @Test
    void aMissedPaymentIsDueThirtyDaysToTwelveMonthsAgoAndUnpaidOrPaidMoreThanThirtyDaysLate() {
        long c = customer();
        long p = crm.policy(c, "ACTIVE", d.minusYears(2), d.plusYears(1), "1200.00");
        crm.installment(c, p, d.minusDays(30), "100.00", "DUE", null);                          // missed
        crm.installment(c, p, d.minusDays(29), "100.00", "DUE", null);                          // overdue, not yet missed
        crm.installment(c, p, d.minusMonths(12), "100.00", "DUE", null);                        // 12 months ago: out
        crm.installment(c, p, d.minusMonths(12).plusDays(1), "100.00", "DUE", null);            // missed
        LocalDate due = d.minusDays(100);
        crm.installment(c, p, due, "100.00", "PAID", due.plusDays(31).atTime(8, 0));           // 31 days late: missed
        crm.installment(c, p, due.minusDays(1), "100.00", "PAID", due.minusDays(1).plusDays(30).atTime(23, 0)); // 30: not
        crm.installment(c, p, d.minusDays(20), "100.00", "PAID", d.minusDays(1).atTime(8, 0));  // late, but due 20 days ago
        crm.installment(c, p, d.minusDays(200), "100.00", "WAIVED", null);

        CustomerProfile f = of(c);

        assertThat(f.missedPayments12m()).isEqualTo(3);
        assertThat(f.overdueInstallments()).isEqualTo(4);
    }

    @Test
    void renewalsWithinSixtyDaysAndLapsesWithinTwentyFourMonths() {
        long c = customer();
        long p = crm.policy(c, "ACTIVE", d.minusDays(300), d, "10.00");                          // ends today: due
        crm.policy(c, "ACTIVE", d.minusDays(300), d.plusDays(60), "10.00");                       // in 60 days: due
        crm.policy(c, "ACTIVE", d.minusDays(300), d.plusDays(61), "10.00");                       // in 61 days: not
        crm.policy(c, "EXPIRED", d.minusDays(300), d.plusDays(10), "10.00");                      // not active
        crm.policy(c, "LAPSED", d.minusYears(1), d, "10.00");                                     // lapsed today
        crm.policy(c, "LAPSED", d.minusYears(3), d.minusMonths(24), "10.00");                     // 24 months ago: out
        crm.policy(c, "LAPSED", d.minusYears(3), d.minusMonths(24).plusDays(1), "10.00");        // in
        crm.policy(c, "LAPSED", d.minusYears(1), d.plusDays(1), "10.00");                         // ends after today
        crm.installment(c, p, d.plusDays(5), "10.00", "DUE", null);

        CustomerProfile f = of(c);

        assertThat(f.renewalsDue60d()).isEqualTo(2);
        assertThat(f.lapsed24m()).isEqualTo(2);
    }

    @Test
    void premiumChangeIsOnThePremiumInForceAYearAgoAndDeniedClaimsOfTwelveMonthsCount() {
        long c = customer();
        crm.policy(c, "EXPIRED", d.minusYears(1).minusDays(10), d.minusDays(10), "2000.00");     // in force a year ago
        crm.policy(c, "CANCELLED", d.minusYears(1).minusDays(10), d.plusDays(10), "9000.00");    // cancelled: not counted
        long now = crm.policy(c, "ACTIVE", d.minusDays(5), d.plusDays(360), "1000.00");
        crm.installment(c, now, d.plusDays(25), "1000.00", "DUE", null);
        crm.claim(c, now, d.minusDays(3), "DENIED");
        crm.claim(c, now, d.minusMonths(12), "DENIED");                                           // 12 months ago: out
        crm.claim(c, now, d.minusDays(2), "PAID", "10.00");
        long fresh = customer();
        crm.policy(fresh, "ACTIVE", d.minusDays(5), d.plusDays(360), "500.00");

        CustomerProfile f = of(c);
        assertThat(f.premiumChangePct()).isEqualTo(-50.0);
        assertThat(f.deniedClaims12m()).isEqualTo(1);
        assertThat(f.nextDueDays()).isEqualTo(25);
        CustomerProfile newcomer = of(fresh);
        assertThat(newcomer.hasRetention()).as("a customer without instalments of a CRM that keeps schedules").isTrue();
        assertThat(newcomer.premiumChangePct()).as("no premium a year ago").isNull();
        assertThat(newcomer.overdueInstallments()).isZero();
    }

    @Test
    void aPremiumDownByLessThanThirtyPercentIsNotRoundedIntoTheScorecardsThirtyPercentBin() {
        long almost = customer();
        crm.policy(almost, "EXPIRED", d.minusYears(1).minusDays(10), d.minusDays(10), "10000.00");
        long now = crm.policy(almost, "ACTIVE", d.minusDays(5), d.plusDays(360), "7004.00");        // -29.96 %
        crm.installment(almost, now, d.plusDays(25), "7004.00", "DUE", null);
        long down = customer();
        crm.policy(down, "EXPIRED", d.minusYears(1).minusDays(10), d.minusDays(10), "10000.00");
        long then = crm.policy(down, "ACTIVE", d.minusDays(5), d.plusDays(360), "6996.00");         // -30.04 %
        crm.installment(down, then, d.plusDays(25), "6996.00", "DUE", null);

        assertThat(of(almost).premiumChangePct()).isEqualTo(-29.96);
        assertThat(of(down).premiumChangePct()).isEqualTo(-30.04);
        Evaluation notDown = assess(almost).evaluation();
        Evaluation downBy30 = assess(down).evaluation();
        assertThat(downBy30.churnScore()).isEqualTo(notDown.churnScore() + 15);
        assertThat(notDown.reasons()).noneMatch(reason -> reason.rule().startsWith("CHN-030 "));
        assertThat(downBy30.reasons()).filteredOn(reason -> reason.rule().startsWith("CHN-030 ")).singleElement()
                .satisfies(reason -> assertThat(reason.message().en()).contains("premium -30% on last year"));
    }

    @Test
    void asOfAPastDateAnInstalmentPaidLaterWasDueAndAPolicyLapsedSinceWasARenewal() {
        LocalDate then = d.minusDays(100);
        long c = customer();
        long p = crm.policy(c, "LAPSED", then.minusMonths(11), then.plusDays(30), "1200.00");
        crm.installment(c, p, then.minusDays(10), "100.00", "PAID", then.plusDays(5).atTime(10, 0));
        crm.installment(c, p, then.minusDays(40), "100.00", "PAID", then.plusDays(1).atTime(10, 0)); // due and missed on D
        crm.installment(c, p, then.minusDays(100), "100.00", "PAID", then.minusDays(60).atTime(10, 0)); // paid 40 days late
        crm.installment(c, p, then.minusDays(70), "100.00", "PAID", then.minusDays(50).atTime(10, 0)); // paid in time

        CustomerProfile past = of(c, then);
        CustomerProfile today = of(c);

        assertThat(past.overdueInstallments()).isEqualTo(2);
        assertThat(past.maxDaysOverdue()).isEqualTo(40);
        assertThat(past.missedPayments12m()).as("one unpaid on D, one paid late before D: each counted once").isEqualTo(2);
        assertThat(past.renewalsDue60d()).isEqualTo(1);
        assertThat(past.lapsed24m()).as("it lapsed after that date").isZero();
        assertThat(today.overdueInstallments()).isZero();
        assertThat(today.missedPayments12m()).as("both paid more than 30 days late").isEqualTo(2);
        assertThat(today.renewalsDue60d()).isZero();
        assertThat(today.lapsed24m()).isEqualTo(1);
    }

    @Test
    void aPartysFiguresAreThoseOfAllItsRecords() {
        String idNumber = io.decisioning.service.identity.IdentityRecords.residentId(LocalDate.of(1980, 1, 1));
        long first = crm.customer("PERSON", "RESIDENT_ID", idNumber, "GD-SZ");
        long second = crm.customer("PERSON", "RESIDENT_ID", idNumber, "HQ");
        scheduled.addAll(List.of(first, second));
        long p1 = crm.policy(first, "ACTIVE", d.minusMonths(6), d.plusMonths(6), "1200.00");
        long p2 = crm.policy(second, "LIFE", "ACTIVE", d.minusMonths(6), d.plusDays(40), "2400.00");
        crm.installment(first, p1, d.minusDays(40), "100.00", "DUE", null);
        crm.installment(second, p2, d.minusDays(45), "200.00", "DUE", null);
        crm.installment(second, p2, d.plusDays(3), "200.00", "DUE", null);

        assess(first);
        Assessed.One one = assess(second);
        CustomerProfile f = one.evaluation().profile();

        assertThat(f.partyRecords()).isEqualTo(2);
        assertThat(f.overdueInstallments()).isEqualTo(2);
        assertThat(f.maxDaysOverdue()).isEqualTo(45);
        assertThat(f.missedPayments12m()).isEqualTo(2);
        assertThat(f.nextDueDays()).isEqualTo(3);
        assertThat(f.renewalsDue60d()).isEqualTo(1);
    }

    @Test
    void theStoredAssessmentKeepsTheChurnScoreAndWhatASalespersonReads() {
        long c = customer();
        long p = crm.policy(c, "ACTIVE", d.minusYears(2), d.plusDays(30), "1200.00");
        crm.installment(c, p, d.minusDays(40), "100.00", "DUE", null);
        crm.installment(c, p, d.minusDays(70), "100.00", "DUE", null);
        crm.installment(c, p, d.plusDays(10), "100.00", "DUE", null);

        Assessed.One one = assess(c);

        // 2 missed payments 30, overdue 20, one product line 10, tenure of 2 years 5
        assertThat(one.evaluation().churnScore()).isEqualTo(65);
        assertThat(one.assessment().churnScore()).isEqualTo(65);
        assertThat(one.assessment().rulePacks()).containsKey("retention");
        assertThat(warnings(one)).containsExactlyInAnyOrder("POLICY_SUSPENDED:HIGH", "LAPSE_RISK:MEDIUM");
        assertThat(one.evaluation().tier().name()).as("a retention warning never restricts").isNotEqualTo("RESTRICTED");
        String reasons = jdbc.sql("SELECT retention_reasons FROM assessment WHERE customer_id = :id").param("id", c)
                .query(String.class).single();
        assertThat(reasons).contains("2 missed payments in 12 months", "premium 70 days overdue")
                .doesNotContain("churn points");
        assertThat(jdbc.sql("SELECT reasons FROM assessment_detail WHERE customer_id = :id").param("id", c)
                .query(String.class).single()).as("the reasons as stored: their cards and points stay out")
                .contains("2 missed payments in 12 months: +30 churn points").doesNotContain("\"card\"", "\"points\"");
        assertThat(jdbc.sql("SELECT churn_score FROM assessment WHERE customer_id = :id").param("id", c)
                .query(Integer.class).single()).isEqualTo(65);
    }

    private static List<String> warnings(Assessed.One one) {
        return one.evaluation().warnings().stream().map(w -> w.type() + ":" + w.severity()).toList();
    }
}
