package io.decisioning.service.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.decisioning.rules.LinkOutcome;
import io.decisioning.rules.engine.CompiledPack;
import io.decisioning.rules.engine.PackSource;
import io.decisioning.rules.engine.RuleSet;
import io.decisioning.service.customer.CrmFixtures;
import io.decisioning.service.engine.RuleEngine;
import io.decisioning.service.system.DatabaseTest;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A draft of the identity pack simulated over the book on the real database: its pairs, parties and review
 * queue against the live version's. The database is shared with the other database tests, so the counts of a
 * small hand-made book are read as what it adds to the book's.
 */
@DatabaseTest
class LinkingImpactTests {

    @Autowired
    PartyResolver resolver;

    @Autowired
    MatchKeyRepository keys;

    @Autowired
    RuleEngine engine;

    @Autowired
    JdbcClient jdbc;

    @Test
    void makingSameNameAndBirthDateAnAutoLinkLinksThosePairsMergesTheirPartiesAndShortensTheReviewQueue() {
        RuleSet live = engine.current();
        RuleSet draft = live.with(identityDraft("IDN-040 Same name and birth date,70,,,true,true,,REVIEW",
                "IDN-040 Same name and birth date,70,,,true,true,,AUTO_LINK"));
        LinkingImpact before = resolver.simulate(live, draft, 20, Supplier::get);

        // one person under an old and a new resident ID: AUTO_LINK under both versions
        String n1 = IdentityRecords.name("模");
        LocalDate b1 = LocalDate.of(1961, 2, 3);
        String id1 = IdentityRecords.residentId(b1);
        long a1 = IdentityRecords.insert(jdbc, n1, "RESIDENT_ID", id1, b1, CrmFixtures.uniquePhone(), "GD");
        long a2 = IdentityRecords.insert(jdbc, n1, "RESIDENT_ID", ResidentId.parse(id1).fifteenDigits(), b1, null, "HQ");
        // one person three times by name and birth date, three phones: REVIEW now, AUTO_LINK with the draft
        String n2 = IdentityRecords.name("模");
        LocalDate b2 = LocalDate.of(1975, 8, 9);
        long c1 = IdentityRecords.insert(jdbc, n2, "PASSPORT", passport(), b2, CrmFixtures.uniquePhone(), "GD");
        long c2 = IdentityRecords.insert(jdbc, n2, "PASSPORT", passport(), b2, CrmFixtures.uniquePhone(), "HQ");
        long c3 = IdentityRecords.insert(jdbc, n2, "PASSPORT", passport(), b2, CrmFixtures.uniquePhone(), "SH");
        // the same name and phone, another birth date: REVIEW under both
        String n3 = IdentityRecords.name("模");
        String phone = CrmFixtures.uniquePhone();
        long d1 = IdentityRecords.insert(jdbc, n3, "PASSPORT", passport(), LocalDate.of(1980, 1, 1), phone, "GD");
        long d2 = IdentityRecords.insert(jdbc, n3, "PASSPORT", passport(), LocalDate.of(1981, 1, 1), phone, "GD");
        // a family's phone, and two valid resident IDs that differ: NO_LINK under both
        String family = CrmFixtures.uniquePhone();
        long e1 = IdentityRecords.insert(jdbc, IdentityRecords.name("模"), "PASSPORT", passport(), LocalDate.of(1950, 3, 3), family, "GD");
        long e2 = IdentityRecords.insert(jdbc, IdentityRecords.name("模"), "PASSPORT", passport(), LocalDate.of(1952, 4, 4), family, "GD");
        String n4 = IdentityRecords.name("模");
        LocalDate b4 = LocalDate.of(1990, 6, 7);
        long f1 = IdentityRecords.insert(jdbc, n4, "RESIDENT_ID", IdentityRecords.residentId(b4), b4, null, "GD");
        long f2 = IdentityRecords.insert(jdbc, n4, "RESIDENT_ID", IdentityRecords.residentId(b4), b4, null, "GD");
        IdentityRecords.storeKeys(jdbc, keys, resolver, a1, a2, c1, c2, c3, d1, d2, e1, e2, f1, f2);
        long partiesStored = jdbc.sql("SELECT COUNT(*) FROM party_member").query(Long.class).single();

        LinkingImpact after = resolver.simulate(live, draft, 20, Supplier::get);

        assertThat(after.records() - before.records()).isEqualTo(11);
        assertThat(after.pairs() - before.pairs()).isEqualTo(7);
        assertThat(after.changedPairs() - before.changedPairs()).isEqualTo(3);
        assertThat(added(before, after, LinkOutcome.AUTO_LINK)).containsExactly(1L, 4L, 2L, 5L);
        assertThat(added(before, after, LinkOutcome.REVIEW)).containsExactly(4L, 1L, 5L, 2L);
        assertThat(added(before, after, LinkOutcome.NO_LINK)).containsExactly(2L, 2L, 4L, 4L);
        assertThat(after.partiesNow() - before.partiesNow()).as("a, c1, c2, c3, d1, d2, e1, e2, f1, f2").isEqualTo(10);
        assertThat(after.partiesDraft() - before.partiesDraft()).as("a, c, d1, d2, e1, e2, f1, f2").isEqualTo(8);
        assertThat(after.recordsChangingParty() - before.recordsChangingParty()).isEqualTo(3);
        assertThat(after.reviewQueueNow() - before.reviewQueueNow()).as("c1-c2, c1-c3, c2-c3, d1-d2").isEqualTo(4);
        assertThat(after.reviewQueueDraft() - before.reviewQueueDraft()).as("d1-d2").isEqualTo(1);
        LinkingImpact.Change change = after.changes().stream()
                .filter(c -> c.from() == LinkOutcome.REVIEW && c.to() == LinkOutcome.AUTO_LINK).findFirst().orElseThrow();
        assertThat(change.pairs() - pairs(before, LinkOutcome.REVIEW, LinkOutcome.AUTO_LINK)).isEqualTo(3);
        assertThat(after.changes()).extracting(LinkingImpact.Change::from).containsOnly(LinkOutcome.REVIEW);
        if (change.pairs() <= 20) {
            assertThat(change.examples()).extracting(LinkingImpact.ExamplePair::customerNoA, LinkingImpact.ExamplePair::customerNoB)
                    .contains(tuple(no(c1), no(c2)), tuple(no(c1), no(c3)),
                            tuple(no(c2), no(c3)));
            assertThat(change.examples()).filteredOn(e -> e.customerNoA().equals(no(c1)))
                    .allSatisfy(e -> assertThat(e.ruleNow()).startsWith("IDN-040").endsWith("(identity v" + liveVersion() + ")"))
                    .allSatisfy(e -> assertThat(e.ruleDraft()).startsWith("IDN-040").endsWith("(identity v" + (liveVersion() + 1) + ")"));
        }
        assertThat(jdbc.sql("SELECT COUNT(*) FROM party_member").query(Long.class).single())
                .as("a simulation writes no party").isEqualTo(partiesStored);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM party_member WHERE customer_id IN (:ids)")
                .param("ids", List.of(a1, a2, c1, c2, c3, d1, d2, e1, e2, f1, f2)).query(Long.class).single()).isZero();
    }

    @Test
    void aDraftIdenticalToTheLiveVersionChangesNothing() {
        String name = IdentityRecords.name("模");
        LocalDate birth = LocalDate.of(1966, 6, 6);
        IdentityRecords.storeKeys(jdbc, keys, resolver, IdentityRecords.insert(jdbc, name, "PASSPORT", passport(), birth, CrmFixtures.uniquePhone(), "GD"),
                IdentityRecords.insert(jdbc, name, "PASSPORT", passport(), birth, CrmFixtures.uniquePhone(), "GD"));
        RuleSet live = engine.current();

        LinkingImpact impact = resolver.simulate(live, live.with(identityDraft("", "")), 20, Supplier::get);

        assertThat(impact.pairs()).isPositive();
        assertThat(impact.changedPairs()).isZero();
        assertThat(impact.changes()).isEmpty();
        assertThat(impact.outcomes()).allSatisfy(o -> {
            assertThat(o.pairsDraft()).isEqualTo(o.pairsNow());
            assertThat(o.recordsDraft()).isEqualTo(o.recordsNow());
        });
        assertThat(impact.outcomes()).filteredOn(o -> o.outcome() == LinkOutcome.REVIEW)
                .singleElement().satisfies(o -> assertThat(o.pairsNow()).isPositive());
        assertThat(impact.partiesDraft()).isEqualTo(impact.partiesNow());
        assertThat(impact.recordsChangingParty()).isZero();
        assertThat(impact.reviewQueueDraft()).isEqualTo(impact.reviewQueueNow());
    }

    private int liveVersion() {
        return engine.current().rulePacks().get("identity");
    }

    /** The next version of the live identity pack, with a line of its linking table replaced. */
    private CompiledPack identityDraft(String line, String replacement) {
        CompiledPack published = engine.current().packs().stream().filter(p -> p.name().equals("identity")).findFirst().orElseThrow();
        Map<String, byte[]> files = new LinkedHashMap<>(published.source().files());
        String table = new String(files.get("linking.drl.csv"), StandardCharsets.UTF_8);
        assertThat(table).contains(line);
        files.put("linking.drl.csv", table.replace(line, replacement).getBytes(StandardCharsets.UTF_8));
        return engine.compile(new PackSource("identity", published.version() + 1, files)).orThrow();
    }

    private static List<Long> added(LinkingImpact before, LinkingImpact after, LinkOutcome outcome) {
        LinkingImpact.OutcomeCount b = before.outcomes().stream().filter(o -> o.outcome() == outcome).findFirst().orElseThrow();
        LinkingImpact.OutcomeCount a = after.outcomes().stream().filter(o -> o.outcome() == outcome).findFirst().orElseThrow();
        return List.of(a.pairsNow() - b.pairsNow(), a.pairsDraft() - b.pairsDraft(), a.recordsNow() - b.recordsNow(),
                a.recordsDraft() - b.recordsDraft());
    }

    private static long pairs(LinkingImpact impact, LinkOutcome from, LinkOutcome to) {
        return impact.changes().stream().filter(c -> c.from() == from && c.to() == to).mapToLong(LinkingImpact.Change::pairs).sum();
    }

    private String no(long id) {
        return jdbc.sql("SELECT customer_no FROM customer WHERE id = :id").param("id", id).query(String.class).single();
    }

    private static String passport() {
        return "E" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    }
}
