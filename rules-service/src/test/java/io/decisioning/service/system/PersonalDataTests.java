package io.decisioning.service.system;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PersonalDataTests {

    @Test
    void allButTheLastFourLettersAndDigitsAreHiddenAndSeparatorsStay() {
        assertThat(PersonalData.mask("11010519491231002X")).isEqualTo("**************002X");
        assertThat(PersonalData.mask("+86 138 0013 8000")).isEqualTo("+** *** **** 8000");
        assertThat(PersonalData.mask("91350100-M000100Y43")).isEqualTo("********-******0Y43");
    }

    @Test
    void shortValuesAreHiddenWholeAndNullStaysNull() {
        assertThat(PersonalData.mask("1234")).isEqualTo("****");
        assertThat(PersonalData.mask("")).isEmpty();
        assertThat(PersonalData.mask(null)).isNull();
    }
}
