package io.decisioning.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WarningRaisedTests {

    @Test
    void everyWarningTypeHasTheCategoryOfTheDesignsTable() {
        Map<WarningCategory, List<WarningType>> byCategory = new EnumMap<>(WarningCategory.class);
        Arrays.stream(WarningType.values()).forEach(type ->
                byCategory.computeIfAbsent(type.category(), c -> new java.util.ArrayList<>()).add(type));

        assertThat(byCategory).containsExactly(
                Map.entry(WarningCategory.RISK, List.of(WarningType.REPEAT_CLAIMANT, WarningType.HIGH_LOSS_RATIO,
                        WarningType.EARLY_CLAIM, WarningType.BLACKLISTED)),
                Map.entry(WarningCategory.DATA, List.of(WarningType.POSSIBLE_DUPLICATE)),
                Map.entry(WarningCategory.RETENTION, List.of(WarningType.PREMIUM_OVERDUE, WarningType.POLICY_SUSPENDED,
                        WarningType.LAPSE_RISK, WarningType.RENEWAL_DUE)),
                Map.entry(WarningCategory.SERVICE, List.of(WarningType.NO_ACCOUNT_MANAGER, WarningType.VISIT_OVERDUE,
                        WarningType.CARE_DUE, WarningType.OWNERSHIP_CONFLICT, WarningType.COMPLAINT_DEADLINE_NEAR,
                        WarningType.COMPLAINT_OVERDUE, WarningType.VIP_COMPLAINT, WarningType.REPEAT_COMPLAINANT,
                        WarningType.REGULATOR_COMPLAINT)));
    }

    @Test
    void theFourRiskTypesKeepTheirPlaceFirst() {
        assertThat(Arrays.copyOf(WarningType.values(), 4)).containsExactly(WarningType.REPEAT_CLAIMANT,
                WarningType.HIGH_LOSS_RATIO, WarningType.EARLY_CLAIM, WarningType.BLACKLISTED);
    }

    @Test
    void aWarningWrittenWithoutItsCategoryGetsItsTypes() {
        WarningRaised warning = new WarningRaised("C1", WarningType.VISIT_OVERDUE, Severity.HIGH);

        assertThat(warning.category()).isEqualTo(WarningCategory.SERVICE);
        assertThat(warning).isEqualTo(new WarningRaised("C1", WarningType.VISIT_OVERDUE, WarningCategory.SERVICE,
                Severity.HIGH));
    }

    @Test
    void aCategoryThatIsNotTheTypesIsRefused() {
        assertThatThrownBy(() -> new WarningRaised("C1", WarningType.LAPSE_RISK, WarningCategory.RISK, Severity.HIGH))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("LAPSE_RISK warning is of category RETENTION");
        assertThatThrownBy(() -> new WarningRaised("C1", WarningType.LAPSE_RISK, null, Severity.HIGH))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
