package io.decisioning.rules.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.decisioning.rules.engine.ProfileConstraint.Operator;
import org.junit.jupiter.api.Test;

class ProfileConstraintTests {

    @Test
    void aComparisonOfANumericFieldWithANumberReadsAsWritten() {
        ProfileConstraint constraint = ProfileConstraint.parse("  claims12m>=3 ");

        assertThat(constraint).isEqualTo(new ProfileConstraint(ProfileFeature.CLAIMS_12M, Operator.GE, "3"));
        assertThat(constraint.text()).isEqualTo("claims12m >= 3");
        assertThat(constraint.number()).isEqualTo(3.0);
        assertThat(constraint.nullCheck()).isFalse();
        assertThat(constraint.placeholder()).isFalse();
        assertThat(ProfileConstraint.parse("lossRatio3y < -0.25").number()).isEqualTo(-0.25);
    }

    @Test
    void aJavaSuffixOfTheNumberIsDropped() {
        assertThat(ProfileConstraint.parse("annualPremium >= 500000L").operand()).isEqualTo("500000");
        assertThat(ProfileConstraint.parse("lossRatio3y <= 0.1d").text()).isEqualTo("lossRatio3y <= 0.1");
    }

    @Test
    void everyOperatorIsReadAndMeansWhatItSays() {
        for (Operator operator : Operator.values()) {
            assertThat(ProfileConstraint.parse("tenureYears " + operator.symbol + " 3").operator()).isEqualTo(operator);
        }
        assertThat(Operator.GE.holds(0)).isTrue();
        assertThat(Operator.GT.holds(0)).isFalse();
        assertThat(Operator.NE.holds(1)).isTrue();
        assertThat(Operator.LT.holds(2.0, 3.0)).isTrue();
        assertThat(Operator.EQ.holds(Double.NaN, 3.0)).isFalse();
        assertThat(Operator.NE.holds(Double.NaN, 3.0)).isTrue();
    }

    @Test
    void aNullCheckIsOnlyEqualOrNotEqual() {
        ProfileConstraint notNull = ProfileConstraint.parse("lossRatio3y != null");

        assertThat(notNull.nullCheck()).isTrue();
        assertThat(notNull.text()).isEqualTo("lossRatio3y != null");
        assertThatThrownBy(() -> ProfileConstraint.parse("lossRatio3y >= null"))
                .hasMessage("'lossRatio3y >= null' compares with null");
    }

    @Test
    void aTablesPlaceholdersStandForTheCellsValues() {
        ProfileConstraint param = ProfileConstraint.parse("claims12m >= $param");
        ProfileConstraint second = ProfileConstraint.parse("premiumRankPct < $2");

        assertThat(param.placeholder()).isTrue();
        assertThat(param.numbered()).isFalse();
        assertThat(param.parameter()).isEqualTo(1);
        assertThat(second.numbered()).isTrue();
        assertThat(second.parameter()).isEqualTo(2);
        assertThatThrownBy(() -> ProfileConstraint.parse("claims12m >= $0"))
                .hasMessage("'claims12m >= $0' uses $0; a cell's values are $1, $2, ...");
    }

    @Test
    void whatIsNotAComparisonOfANumericProfileFieldSaysWhy() {
        assertThatThrownBy(() -> ProfileConstraint.parse("customerType == \"PERSON\""))
                .hasMessage("'customerType == \"PERSON\"' is not a comparison of a field with a number");
        assertThatThrownBy(() -> ProfileConstraint.parse("customerNo == 3"))
                .hasMessage("customerNo is not a numeric field of CustomerProfile");
        assertThatThrownBy(() -> ProfileConstraint.parse("claims12m >= $x"))
                .hasMessage("'claims12m >= $x' is not a comparison of a field with a number");
    }

    @Test
    void aRulesAtomIsAConstraintOnlyWithANumberOrNull() {
        assertThat(ProfileConstraint.ofRule("claims12m >= 3")).isNotNull();
        assertThat(ProfileConstraint.ofRule("lossRatio3y == null")).isNotNull();
        assertThat(ProfileConstraint.ofRule("claims12m >= $param")).isNull();
        assertThat(ProfileConstraint.ofRule("customerNo == $p.customerNo")).isNull();
        assertThat(ProfileConstraint.ofRule("Math.abs(claims12m) >= 3")).isNull();
    }
}
