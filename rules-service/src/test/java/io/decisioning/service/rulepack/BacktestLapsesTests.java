package io.decisioning.service.rulepack;

import static org.assertj.core.api.Assertions.assertThat;

import io.decisioning.service.assessment.IdRange;
import io.decisioning.service.customer.CrmFixtures;
import io.decisioning.service.identity.IdentityRecords;
import io.decisioning.service.identity.MatchKeyRepository;
import io.decisioning.service.identity.PartyResolver;
import io.decisioning.service.identity.ResidentId;
import io.decisioning.service.system.DatabaseTest;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Who a back-test counts as at risk on D and as having left within the horizon H (DESIGN.md section 11), read from
 * the real database at every boundary: a policy in force on D (start_date <= D < end_date, not CANCELLED); LAPSED
 * with its end in (D, D + H]; EXPIRED in (D, D + H] without a policy of the same line starting within 30 days of
 * its end; over all records of the customer's party.
 */
@DatabaseTest
class BacktestLapsesTests {

    private static final int HORIZON = 90;

    @Autowired
    LapseRepository lapses;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MatchKeyRepository keys;

    @Autowired
    PartyResolver resolver;

    @Autowired
    TransactionTemplate tx;

    CrmFixtures crm;
    LocalDate d;
    final List<Long> customers = new ArrayList<>();

    @BeforeEach
    void setUp() {
        crm = new CrmFixtures(jdbc);
        d = CrmFixtures.today().minusYears(2);
    }

    private long customer() {
        long id = crm.customer();
        customers.add(id);
        return id;
    }

    /** A customer with one AUTO policy of {@code status} from a year before D to {@code end}. */
    private long withPolicyEnding(String status, LocalDate end) {
        long id = customer();
        crm.policy(id, "AUTO", status, d.minusYears(1), end, "1000.00");
        return id;
    }

    private Map<Long, Boolean> atRiskAndLeft() {
        return lapses.atRiskAndLeft(new IdRange(Collections.min(customers), Collections.max(customers)), d, HORIZON);
    }

    @Test
    void aPolicyLapsedOnTheLastDayOfTheHorizonCountsAndOneLapsedTheDayAfterDoesNot() {
        long onTheLastDay = withPolicyEnding("LAPSED", d.plusDays(HORIZON));
        long theDayAfter = withPolicyEnding("LAPSED", d.plusDays(HORIZON + 1));
        long theDayAfterD = withPolicyEnding("LAPSED", d.plusDays(1));

        Map<Long, Boolean> found = atRiskAndLeft();

        assertThat(found).containsEntry(onTheLastDay, true).containsEntry(theDayAfter, false).containsEntry(theDayAfterD, true);
    }

    @Test
    void aPolicyThatExpiredWithinTheHorizonUnrenewedCountsAndOneExpiredAfterItDoesNot() {
        long onTheLastDay = withPolicyEnding("EXPIRED", d.plusDays(HORIZON));
        long theDayAfter = withPolicyEnding("EXPIRED", d.plusDays(HORIZON + 1));
        long stillActive = withPolicyEnding("ACTIVE", d.plusDays(30));

        Map<Long, Boolean> found = atRiskAndLeft();

        assertThat(found).containsEntry(onTheLastDay, true).containsEntry(theDayAfter, false);
        assertThat(found).as("a policy the CRM still has ACTIVE after its end is no lapse").containsEntry(stillActive, false);
    }

    @Test
    void aRenewalStartingWithinThirtyDaysOfTheEndIsNoLeavingAndOneStartingOnTheThirtyFirstDayIs() {
        LocalDate end = d.plusDays(40);
        long renewedOnTheDay = withPolicyEnding("EXPIRED", end);
        crm.policy(renewedOnTheDay, "AUTO", "ACTIVE", end, end.plusYears(1), "1000.00");
        long renewedLate = withPolicyEnding("EXPIRED", end);
        crm.policy(renewedLate, "AUTO", "ACTIVE", end.plusDays(30), end.plusYears(1), "1000.00");
        long renewedTooLate = withPolicyEnding("EXPIRED", end);
        crm.policy(renewedTooLate, "AUTO", "ACTIVE", end.plusDays(31), end.plusYears(1), "1000.00");
        long renewedEarly = withPolicyEnding("EXPIRED", end);
        crm.policy(renewedEarly, "AUTO", "ACTIVE", end.minusDays(30), end.plusYears(1), "1000.00");
        long renewedTooEarly = withPolicyEnding("EXPIRED", end);
        crm.policy(renewedTooEarly, "AUTO", "EXPIRED", end.minusDays(31), end.minusDays(1), "1000.00");

        Map<Long, Boolean> found = atRiskAndLeft();

        assertThat(found).containsEntry(renewedOnTheDay, false).containsEntry(renewedLate, false)
                .containsEntry(renewedTooLate, true).containsEntry(renewedEarly, false).containsEntry(renewedTooEarly, true);
    }

    @Test
    void onlyAPolicyOfTheSameLineNotCancelledIsARenewal() {
        LocalDate end = d.plusDays(10);
        long otherLine = withPolicyEnding("EXPIRED", end);
        crm.policy(otherLine, "PROPERTY", "ACTIVE", end, end.plusYears(1), "1000.00");
        long cancelledRenewal = withPolicyEnding("EXPIRED", end);
        crm.policy(cancelledRenewal, "AUTO", "CANCELLED", end, end.plusYears(1), "1000.00");

        Map<Long, Boolean> found = atRiskAndLeft();

        assertThat(found).containsEntry(otherLine, true).containsEntry(cancelledRenewal, true);
    }

    @Test
    void onlyAPolicyInForceOnTheDateNotCancelledPutsACustomerAtRisk() {
        long startsOnD = customer();
        crm.policy(startsOnD, "AUTO", "ACTIVE", d, d.plusYears(1), "1000.00");
        long endsOnD = withPolicyEnding("EXPIRED", d);
        long startsTheDayAfter = customer();
        crm.policy(startsTheDayAfter, "AUTO", "LAPSED", d.plusDays(1), d.plusDays(20), "1000.00");
        long cancelled = withPolicyEnding("CANCELLED", d.plusDays(20));
        long none = customer();
        long cancelledAndLapsed = withPolicyEnding("CANCELLED", d.plusDays(20));
        crm.policy(cancelledAndLapsed, "HEALTH", "LAPSED", d.minusMonths(6), d.plusDays(20), "500.00");

        Map<Long, Boolean> found = atRiskAndLeft();

        assertThat(found).containsEntry(startsOnD, false).containsEntry(cancelledAndLapsed, true)
                .doesNotContainKeys(endsOnD, startsTheDayAfter, cancelled, none);
    }

    @Test
    void aPartyIsAtRiskWithThePoliciesOfAllItsRecordsAndRenewsWithAnyOfThem() {
        LocalDate birth = LocalDate.of(1970, 5, 6);
        String residentId = IdentityRecords.residentId(birth);
        String name = IdentityRecords.name("测");
        long agent = IdentityRecords.insert(jdbc, name, "RESIDENT_ID", residentId, birth, CrmFixtures.uniquePhone(), "GD");
        long bank = IdentityRecords.insert(jdbc, name, "RESIDENT_ID", ResidentId.parse(residentId).fifteenDigits(), birth,
                null, "HQ");
        customers.add(agent);
        customers.add(bank);
        LocalDate end = d.plusDays(50);
        crm.policy(agent, "AUTO", "EXPIRED", d.minusYears(1), end, "1000.00");
        crm.policy(bank, "AUTO", "ACTIVE", end.plusDays(3), end.plusYears(1), "1000.00");
        long aloneLeaving = withPolicyEnding("EXPIRED", end);
        IdentityRecords.storeKeys(jdbc, keys, resolver, agent, bank);
        tx.execute(status -> resolver.resolve(List.of(agent, bank)));

        Map<Long, Boolean> found = atRiskAndLeft();

        assertThat(found).as("renewed at the bank's counter").containsEntry(agent, false);
        assertThat(found).as("the bank's record is at risk with the agent's policy").containsEntry(bank, false);
        assertThat(found).containsEntry(aloneLeaving, true);
    }
}
