package io.decisioning.service.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.decisioning.rules.Grade;
import io.decisioning.rules.MatchStrength;
import io.decisioning.rules.WarningType;
import io.decisioning.rules.engine.CustomerWarning;
import io.decisioning.service.assessment.Assessed;
import io.decisioning.service.assessment.AssessmentPipeline;
import io.decisioning.service.assessment.Selection;
import io.decisioning.service.assessment.Trigger;
import io.decisioning.service.customer.CrmFixtures;
import io.decisioning.service.system.DatabaseTest;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * DESIGN.md section 10 on the real database with the shipped packs: the features and outcomes of a party
 * are those of all its records, and every record has them.
 */
@DatabaseTest
class PartyFeaturesTests {

    @Autowired
    AssessmentPipeline pipeline;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate tx;

    CrmFixtures crm;
    LocalDate today;

    @BeforeEach
    void setUp() {
        crm = CrmFixtures.inALargeBook(jdbc);
        today = CrmFixtures.today();
    }

    @Test
    void aKeyAccountWhosePremiumIsSplitOverTwoRecordsIsAKeyAccountOnBoth() {
        Person person = new Person();
        long agent = person.record("RESIDENT_ID", person.id, "GD");
        crm.policy(agent, "ACTIVE", today.minusMonths(1), "300000.00");
        long bank = person.record("RESIDENT_ID", ResidentId.parse(person.id).fifteenDigits(), "HQ");
        crm.policy(bank, "PROPERTY", "ACTIVE", today.minusMonths(2), today.plusMonths(10), "250000.00");

        Assessed alone = evaluate(agent);
        assertThat(alone.one(crm.customerNo(agent)).evaluation().grade()).as("the agent's record alone")
                .isEqualTo(Grade.STANDARD);

        Assessed party = evaluate(bank);

        for (long record : List.of(agent, bank)) {
            Assessed.One one = party.one(crm.customerNo(record));
            assertThat(one.evaluation().grade()).isEqualTo(Grade.KEY_ACCOUNT);
            assertThat(one.evaluation().profile().annualPremium()).isEqualTo(550_000.0);
            assertThat(one.evaluation().profile().productLines()).isEqualTo(2);
            assertThat(one.evaluation().profile().partyRecords()).isEqualTo(2);
            assertThat(one.evaluation().profile().partyBranches()).isEqualTo(2);
            assertThat(one.assessment().primaryCustomerNo()).isEqualTo(crm.customerNo(agent));
            assertThat(one.assessment().partyRecords()).isEqualTo(2);
        }
        assertThat(storedGrade(agent)).as("the stored assessment of the record not asked for").isEqualTo("KEY_ACCOUNT");
    }

    @Test
    void aRepeatClaimantOverTwoRecordsIsWarnedOnceUnderThePrimaryRecord() {
        Person person = new Person();
        long first = person.record("RESIDENT_ID", person.id, "GD");
        long second = person.record("PASSPORT", "E" + CrmFixtures.uniquePhone(), "HQ");
        long p1 = crm.policy(first, "ACTIVE", today.minusMonths(11), "5000.00");
        long p2 = crm.policy(second, "ACTIVE", today.minusMonths(11), "5000.00");
        crm.claim(first, p1, today.minusMonths(2), "PAID", "100.00");
        crm.claim(first, p1, today.minusMonths(3), "PAID", "100.00");
        crm.claim(second, p2, today.minusMonths(4), "PAID", "100.00");
        evaluate(first);

        Assessed party = evaluate(second);

        for (long record : List.of(first, second)) {
            assertThat(party.one(crm.customerNo(record)).evaluation().warnings()).extracting(CustomerWarning::type)
                    .contains(WarningType.REPEAT_CLAIMANT);
        }
        assertThat(openWarnings(first)).containsExactly("REPEAT_CLAIMANT");
        assertThat(openWarnings(second)).as("warnings people work on: once, under the primary record").isEmpty();
    }

    @Test
    void aBlacklistMatchOfOneRecordStopsTheOtherWithItsStrength() {
        Person person = new Person();
        long listed = person.record("RESIDENT_ID", person.id, "GD");
        long other = person.record("PASSPORT", "E" + CrmFixtures.uniquePhone(), "HQ"); // its own keys match no entry
        jdbc.sql("""
                        INSERT INTO blacklist_entry (id_type, id_number, id_number_key, id_key, reason_code, status, created_by, created_at)
                        VALUES ('RESIDENT_ID', :id, :id, :key, 'FRAUD', 'ACTIVE', 'test', CURRENT_TIMESTAMP(3))
                        """).param("id", person.id).param("key", "RESIDENT_ID|" + person.id).update();
        evaluate(listed);

        Assessed party = evaluate(other);

        assertThat(party.one(crm.customerNo(other)).evaluation().blacklistHits())
                .singleElement().satisfies(hit -> assertThat(hit.strength()).isEqualTo(MatchStrength.STRONG));
        assertThat(party.one(crm.customerNo(other)).evaluation().decision().name()).isEqualTo("DECLINE");
    }

    @Test
    void aRecordAloneHasItsOwnFiguresAndItsPartyOfOne() {
        long alone = new Person().record("RESIDENT_ID", new Person().id, "GD");
        crm.policy(alone, "ACTIVE", today.minusMonths(1), "1200.00");

        Assessed.One one = evaluate(alone).one(crm.customerNo(alone));

        assertThat(one.evaluation().profile().annualPremium()).isEqualTo(1200.0);
        assertThat(one.evaluation().profile().partyRecords()).isEqualTo(1);
        assertThat(one.assessment().partyNo()).isNotNull();
        assertThat(one.assessment().primaryCustomerNo()).isEqualTo(crm.customerNo(alone));
    }

    private Assessed evaluate(long customerId) {
        return tx.execute(status -> pipeline.assess(Selection.ids(List.of(customerId)), Trigger.MANUAL, today));
    }

    private String storedGrade(long customerId) {
        return jdbc.sql("SELECT grade FROM assessment WHERE customer_id = :id").param("id", customerId).query(String.class).single();
    }

    private List<String> openWarnings(long customerId) {
        return jdbc.sql("SELECT type FROM warning WHERE customer_id = :id AND status = 'OPEN' ORDER BY type")
                .param("id", customerId).query(String.class).list();
    }

    /** One person, entered into the CRM as several records: the same name, birth date and phone. */
    private final class Person {
        final LocalDate birth = LocalDate.of(1960 + ThreadLocalRandom.current().nextInt(30), 1 + ThreadLocalRandom.current().nextInt(12), 5);
        final String id = IdentityRecords.residentId(birth);
        final String name = "客" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        final String phone = CrmFixtures.uniquePhone();

        long record(String idType, String idNumber, String branch) {
            GeneratedKeyHolder key = new GeneratedKeyHolder();
            jdbc.sql("""
                            INSERT INTO customer (customer_no, customer_type, name, id_type, id_number, birth_date, phone,
                                                  branch_code, created_at)
                            VALUES (:no, 'PERSON', :name, :idType, :idNumber, :birth, :phone, :branch, :at)
                            """)
                    .param("no", CrmFixtures.uniqueNumber()).param("name", name).param("idType", idType)
                    .param("idNumber", idNumber).param("birth", birth).param("phone", phone).param("branch", branch)
                    .param("at", LocalDateTime.of(2020, 1, 1, 9, 0))
                    .update(key);
            return key.getKey().longValue();
        }
    }
}
