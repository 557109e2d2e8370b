package io.decisioning.service.assessment;

import static io.decisioning.service.assessment.AssessmentRepository.matchKeysHash;
import static org.assertj.core.api.Assertions.assertThat;

import io.decisioning.service.identity.MatchKeys;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** The digest of a customer's match keys that an assessment keeps (V13). */
class MatchKeysHashTests {

    @Test
    void theDigestChangesWithAnyKeyAndOnlyWithTheKeys() {
        MatchKeys keys = MatchKeys.of("RESIDENT_ID", "11010519491231002x", "张三", LocalDate.of(1949, 12, 31), "+86 138-0013-8000");
        MatchKeys sameKeysOtherSpelling = MatchKeys.of("RESIDENT_ID", "110105 19491231 002X", "张 三", LocalDate.of(1949, 12, 31), "13800138000");

        assertThat(matchKeysHash(keys)).hasSize(32).isEqualTo(matchKeysHash(sameKeysOtherSpelling));
        assertThat(matchKeysHash(new MatchKeys(keys.idNumber(), keys.nameBirthDate(), "13900139000"))).isNotEqualTo(matchKeysHash(keys));
        assertThat(matchKeysHash(new MatchKeys(keys.idNumber(), null, keys.phone()))).isNotEqualTo(matchKeysHash(keys));
        // the keys' boundaries count: a character moved from one key to the next is another set of keys
        assertThat(matchKeysHash(new MatchKeys("A", "BC", null))).isNotEqualTo(matchKeysHash(new MatchKeys("AB", "C", null)));
        assertThat(matchKeysHash(new MatchKeys(null, null, null))).isNotEqualTo(matchKeysHash(new MatchKeys("A", null, null)));
    }
}
