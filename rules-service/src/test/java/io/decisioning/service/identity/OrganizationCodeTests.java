package io.decisioning.service.identity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OrganizationCodeTests {

    @Test
    void aValidCodeIsItsNineCharacters() {
        String code = "D2143569" + OrganizationCode.checkCharacter("D2143569");
        assertThat(OrganizationCode.validOrNull(code)).isEqualTo(code);
    }

    @Test
    void aWrongCheckCharacterOrFormatIsNotACode() {
        char check = OrganizationCode.checkCharacter("12345678");
        char wrong = check == '0' ? '1' : '0';
        assertThat(OrganizationCode.validOrNull("12345678" + wrong)).isNull();
        assertThat(OrganizationCode.validOrNull("1234567")).isNull();
        assertThat(OrganizationCode.validOrNull("12345678" + check + "0")).isNull();
        assertThat(OrganizationCode.validOrNull("1234567a" + check)).isNull();
    }

    @Test
    void aUsccCarriesItsOrganizationsCodeInCharacters9To17() {
        String code = "12345678" + OrganizationCode.checkCharacter("12345678");
        String first17 = "91110000" + code;
        UnifiedSocialCreditCode uscc = UnifiedSocialCreditCode.parse(first17 + UnifiedSocialCreditCode.checkCharacter(first17));
        assertThat(OrganizationCode.of(uscc)).isEqualTo(code);
    }
}
