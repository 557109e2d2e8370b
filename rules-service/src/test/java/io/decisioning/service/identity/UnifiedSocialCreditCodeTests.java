package io.decisioning.service.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.decisioning.service.identity.UnifiedSocialCreditCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UnifiedSocialCreditCodeTests {

    @ParameterizedTest
    @ValueSource(strings = {"914403001922038216", "9144030071526726XG", "91350100M000100Y43", "91330100799655058B",
            "91110000802100433B"})
    void acceptsCodesWithTheirCheckCharacter(String code) {
        assertThat(new UnifiedSocialCreditCode(code).value()).isEqualTo(code);
    }

    @Test
    void parseAcceptsLowerCaseFullWidthAndSurroundingSpaces() {
        assertThat(UnifiedSocialCreditCode.parse(" 9144030071526726xg ").value()).isEqualTo("9144030071526726XG");
        assertThat(UnifiedSocialCreditCode.parse("９１３５０１００Ｍ０００１００Ｙ４３").value()).isEqualTo("91350100M000100Y43");
    }

    @ParameterizedTest
    @ValueSource(strings = {"914403001922038217", "9144030071526726XH", "91350100M000100Y44"})
    void rejectsAWrongCheckCharacter(String code) {
        assertThatIllegalArgumentException().isThrownBy(() -> UnifiedSocialCreditCode.parse(code))
                .withMessageContaining("check");
        assertThat(UnifiedSocialCreditCode.isValid(code)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "91440300192203821", "9144030019220382166", "91440300192203821I", "9144030O1922038216"})
    void rejectsCodesOfTheWrongLengthOrWithExcludedCharacters(String code) {
        assertThatIllegalArgumentException().isThrownBy(() -> UnifiedSocialCreditCode.parse(code))
                .withMessageContaining("18 characters");
    }

    @Test
    void aSumThatIsAMultipleOf31HasCheckCharacterZero() {
        assertThat(UnifiedSocialCreditCode.checkCharacter("00000000000000000")).isEqualTo('0');
    }

    @Test
    void computesTheCheckCharacter() {
        assertThat(UnifiedSocialCreditCode.checkCharacter("91440300192203821")).isEqualTo('6');
        assertThat(UnifiedSocialCreditCode.checkCharacter("9144030071526726X")).isEqualTo('G');
    }
}
