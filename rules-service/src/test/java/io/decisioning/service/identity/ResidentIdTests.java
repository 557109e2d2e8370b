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

    @Test
    void aFifteenDigitNumberBecomesItsEighteenDigitForm() {
        // 110105 491231 002: region 110105, born 1949-12-31, sequence 002; the 18-digit card adds "19" and X.
        ResidentId old = ResidentId.parse("110105491231002");
        assertThat(old.value()).isEqualTo("11010519491231002X");
        assertThat(old.birthDate()).isEqualTo(LocalDate.of(1949, 12, 31));
        assertThat(ResidentId.parse("１１０１０５４９１２３１００２ ").value()).isEqualTo("11010519491231002X");
        assertThat(old.fifteenDigits()).isEqualTo("110105491231002");
    }

    @Test
    void aFifteenDigitNumberWithAnImpossibleBirthDateIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> ResidentId.parse("110105490230002"))
                .withMessageContaining("15-digit").withMessageContaining("490230");
        assertThat(ResidentId.isValid("110105491331002")).isFalse();
    }

    @Test
    void onlyHoldersBornInThe1900sHaveAFifteenDigitForm() {
        String born2001 = "44030820010101001";
        assertThat(ResidentId.parse(born2001 + ResidentId.checkCharacter(born2001)).fifteenDigits()).isNull();
    }

    @Test
    void storedFormsOfAResidentIdIncludeBothLengths() {
        assertThat(ResidentId.storedForms("RESIDENT_ID", "11010519491231002X"))
                .containsExactly("11010519491231002X", "11010519491231002x", "110105491231002");
        assertThat(ResidentId.storedForms("RESIDENT_ID", "110105491231002"))
                .contains("110105491231002", "11010519491231002X", "11010519491231002x");
        assertThat(ResidentId.storedForms("PASSPORT", "110105491231002")).containsExactly("110105491231002");
    }
}
