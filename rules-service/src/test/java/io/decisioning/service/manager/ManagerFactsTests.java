package io.decisioning.service.manager;

import static org.assertj.core.api.Assertions.assertThat;

import io.decisioning.rules.CustomerProfile;
import io.decisioning.rules.ManagerStatus;
import io.decisioning.rules.engine.EvaluationInput;
import io.decisioning.service.assessment.AssessmentPipeline;
import io.decisioning.service.assessment.Selection;
import io.decisioning.service.assessment.Trigger;
import io.decisioning.service.customer.CrmFixtures;
import io.decisioning.service.identity.IdentityRecords;
import io.decisioning.service.system.DatabaseTest;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The account-manager figures of DESIGN.md section 12 as the evaluation pipeline reads them from the real database: the
 * manager's status and level from the register, days since the latest visit and contact, days to the birthday, and
 * the party's managers and contacts.
 */
@DatabaseTest
class ManagerFactsTests {

    @Autowired
    AssessmentPipeline pipeline;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate tx;

    ManagerBook book;
    LocalDate d;

    @BeforeEach
    void setUp() {
        book = new ManagerBook(jdbc);
        d = CrmFixtures.today();
    }

    private CustomerProfile of(long customerId, LocalDate asOf) {
        List<EvaluationInput> read = pipeline.read(Selection.ids(List.of(customerId)), asOf).inputs();
        assertThat(read).hasSize(1);
        return read.get(0).profile();
    }

    @Test
    void theManagersStatusAndLevelComeFromTheRegister() {
        book.manager(book.code(1), "SENIOR", 100, "ACTIVE");
        book.manager(book.code(2), "PRINCIPAL", 100, "LEFT");
        book.manager(book.code(3), "JUNIOR", 100, "ON_LEAVE");
        long active = book.person(null, book.code(1));
        long left = book.person(null, book.code(2));
        long onLeave = book.person(null, book.code(3));
        long unknown = book.person(null, book.code(9));
        long none = book.person(null, null);

        assertThat(of(active, d)).extracting(CustomerProfile::managerStatus, CustomerProfile::managerLevel,
                CustomerProfile::partyAccountManagers).containsExactly(ManagerStatus.ACTIVE, 4, 1);
        assertThat(of(left, d)).extracting(CustomerProfile::managerStatus, CustomerProfile::managerLevel)
                .containsExactly(ManagerStatus.LEFT, null);
        assertThat(of(onLeave, d).managerStatus()).isEqualTo(ManagerStatus.ON_LEAVE);
        assertThat(of(unknown, d)).extracting(CustomerProfile::managerStatus, CustomerProfile::managerLevel,
                CustomerProfile::partyAccountManagers).containsExactly(ManagerStatus.UNKNOWN, null, 1);
        assertThat(of(none, d)).extracting(CustomerProfile::managerStatus, CustomerProfile::managerLevel,
                CustomerProfile::partyAccountManagers).containsExactly(ManagerStatus.NONE, null, 0);
    }

    @Test
    void daysSinceTheLatestVisitAndContactNullWhenNever() {
        long visited = book.person(null, null);
        book.contact(visited, "VISIT", d.minusDays(40));
        book.contact(visited, "VISIT", d.minusDays(32));
        book.contact(visited, "PHONE", d.minusDays(3));
        long phoned = book.person(null, null);
        book.contact(phoned, "PHONE", d);
        long never = book.person(null, null);

        assertThat(of(visited, d)).extracting(CustomerProfile::daysSinceLastVisit, CustomerProfile::daysSinceLastContact)
                .containsExactly(32, 3);
        assertThat(of(phoned, d)).extracting(CustomerProfile::daysSinceLastVisit, CustomerProfile::daysSinceLastContact)
                .containsExactly(null, 0);
        assertThat(of(never, d)).extracting(CustomerProfile::daysSinceLastVisit, CustomerProfile::daysSinceLastContact)
                .containsExactly(null, null);
        // as of a past date, the contacts after it do not count
        assertThat(of(visited, d.minusDays(35))).extracting(CustomerProfile::daysSinceLastVisit,
                CustomerProfile::daysSinceLastContact).containsExactly(5, 5);
        assertThat(of(visited, d.minusDays(41))).extracting(CustomerProfile::daysSinceLastVisit,
                CustomerProfile::daysSinceLastContact).containsExactly(null, null);
    }

    @Test
    void daysToThePersonsNextBirthday() {
        long today = book.person(d.minusYears(40), null);
        long inAWeek = book.person(d.plusDays(7).minusYears(30), null);
        long yesterday = book.person(d.minusDays(1).minusYears(50), null);
        long unknown = book.person(null, null);
        long company = book.customer("ORGANIZATION", "OTHER", CrmFixtures.uniqueNumber(), d.minusYears(10), null);

        assertThat(of(today, d).daysToBirthday()).isZero();
        assertThat(of(inAWeek, d).daysToBirthday()).isEqualTo(7);
        assertThat(of(yesterday, d).daysToBirthday()).isEqualTo(
                (int) java.time.temporal.ChronoUnit.DAYS.between(d, d.minusDays(1).plusYears(1)));
        assertThat(of(unknown, d).daysToBirthday()).isNull();
        assertThat(of(company, d).daysToBirthday()).as("an organization has no birthday").isNull();
    }

    @Test
    void aBirthdayOnTheTwentyNinthOfFebruaryFallsOnTheTwentyEighthInOtherYears() {
        LocalDate leapling = LocalDate.of(1988, 2, 29);
        assertThat(ManagerFacts.daysToBirthday(leapling, LocalDate.of(2027, 2, 28))).isZero();
        assertThat(ManagerFacts.daysToBirthday(leapling, LocalDate.of(2027, 2, 21))).isEqualTo(7);
        assertThat(ManagerFacts.daysToBirthday(leapling, LocalDate.of(2028, 2, 28))).isEqualTo(1);
        assertThat(ManagerFacts.daysToBirthday(leapling, LocalDate.of(2027, 3, 1))).as("to 29 February 2028").isEqualTo(365);
        assertThat(ManagerFacts.daysToBirthday(leapling, LocalDate.of(2026, 3, 1))).as("to 28 February 2027").isEqualTo(364);
        assertThat(ManagerFacts.daysToBirthday(LocalDate.of(1990, 12, 31), LocalDate.of(2027, 1, 1))).isEqualTo(364);
    }

    @Test
    void aPartysManagerIsItsPrimaryRecordsAndItsContactsAreAllItsRecords() {
        book.manager(book.code(1), "REGULAR", 100, "ACTIVE");
        book.manager(book.code(2), "SENIOR", 100, "ACTIVE");
        LocalDate birth = LocalDate.of(1975, 6, 1);
        String id = IdentityRecords.residentId(birth);
        long first = book.customer("PERSON", "RESIDENT_ID", id, birth, book.code(1));
        long second = book.customer("PERSON", "RESIDENT_ID", id, birth, book.code(2));
        book.contact(second, "VISIT", d.minusDays(10));
        book.contact(first, "PHONE", d.minusDays(2));
        // an evaluation resolves the two records into one party (same identity document)
        tx.executeWithoutResult(status -> pipeline.assess(Selection.ids(List.of(first, second)), Trigger.MANUAL, d));

        for (long record : new long[] {first, second}) {
            CustomerProfile profile = of(record, d);
            assertThat(profile.partyRecords()).isEqualTo(2);
            assertThat(profile).as("the primary record's manager, whichever record is evaluated")
                    .extracting(CustomerProfile::managerStatus, CustomerProfile::managerLevel,
                            CustomerProfile::partyAccountManagers, CustomerProfile::daysSinceLastVisit,
                            CustomerProfile::daysSinceLastContact)
                    .containsExactly(ManagerStatus.ACTIVE, 3, 2, 10, 2);
        }
    }
}
