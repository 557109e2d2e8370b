package io.decisioning.service.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.decisioning.rules.MatchField;
import io.decisioning.service.identity.MatchKeys;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MatchKeysTests {

    private static final LocalDate BIRTH = LocalDate.of(1949, 12, 31);

    @Test
    void normalizingTrimsUpperCasesAndRemovesSpacesAndDashes() {
        assertThat(MatchKeys.normalize("  li na-wang ")).isEqualTo("LINAWANG");
        assertThat(MatchKeys.normalize("e 1234-5678")).isEqualTo("E12345678");
    }

    @Test
    void normalizingTurnsFullWidthIntoHalfWidth() {
        assertThat(MatchKeys.normalize("ｌｉ\u3000ｎａ")).isEqualTo("LINA");
        assertThat(MatchKeys.normalize("１１０１０５１９４９１２３１００２ｘ")).isEqualTo("11010519491231002X");
        assertThat(MatchKeys.normalize("ＡＢ－１２")).isEqualTo("AB12");
    }

    @Test
    void normalizingKeepsChineseCharacters() {
        assertThat(MatchKeys.normalize(" 张　三 ")).isEqualTo("张三");
    }

    @Test
    void nullNormalizesToEmpty() {
        assertThat(MatchKeys.normalize(null)).isEmpty();
        assertThat(MatchKeys.normalizePhone(null)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            "+86 138-0013-8000; 13800138000",
            "0086 13800138000; 13800138000",
            "８６１３８００１３８０００; 13800138000",
            "(138) 0013 8000; 13800138000",
            "8613800138000; 13800138000",
            "13800138000; 13800138000",
            "86123456; 86123456",
            "86123456789; 86123456789",
            "0086123; 0086123"})
    void phonesKeepTheirDigitsWithoutTheCountryCode(String raw, String expected) {
        assertThat(MatchKeys.normalizePhone(raw)).isEqualTo(expected);
    }

    @Test
    void theIdNumberKeyIsTheIdTypeAndTheNormalizedNumber() {
        assertThat(MatchKeys.idNumberKey("RESIDENT_ID", " 11010519491231002x")).isEqualTo("RESIDENT_ID|11010519491231002X");
        assertThat(MatchKeys.idNumberKey("PASSPORT", "e1234 5678")).isEqualTo("PASSPORT|E12345678");
    }

    @Test
    void theIdNumberKeyNeedsTypeAndNumber() {
        assertThat(MatchKeys.idNumberKey(null, "E12345678")).isNull();
        assertThat(MatchKeys.idNumberKey("PASSPORT", " ")).isNull();
    }

    @Test
    void theNameBirthDateKeyNeedsBoth() {
        assertThat(MatchKeys.nameBirthDateKey("ｌｉ ｎａ", BIRTH)).isEqualTo("LINA|1949-12-31");
        assertThat(MatchKeys.nameBirthDateKey("li na", null)).isNull();
        assertThat(MatchKeys.nameBirthDateKey(" ", BIRTH)).isNull();
    }

    @Test
    void aPhoneWithoutDigitsHasNoKey() {
        assertThat(MatchKeys.phoneKey("n/a")).isNull();
        assertThat(MatchKeys.phoneKey("+86 138 0013 8000")).isEqualTo("13800138000");
    }

    @Test
    void differentSpellingsOfTheSamePersonHaveEqualKeys() {
        MatchKeys crm = MatchKeys.of("RESIDENT_ID", "11010519491231002x", "Li Na", BIRTH, "+86 138-0013-8000");
        MatchKeys entry = MatchKeys.of("RESIDENT_ID", "１１０１０５１９４９１２３１００２Ｘ", "ＬＩ　ＮＡ", BIRTH, "13800138000");

        assertThat(crm).isEqualTo(entry);
        assertThat(crm.fieldsMatching(entry))
                .containsExactly(MatchField.ID_NUMBER, MatchField.NAME_BIRTH_DATE, MatchField.PHONE);
    }

    @Test
    void theSameNumberUnderAnotherIdTypeDoesNotMatch() {
        MatchKeys passport = MatchKeys.of("PASSPORT", "E12345678", null, null, null);
        MatchKeys other = MatchKeys.of("OTHER", "E12345678", null, null, null);

        assertThat(passport.fieldsMatching(other)).isEmpty();
    }

    @Test
    void missingKeysNeverMatch() {
        MatchKeys none = MatchKeys.of(null, null, "Li Na", null, null);

        assertThat(none.isEmpty()).isTrue();
        assertThat(none.fieldsMatching(none)).isEmpty();
    }
}
