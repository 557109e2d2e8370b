package io.decisioning.rules.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.decisioning.rules.Severity;
import io.decisioning.rules.WarningCategory;
import io.decisioning.rules.WarningType;
import org.junit.jupiter.api.Test;

class CustomerWarningTests {

    @Test
    void aWarningStoredBeforeCategoriesExistedTakesItsTypesCategory() {
        CustomerWarning stored = new CustomerWarning(WarningType.EARLY_CLAIM, null, Severity.MEDIUM, Sentence.of("1 early claim"));

        assertThat(stored.category()).isEqualTo(WarningCategory.RISK);
        assertThat(stored).isEqualTo(new CustomerWarning(WarningType.EARLY_CLAIM, Severity.MEDIUM, Sentence.of("1 early claim")));
    }

    @Test
    void aCategoryThatIsNotTheTypesIsRefused() {
        assertThatThrownBy(() -> new CustomerWarning(WarningType.CARE_DUE, WarningCategory.RISK, Severity.LOW, Sentence.of("due")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("CARE_DUE warning is of category SERVICE");
    }
}
