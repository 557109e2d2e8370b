package io.decisioning.service.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.decisioning.service.customer.CrmFixtures;
import io.decisioning.service.system.DatabaseTest;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** Parties resolved on the real database: the book at once, and the records an evaluation involves. */
@DatabaseTest
class PartyResolverTests {

    @Autowired
    PartyResolver resolver;

    @Autowired
    MatchKeyRepository keys;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate tx;

    @Test
    void theSamePersonUnderAnOldAndANewResidentIdAndByNameBirthDateAndPhoneIsOnePartyAndTheLikelyOnesAreCandidates() {
        String name = IdentityRecords.name("测");
        LocalDate birth = LocalDate.of(1961, 2, 3);
        String eighteen = IdentityRecords.residentId(birth);
        String fifteen = ResidentId.parse(eighteen).fifteenDigits();
        String phone = CrmFixtures.uniquePhone();
        long a = IdentityRecords.insert(jdbc, name, "RESIDENT_ID", eighteen, birth, phone, "GD");
        long b = IdentityRecords.insert(jdbc, fullWidth(name), "RESIDENT_ID", fifteen, birth, null, "HQ");
        long c = IdentityRecords.insert(jdbc, name, "PASSPORT", "E" + phone, birth, "+86 " + phone, "GD-SZ");
        long d = IdentityRecords.insert(jdbc, name, "PASSPORT", "G" + phone, birth, CrmFixtures.uniquePhone(), "HQ");
        long e = IdentityRecords.insert(jdbc, name, "RESIDENT_ID", IdentityRecords.residentId(birth), birth, phone, "HQ");
        IdentityRecords.storeKeys(jdbc, keys, resolver, a, b, c, d, e);

        resolver.resolveBook();

        Map<Long, Map<String, Object>> parties = parties(a, b, c, d, e);
        assertThat(parties.get(a)).containsEntry("party_no", parties.get(b).get("party_no"))
                .containsEntry("primary_customer_id", a).containsEntry("records", 3);
        assertThat(parties.get(c).get("party_no")).isEqualTo(parties.get(a).get("party_no"));
        assertThat(parties.get(b)).containsEntry("link", "AUTO").containsEntry("evidence", "ID_NUMBER,NAME,BIRTH_DATE");
        assertThat(parties.get(c)).containsEntry("link", "AUTO").containsEntry("evidence", "NAME,BIRTH_DATE,PHONE");
        assertThat(parties.get(d)).containsEntry("records", 1).containsEntry("link", "ALONE");
        assertThat(parties.get(e)).as("another valid resident ID: never in the party").containsEntry("records", 1);
        assertThat(parties.get(a).get("party_no")).isEqualTo(smallest(parties, a, b, c));
        assertThat(candidates(a, b, c, d, e)).containsExactly(List.of(a, d, "PENDING"), List.of(d, e, "PENDING"));
    }

    @Test
    void aNewRecordOfAPartyJoinsItWhenItIsResolvedAndTheNumberStays() {
        String name = IdentityRecords.name("测");
        LocalDate birth = LocalDate.of(1970, 5, 6);
        String id = IdentityRecords.residentId(birth);
        long a = IdentityRecords.insert(jdbc, name, "RESIDENT_ID", id, birth, CrmFixtures.uniquePhone(), "GD");
        long b = IdentityRecords.insert(jdbc, name, "RESIDENT_ID", ResidentId.parse(id).fifteenDigits(), null, null, "HQ");
        IdentityRecords.storeKeys(jdbc, keys, resolver, a, b);
        resolver.resolveBook();
        Object party = parties(a).get(a).get("party_no");

        long late = IdentityRecords.insert(jdbc, name, "RESIDENT_ID", id.toLowerCase(), birth, null, "SH");
        var changed = tx.execute(status -> resolver.resolve(List.of(late)));

        assertThat(changed).contains(a, b, late);
        Map<Long, Map<String, Object>> after = parties(a, b, late);
        assertThat(after.values()).allSatisfy(m -> assertThat(m).containsEntry("party_no", party).containsEntry("records", 3));

        assertThat(resolver.resolveBook().changed()).as("resolving again changes nothing").isZero();
        assertThat(parties(a, b, late)).isEqualTo(after);
    }

    @Test
    void everyRecordGetsAPartyOfItsOwnWhenTheBookIsResolved() {
        long alone = IdentityRecords.insert(jdbc, IdentityRecords.name("测"), "PASSPORT", "E" + CrmFixtures.uniquePhone(), null, null, "HQ");

        PartyResolver.Summary summary = resolver.resolveBook();

        assertThat(summary.fresh()).isPositive();
        assertThat(parties(alone).get(alone)).containsEntry("records", 1).containsEntry("link", "ALONE")
                .containsEntry("primary_customer_id", alone);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM customer c LEFT JOIN party_member m ON m.customer_id = c.id WHERE m.customer_id IS NULL")
                .query(Long.class).single()).isZero();
    }

    @Test
    void aNightResolvesTheRecordsWhoseKeysChangedIntoTheSamePartiesAsAWholeBookResolution() {
        String name = IdentityRecords.name("测");
        LocalDate birth = LocalDate.of(1975, 8, 9);
        String id = IdentityRecords.residentId(birth);
        long a = IdentityRecords.insert(jdbc, name, "RESIDENT_ID", id, birth, CrmFixtures.uniquePhone(), "GD");
        long b = IdentityRecords.insert(jdbc, name, "RESIDENT_ID", IdentityRecords.residentId(birth), birth, null, "HQ");
        String other = IdentityRecords.name("测");
        LocalDate otherBirth = LocalDate.of(1980, 1, 2);
        String phone = CrmFixtures.uniquePhone();
        long c = IdentityRecords.insert(jdbc, other, "PASSPORT", "E" + phone, otherBirth, phone, "GD");
        long d = IdentityRecords.insert(jdbc, other, "PASSPORT", "G" + phone, otherBirth, phone, "SH");
        IdentityRecords.storeKeys(jdbc, keys, resolver, a, b, c, d);
        wholeBookDue();
        assertThat(resolver.resolveBook().wholeBook()).isTrue();
        assertThat(parties(c).get(c)).containsEntry("records", 2);

        // b's resident ID is corrected to a's (in its 15-digit form), d's phone changes: evaluations store the new keys
        jdbc.sql("UPDATE customer SET id_number = :id WHERE id = :b").param("id", ResidentId.parse(id).fifteenDigits())
                .param("b", b).update();
        jdbc.sql("UPDATE customer SET phone = :phone WHERE id = :d").param("phone", CrmFixtures.uniquePhone()).param("d", d).update();
        assertThat(IdentityRecords.storeKeys(jdbc, keys, resolver, a, b, c, d)).as("the records whose stored keys changed").containsExactly(b, d);
        long e = IdentityRecords.insert(jdbc, name, "RESIDENT_ID", id, null, null, "SZ");

        PartyResolver.Summary night = resolver.resolveBook();

        assertThat(night.wholeBook()).as("%s", night).isFalse();
        assertThat(night.changedKeys()).isGreaterThanOrEqualTo(2);
        assertThat(night.fresh()).isPositive();
        Map<Long, Map<String, Object>> after = parties(a, b, c, d, e);
        assertThat(List.of(after.get(b).get("party_no"), after.get(e).get("party_no"))).containsOnly(after.get(a).get("party_no"));
        assertThat(after.get(a)).containsEntry("records", 3);
        assertThat(after.get(c)).containsEntry("records", 1);
        assertThat(after.get(d)).containsEntry("records", 1);
        assertThat(candidates(c, d)).containsExactly(List.of(c, d, "PENDING"));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM identity_change WHERE customer_id IN (:ids)").param("ids", List.of(b, d))
                .query(Long.class).single()).as("resolved: off the list").isZero();

        wholeBookDue();
        PartyResolver.Summary whole = resolver.resolveBook();
        assertThat(whole.wholeBook()).isTrue();
        assertThat(whole.changed()).as("the whole book resolved again finds nothing to change").isZero();
        assertThat(parties(a, b, c, d, e)).isEqualTo(after);
    }

    @Test
    void theWholeBookIsResolvedAgainWhenTheIdentityPackChangedOrAWeekPassed() {
        jdbc.sql("UPDATE party_number SET linking = 'identity:0' WHERE id = 1").update();
        assertThat(resolver.resolveBook().wholeBook()).as("another version of the identity pack").isTrue();
        assertThat(resolver.resolveBook().wholeBook()).as("the next night").isFalse();
        jdbc.sql("UPDATE party_number SET resolved_at = resolved_at - INTERVAL 7 DAY WHERE id = 1").update();
        assertThat(resolver.resolveBook().wholeBook()).as("a week later").isTrue();
    }

    private void wholeBookDue() {
        jdbc.sql("UPDATE party_number SET linking = NULL WHERE id = 1").update();
    }

    private Map<Long, Map<String, Object>> parties(long... ids) {
        Map<Long, Map<String, Object>> parties = new java.util.HashMap<>();
        for (long id : ids) {
            parties.put(id, jdbc.sql("""
                            SELECT party_no, primary_customer_id, records, link, evidence FROM party_member WHERE customer_id = :id
                            """).param("id", id).query().singleRow());
        }
        return parties;
    }

    private static Object smallest(Map<Long, Map<String, Object>> parties, long... ids) {
        return java.util.Arrays.stream(ids).mapToObj(id -> (Long) parties.get(id).get("party_no")).min(Long::compare).orElseThrow();
    }

    private List<List<Object>> candidates(long... ids) {
        List<Long> all = java.util.Arrays.stream(ids).boxed().toList();
        return jdbc.sql("""
                        SELECT customer_id_a, customer_id_b, status FROM identity_candidate
                         WHERE customer_id_a IN (:ids) OR customer_id_b IN (:ids) ORDER BY customer_id_a, customer_id_b
                        """)
                .param("ids", all)
                .query((rs, row) -> List.<Object>of(rs.getLong(1), rs.getLong(2), rs.getString(3)))
                .list();
    }

    private static String fullWidth(String text) {
        StringBuilder out = new StringBuilder();
        for (char ch : text.toCharArray()) {
            out.append(ch >= '!' && ch <= '~' ? (char) (ch + 0xFEE0) : ch);
        }
        return out.toString();
    }
}
