package io.decisioning.service.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.decisioning.rules.LinkOutcome;
import io.decisioning.service.identity.Linker.Decision;
import io.decisioning.service.identity.Linker.Pair;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Parties from pair decisions: DESIGN.md section 10's rules about what a party may hold and its number. */
class LinkerTests {

    private final Map<Long, IdentityRecord> records = new HashMap<>();
    private final List<Pair> pairs = new ArrayList<>();
    private final List<Decision> decisions = new ArrayList<>();
    private final Map<Long, Long> current = new HashMap<>();
    private long nextNumber = 100;

    @Test
    void recordsJoinedByAutoLinksAreOnePartyWhoseNumberIsTheSmallestTheyHadAndWhosePrimaryIsTheSmallestId() {
        person(1, null);
        person(2, null);
        person(3, null);
        person(4, null);
        current.putAll(Map.of(1L, 7L, 2L, 5L, 3L, 9L, 4L, 8L));
        auto(1, 2);
        auto(2, 3);

        Linker.Resolution resolution = link();

        assertThat(party(resolution, 1)).isEqualTo(party(resolution, 2)).isEqualTo(party(resolution, 3)).isEqualTo(5L);
        assertThat(resolution.members().get(3L).primaryCustomerId()).isEqualTo(1L);
        assertThat(resolution.members().get(3L).records()).isEqualTo(3);
        assertThat(resolution.members().get(3L).link()).isEqualTo(LinkKind.AUTO);
        assertThat(party(resolution, 4)).isEqualTo(8L);
        assertThat(resolution.members().get(4L).link()).isEqualTo(LinkKind.ALONE);
        assertThat(resolution.members().get(4L).evidence()).isEmpty();
    }

    @Test
    void aPartyThatFallsApartKeepsItsNumberWhereItsSmallestRecordIsAndTheRestGetNewOnes() {
        person(1, null);
        person(2, null);
        current.putAll(Map.of(1L, 5L, 2L, 5L));

        Linker.Resolution resolution = link();

        assertThat(party(resolution, 1)).isEqualTo(5L);
        assertThat(party(resolution, 2)).isEqualTo(100L);
        assertThat(nextNumber).isEqualTo(101);
    }

    @Test
    void neverTwoDifferentValidResidentIdsInOneParty() {
        // 2 has no ID; 1 and 3 share name, birth date and phone with it but have two different resident IDs
        person(1, "11010519491231002X");
        person(2, null);
        person(3, "440524188001010014");
        auto(1, 2);
        auto(2, 3);
        auto(1, 3);

        Linker.Resolution resolution = link();

        assertThat(party(resolution, 1)).isEqualTo(party(resolution, 2)).isNotEqualTo(party(resolution, 3));
        assertThat(resolution.members().get(3L).link()).isEqualTo(LinkKind.ALONE);
    }

    @Test
    void aPairKeptApartStaysApartWhileItsRecordsAreUnchangedAndWhatEverLinksThem() {
        person(1, null);
        person(2, null);
        person(3, null);
        auto(1, 2);
        auto(2, 3);
        decisions.add(new Decision(1, 3, Decision.Kind.APART, records.get(1L).keysDigest(), records.get(3L).keysDigest()));

        Linker.Resolution apart = link();

        assertThat(party(apart, 1)).isEqualTo(party(apart, 2)).isNotEqualTo(party(apart, 3));

        decisions.set(0, new Decision(1, 3, Decision.Kind.APART, "changed since", records.get(3L).keysDigest()));
        Linker.Resolution changed = link();

        assertThat(party(changed, 1)).isEqualTo(party(changed, 2)).isEqualTo(party(changed, 3));
    }

    @Test
    void aConfirmedPairIsOnePartyAndAReviewPairBetweenPartiesIsACandidateUnlessKeptApart() {
        person(1, null);
        person(2, null);
        person(3, null);
        person(4, null);
        decisions.add(new Decision(1, 2, Decision.Kind.CONFIRMED, "x", "y"));
        pairs.add(new Pair(1, 2, LinkOutcome.REVIEW, "IDN-040", EnumSet.of(Evidence.NAME, Evidence.BIRTH_DATE)));
        pairs.add(new Pair(2, 3, LinkOutcome.REVIEW, "IDN-040", EnumSet.of(Evidence.NAME, Evidence.BIRTH_DATE)));
        pairs.add(new Pair(3, 4, LinkOutcome.REVIEW, "IDN-050", EnumSet.of(Evidence.NAME, Evidence.PHONE)));
        decisions.add(new Decision(3, 4, Decision.Kind.APART, records.get(3L).keysDigest(), records.get(4L).keysDigest()));

        Linker.Resolution resolution = link();

        assertThat(party(resolution, 1)).isEqualTo(party(resolution, 2));
        assertThat(resolution.members().get(1L).link()).isEqualTo(LinkKind.CONFIRMED);
        assertThat(resolution.candidates()).extracting(Linker.Candidate::a, Linker.Candidate::b)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(2L, 3L));
    }

    @Test
    void theOutcomeDoesNotDependOnTheOrderOfThePairs() {
        person(1, "11010519491231002X");
        person(2, null);
        person(3, "440524188001010014");
        auto(2, 3);
        auto(1, 2);
        Linker.Resolution oneOrder = link();
        pairs.clear();
        auto(1, 2);
        auto(2, 3);
        nextNumber = 100;
        Linker.Resolution otherOrder = link();

        assertThat(party(oneOrder, 2)).isEqualTo(party(oneOrder, 1));
        assertThat(otherOrder.members()).isEqualTo(oneOrder.members());
    }

    private Linker.Resolution link() {
        return Linker.link(records, pairs, decisions, current, () -> nextNumber++);
    }

    private static long party(Linker.Resolution resolution, long id) {
        return resolution.members().get(id).partyNo();
    }

    private void person(long id, String residentId) {
        records.put(id, IdentityRecord.of(id, "C" + id, "PERSON", "HQ", "张三" + id,
                residentId == null ? "PASSPORT" : "RESIDENT_ID", residentId == null ? "E" + id : residentId,
                LocalDate.of(1980, 1, 1), "1380013800" + id));
    }

    private void auto(long a, long b) {
        pairs.add(new Pair(a, b, LinkOutcome.AUTO_LINK, "IDN-030", Set.of(Evidence.NAME)));
    }
}
