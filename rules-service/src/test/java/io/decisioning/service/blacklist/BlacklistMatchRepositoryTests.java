package io.decisioning.service.blacklist;

import static io.decisioning.rules.MatchField.ID_NUMBER;
import static io.decisioning.rules.MatchField.NAME_BIRTH_DATE;
import static io.decisioning.rules.MatchField.PHONE;
import static io.decisioning.service.blacklist.BlacklistFixtures.birthDate;
import static io.decisioning.service.blacklist.BlacklistFixtures.customerNo;
import static io.decisioning.service.blacklist.BlacklistFixtures.entry;
import static io.decisioning.service.blacklist.BlacklistFixtures.fullWidth;
import static io.decisioning.service.blacklist.BlacklistFixtures.insertCustomer;
import static io.decisioning.service.blacklist.BlacklistFixtures.name;
import static io.decisioning.service.blacklist.BlacklistFixtures.phone;
import static io.decisioning.service.blacklist.BlacklistFixtures.residentId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.decisioning.rules.BlacklistHit;
import io.decisioning.rules.MatchStrength;
import io.decisioning.rules.engine.EvaluationInput;
import io.decisioning.service.assessment.AssessmentPipeline;
import io.decisioning.service.assessment.IdRange;
import io.decisioning.service.assessment.Selection;
import io.decisioning.service.assessment.Subject;
import io.decisioning.service.assessment.Trigger;
import io.decisioning.service.identity.CustomerKeys;
import io.decisioning.service.identity.IdType;
import io.decisioning.service.identity.MatchKeyRepository;
import io.decisioning.service.identity.MatchKeys;
import io.decisioning.service.system.DatabaseTest;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Matching against the real database and migrations. */
@DatabaseTest
class BlacklistMatchRepositoryTests {

    private static final LocalDate TODAY = LocalDate.of(2026, 3, 15);

    @Autowired
    BlacklistMatchRepository matches;

    @Autowired
    BlacklistRepository entries;

    @Autowired
    MatchKeyRepository keys;

    @Autowired
    AssessmentPipeline pipeline;

    @Autowired
    JdbcClient jdbc;

    @Test
    void anEqualIdNumberMatchesStrongAndTheHitListsEveryMatchedField() {
        LocalDate birth = birthDate();
        String id = residentId(birth);
        String name = name();
        String phone = phone();
        long entry = add(entry(IdType.RESIDENT_ID, id, name, birth, phone, null));

        List<BlacklistHit> hits = matches.hitsFor("C1", MatchKeys.of("RESIDENT_ID", id.toLowerCase(), fullWidth(name), birth,
                "+86 " + phone), TODAY);

        assertThat(hits).containsExactly(
                new BlacklistHit("C1", entry, MatchStrength.STRONG, List.of(ID_NUMBER, NAME_BIRTH_DATE, PHONE), "FRAUD"));
    }

    @Test
    void anEqualPhoneAloneMatchesWeak() {
        String phone = phone();
        long entry = add(entry(null, null, null, null, "+86 " + phone, null));

        List<BlacklistHit> hits = matches.hitsFor("C2", MatchKeys.of("RESIDENT_ID", residentId(), name(), birthDate(), phone),
                TODAY);

        assertThat(hits).containsExactly(new BlacklistHit("C2", entry, MatchStrength.WEAK, List.of(PHONE), "FRAUD"));
    }

    @Test
    void anEqualNameAndBirthDateMatchWeakButTheNameAloneDoesNot() {
        LocalDate birth = birthDate();
        String name = name();
        long entry = add(entry(null, null, name, birth, null, null));

        assertThat(matches.hitsFor("C3", MatchKeys.of(null, null, fullWidth(name), birth, null), TODAY))
                .containsExactly(new BlacklistHit("C3", entry, MatchStrength.WEAK, List.of(NAME_BIRTH_DATE), "FRAUD"));
        assertThat(matches.hitsFor("C3", MatchKeys.of(null, null, name, birth.plusDays(1), null), TODAY)).isEmpty();
    }

    @Test
    void theSameNumberUnderAnotherIdTypeDoesNotMatch() {
        String number = "E" + phone();
        add(entry(IdType.PASSPORT, number, null, null, null, null));

        assertThat(matches.hitsFor("C4", MatchKeys.of("OTHER", number, null, null, null), TODAY)).isEmpty();
        assertThat(matches.hitsFor("C4", MatchKeys.of("PASSPORT", number.toLowerCase(), null, null, null), TODAY))
                .singleElement().extracting(BlacklistHit::strength).isEqualTo(MatchStrength.STRONG);
    }

    @Test
    void anEntryMatchesUntilTheDayBeforeItExpires() {
        String phone = phone();
        add(entry(null, null, null, null, phone, TODAY.plusDays(1)));
        MatchKeys keys = MatchKeys.of(null, null, null, null, phone);

        assertThat(matches.hitsFor("C5", keys, TODAY)).hasSize(1);
        assertThat(matches.hitsFor("C5", keys, TODAY.plusDays(1))).isEmpty();
    }

    @Test
    void aLiftedEntryNoLongerMatches() {
        String phone = phone();
        long entry = add(entry(null, null, null, null, phone, null));
        MatchKeys keys = MatchKeys.of(null, null, null, null, phone);
        assertThat(matches.hitsFor("C6", keys, TODAY)).hasSize(1);

        assertThat(entries.lift(entry, "approver", Instant.now(), "cleared")).isTrue();

        assertThat(matches.hitsFor("C6", keys, TODAY)).isEmpty();
        assertThat(entries.lift(entry, "approver", Instant.now(), "again")).isFalse();
    }

    @Test
    void oneHitPerEntryEvenWhenSeveralEntriesMatch() {
        LocalDate birth = birthDate();
        String id = residentId(birth);
        String phone = phone();
        long byId = add(entry(IdType.RESIDENT_ID, id, null, null, null, null));
        long byPhone = add(entry(null, null, null, null, phone, null));

        assertThat(matches.hitsFor("C7", MatchKeys.of("RESIDENT_ID", id, null, null, phone), TODAY))
                .extracting(BlacklistHit::entryId, BlacklistHit::strength)
                .containsExactly(tuple(byId, MatchStrength.STRONG),
                        tuple(byPhone, MatchStrength.WEAK));
    }

    @Test
    void manyCustomersAreMatchedAtOnceByTheKeysOfTheirCrmRows() {
        LocalDate birth = birthDate();
        String id = residentId(birth);
        String name = name();
        String phone = phone();
        long entry = add(entry(IdType.RESIDENT_ID, id, name, birth, phone, null));
        String strongNo = customerNo();
        long strong = insertCustomer(jdbc, strongNo, name, "RESIDENT_ID", id, birth, phone);
        String weakNo = customerNo();
        long weak = insertCustomer(jdbc, weakNo, fullWidth(name), "RESIDENT_ID", residentId(), birth, null);
        String cleanNo = customerNo();
        long clean = insertCustomer(jdbc, cleanNo, name(), "RESIDENT_ID", residentId(), birth, phone());

        Map<String, List<BlacklistHit>> hits = pipeline.read(Selection.ids(List.of(strong, weak, clean)), TODAY).inputs()
                .stream().collect(Collectors.toMap(input -> input.profile().customerNo(), EvaluationInput::blacklistHits));

        assertThat(hits).containsOnlyKeys(strongNo, weakNo, cleanNo);
        assertThat(hits.get(strongNo)).containsExactly(
                new BlacklistHit(strongNo, entry, MatchStrength.STRONG, List.of(ID_NUMBER, NAME_BIRTH_DATE, PHONE), "FRAUD"));
        assertThat(hits.get(weakNo)).containsExactly(
                new BlacklistHit(weakNo, entry, MatchStrength.WEAK, List.of(NAME_BIRTH_DATE), "FRAUD"));
        assertThat(hits.get(cleanNo)).isEmpty();
    }

    @Test
    void aLargeSetJoinsTheKeysStoredForItsCustomersAndSendsOnlyTheKeysThatChangedSince() {
        List<Long> ids = new ArrayList<>();
        List<String> phones = new ArrayList<>();
        for (int i = 0; i < BlacklistFacts.JOIN_STORED_KEYS_FROM + 20; i++) {
            phones.add(phone());
            ids.add(insertCustomer(jdbc, customerNo(), name(), "RESIDENT_ID", residentId(), birthDate(), phones.get(i)));
        }
        pipeline.assess(Selection.ids(ids), Trigger.MANUAL, TODAY);
        long storedAndCurrent = ids.get(0);
        long changedToAListedPhone = ids.get(1);
        long changedAwayFromAListedPhone = ids.get(2);
        String newPhone = phone();
        setPhone(changedToAListedPhone, newPhone);
        setPhone(changedAwayFromAListedPhone, phone());
        long byStoredKey = add(entry(null, null, null, null, phones.get(0), null));
        long byNewPhone = add(entry(null, null, null, null, newPhone, null));
        add(entry(null, null, null, null, phones.get(2), null));

        for (Selection selection : List.of(Selection.range(new IdRange(ids.get(0), ids.get(ids.size() - 1))),
                Selection.ids(ids))) {
            AssessmentPipeline.Read read = pipeline.read(selection, TODAY);
            Map<Long, Boolean> keysStored = read.subjects().stream()
                    .collect(Collectors.toMap(Subject::customerId, Subject::keysStored));
            Map<Long, List<Long>> hits = new HashMap<>();
            for (int i = 0; i < read.subjects().size(); i++) {
                hits.put(read.subjects().get(i).customerId(),
                        read.inputs().get(i).blacklistHits().stream().map(BlacklistHit::entryId).toList());
            }

            assertThat(keysStored).containsEntry(storedAndCurrent, true).containsEntry(changedToAListedPhone, false)
                    .containsEntry(changedAwayFromAListedPhone, false);
            assertThat(hits.get(storedAndCurrent)).containsExactly(byStoredKey);
            assertThat(hits.get(changedToAListedPhone)).containsExactly(byNewPhone);
            assertThat(hits.get(changedAwayFromAListedPhone)).isEmpty();
            assertThat(hits.entrySet().stream().filter(hit -> !hit.getValue().isEmpty()).map(Map.Entry::getKey))
                    .containsExactlyInAnyOrder(storedAndCurrent, changedToAListedPhone);
        }
    }

    private void setPhone(long customerId, String phone) {
        jdbc.sql("UPDATE customer SET phone = :phone WHERE id = :id").param("phone", phone).param("id", customerId).update();
    }

    @Test
    void refreshingKeysWritesChangesAndRemovesKeysThatAreGone() {
        long customer = insertCustomer(jdbc, customerNo(), name(), "PASSPORT", "P1", null, null);
        String phone = phone();
        keys.refresh(List.of(new CustomerKeys(customer, MatchKeys.of("PASSPORT", "p1", "Li Na", LocalDate.of(1980, 1, 2),
                phone))));
        assertThat(storedKeys(customer)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "ID_NUMBER", "PASSPORT|P1", "NAME_BIRTH_DATE", "LINA|1980-01-02", "PHONE", phone,
                "IDENTITY", "PASSPORT|P1|LINA", "NAME_PHONE", "LINA|" + phone));

        keys.refresh(List.of(new CustomerKeys(customer, MatchKeys.of("PASSPORT", "P2", null, null, phone))));

        assertThat(storedKeys(customer)).containsExactlyInAnyOrderEntriesOf(Map.of("ID_NUMBER", "PASSPORT|P2", "PHONE", phone));
    }

    @Test
    void anEntryFindsEvaluatedCustomersByKeyAndOthersInTheCrmTables() {
        LocalDate birth = birthDate();
        String id = residentId(birth);
        String name = name();
        String phone = phone();
        long byIdNumber = insertCustomer(jdbc, customerNo(), name(), "RESIDENT_ID", id.toLowerCase(), birthDate(), null);
        long byPhone = insertCustomer(jdbc, customerNo(), name(), "RESIDENT_ID", residentId(), null,
                "+86 " + phone.substring(0, 3) + " " + phone.substring(3, 7) + " " + phone.substring(7));
        long byName = insertCustomer(jdbc, customerNo(), fullWidth(name), "PASSPORT", "E" + phone(), birth, null);
        long byStoredKey = insertCustomer(jdbc, customerNo(), name(), "OTHER", "Z1", null, "tel:(0086)" + phone);
        keys.refresh(List.of(new CustomerKeys(byStoredKey, MatchKeys.of("OTHER", "Z1", null, null, "tel:(0086)" + phone))));
        long sameBirthOtherName = insertCustomer(jdbc, customerNo(), name(), "PASSPORT", "E" + phone(), birth, null);
        long sameIdOtherType = insertCustomer(jdbc, customerNo(), name(), "OTHER", id, null, null);

        List<Long> customers = matches.customersMatching("RESIDENT_ID", id, name, birth, phone);

        assertThat(customers).containsExactly(byIdNumber, byPhone, byName, byStoredKey)
                .doesNotContain(sameBirthOtherName, sameIdOtherType);
    }

    private long add(NewBlacklistEntry entry) {
        return entries.add(entry, "test", Instant.now());
    }

    private Map<String, String> storedKeys(long customerId) {
        return jdbc.sql("SELECT key_type, key_value FROM customer_match_key WHERE customer_id = :id")
                .param("id", customerId)
                .query(rs -> {
                    Map<String, String> keys = new HashMap<>();
                    while (rs.next()) {
                        keys.put(rs.getString(1), rs.getString(2));
                    }
                    return keys;
                });
    }
}
