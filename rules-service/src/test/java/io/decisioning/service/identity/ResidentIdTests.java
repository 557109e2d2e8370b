package io.decisioning.service.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.decisioning.service.identity.ResidentId;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ResidentIdTests {

    @ParameterizedTest
    @ValueSource(strings = {"11010519491231002X", "440524188001010014", "110101199003077758", "440308199901010012"})
    void acceptsNumbersWithTheirCheckCharacter(String number) {
        assertThat(new ResidentId(number).value()).isEqualTo(number);
    }

    @Test
    void readsTheEmbeddedBirthDate() {
        assertThat(ResidentId.parse("11010519491231002X").birthDate()).isEqualTo(LocalDate.of(1949, 12, 31));
    }

    @Test
    void parseAcceptsLowerCaseXFullWidthDigitsAndSurroundingSpaces() {
        assertThat(ResidentId.parse(" 11010519491231002x ").value()).isEqualTo("11010519491231002X");
        assertThat(ResidentId.parse("１１０１０５１９４９１２３１００２Ｘ").value()).isEqualTo("11010519491231002X");
        assertThat(ResidentId.parse("４４０５２４１８８００１０１００１４　").value()).isEqualTo("440524188001010014");
    }

    @ParameterizedTest
    @ValueSource(strings = {"110105194912310021", "11010519491231002Y", "440524188001010015"})
    void rejectsAWrongCheckCharacter(String number) {
        assertThatIllegalArgumentException().isThrownBy(() -> ResidentId.parse(number)).withMessageContaining("check");
        assertThat(ResidentId.isValid(number)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "11010519491231002", "1101051949123100211", "1101051949123100AX", "X10105194912310021"})
    void rejectsMalformedNumbers(String number) {
        assertThatIllegalArgumentException().isThrownBy(() -> ResidentId.parse(number))
                .withMessageContaining("17 digits");
    }

    @Test
    void rejectsABirthDateThatDoesNotExist() {
        String february30 = "11010519490230001";
        String number = february30 + ResidentId.checkCharacter(february30);
        assertThatIllegalArgumentException().isThrownBy(() -> ResidentId.parse(number)).withMessageContaining("birth date");
    }

    @Test
    void theCanonicalConstructorDoesNotNormalize() {
        assertThatIllegalArgumentException().isThrownBy(() -> new ResidentId("11010519491231002x"));
    }

    @Test
    void computesTheCheckCharacter() {
        assertThat(ResidentId.checkCharacter("11010519491231002")).isEqualTo('X');
        assertThat(ResidentId.checkCharacter("44052418800101001")).isEqualTo('4');
    }
}
