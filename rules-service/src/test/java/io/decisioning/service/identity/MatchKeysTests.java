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

    @Test
    void aFifteenDigitResidentIdHasTheKeyOfItsEighteenDigitForm() {
        MatchKeys old = MatchKeys.of("RESIDENT_ID", "110105491231002", "张三", BIRTH, null);
        MatchKeys current = MatchKeys.of("RESIDENT_ID", "11010519491231002x", "张三", BIRTH, null);
        assertThat(old.idNumber()).isEqualTo("RESIDENT_ID|11010519491231002X").isEqualTo(current.idNumber());
        assertThat(old.identity()).isEqualTo("RESIDENT_ID|11010519491231002X").isEqualTo(current.identity());
        assertThat(old.fieldsMatching(current)).contains(MatchField.ID_NUMBER);
    }

    @Test
    void anInvalidResidentIdKeepsItsBlacklistKeyButHasNoIdentityKey() {
        MatchKeys keys = MatchKeys.of("RESIDENT_ID", "110105194912310021", "张三", BIRTH, null);
        assertThat(keys.idNumber()).isEqualTo("RESIDENT_ID|110105194912310021");
        assertThat(keys.identity()).isNull();
        assertThat(MatchKeys.of("RESIDENT_ID", "110105490230002", "张三", null, null).idNumber())
                .as("15 digits without a valid birth date stay as they are")
                .isEqualTo("RESIDENT_ID|110105490230002");
    }

    @Test
    void aUsccAndAnOtherIdThatIsItsOrganizationCodeShareTheIdentityKey() {
        String organizationCode = "12345678" + OrganizationCode.checkCharacter("12345678");
        String first17 = "91440300" + organizationCode;
        String uscc = first17 + UnifiedSocialCreditCode.checkCharacter(first17);
        MatchKeys company = MatchKeys.of("USCC", uscc, "深圳某某科技有限公司", null, null);
        MatchKeys oldRecord = MatchKeys.of("OTHER", organizationCode.substring(0, 8) + "-" + organizationCode.charAt(8),
                "深圳某某科技有限公司", null, null);
        assertThat(company.identity()).isEqualTo("ORG_CODE|" + organizationCode).isEqualTo(oldRecord.identity());
        assertThat(company.idNumber()).isNotEqualTo(oldRecord.idNumber());
        assertThat(MatchKeys.of("OTHER", "军官证123456", "某某", null, null).identity()).isNull();
        assertThat(MatchKeys.of("USCC", uscc.substring(0, 17) + "0", "某某", null, null).identity())
                .as("an invalid USCC says nothing certain").isNull();
    }

    @Test
    void aPassportKeyIsTheNumberWithTheName() {
        assertThat(MatchKeys.of("PASSPORT", "e1234 5678", "Li Na", null, null).identity()).isEqualTo("PASSPORT|E12345678|LINA");
        assertThat(MatchKeys.of("PASSPORT", "E12345678", null, null, null).identity()).isNull();
    }

    @Test
    void theNamePhoneKeyJoinsTheNormalizedNameAndPhone() {
        assertThat(MatchKeys.of("PASSPORT", "E1", " 张　三", null, "+86 138-0013-8000").namePhone()).isEqualTo("张三|13800138000");
        assertThat(MatchKeys.of("PASSPORT", "E1", "张三", null, null).namePhone()).isNull();
    }
}
