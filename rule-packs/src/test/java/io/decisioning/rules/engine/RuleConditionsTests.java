package io.decisioning.rules.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.decisioning.rules.CustomerProfile;
import org.drools.drl.parser.DrlParser;
import org.junit.jupiter.api.Test;

class RuleConditionsTests {

    private static final String INSERT_GRADE = "insert(new GradeAssigned($p.customerNo(), Grade.HIGH_QUALITY));";

    private static RuleConditions conditionsOf(String when, String then) throws Exception {
        String drl = "package test;\nimport io.decisioning.rules.*;\nrule \"GRD-060 Test\" when " + when + " then " + then + " end\n";
        return RuleConditions.of("grading", 3, new DrlParser().parse(false, drl).getRules().get(0));
    }

    private static CustomerProfile profile(Double lossRatio, int claims, int claimFreeYears, int tenureYears) {
        return new CustomerProfile("C", "PERSON", false, 1000, 1000, 100, lossRatio, claims, 0, claimFreeYears, tenureYears,
                0.01, 50, 1);
    }

    @Test
    void thresholdsNullChecksAndAnEarlierPacksGradeAreEvaluatedInJava() throws Exception {
        RuleConditions conditions = conditionsOf("""
                $p : CustomerProfile(tenureYears >= 3, lossRatio3y != null && lossRatio3y <= 0.1)
                GradeAssigned(customerNo == $p.customerNo, grade == Grade.STANDARD)
                """, "insert(new TierAssigned($p.customerNo(), Tier.GOLD));");
        int standard = io.decisioning.rules.Grade.STANDARD.ordinal();
        int poor = io.decisioning.rules.Grade.POOR_QUALITY.ordinal();

        assertThat(conditions).isNotNull();
        assertThat(conditions.outcome).isEqualTo("GOLD");
        assertThat(conditions.constraints).extracting(RuleConditions.Constraint::text)
                .containsExactly("tenureYears >= 3", "lossRatio3y != null", "lossRatio3y <= 0.1");
        assertThat(conditions.onlyFailing(profile(0.05, 0, 0, 5), standard)).isEqualTo(-1); // holds
        assertThat(conditions.onlyFailing(profile(0.05, 0, 0, 2), standard)).isEqualTo(0);
        assertThat(conditions.onlyFailing(profile(0.05, 0, 0, 2), poor)).isEqualTo(-1); // the grade fails
        assertThat(conditions.onlyFailing(profile(null, 0, 0, 5), standard)).isEqualTo(-1); // two fail
    }

    @Test
    void conditionsTheEngineCannotEvaluateLeaveTheRuleOut() throws Exception {
        assertThat(conditionsOf("$p : CustomerProfile(applicant)", INSERT_GRADE)).isNull();
        assertThat(conditionsOf("$p : CustomerProfile(claims12m >= 3 || lossRatio3y >= 1.0)", INSERT_GRADE)).isNull();
        assertThat(conditionsOf("$p : CustomerProfile(Math.abs(claims12m) >= 3)", INSERT_GRADE)).isNull();
        assertThat(conditionsOf("$p : CustomerProfile(customerNo == \"A\")", INSERT_GRADE)).isNull();
        assertThat(conditionsOf("$p : CustomerProfile() not BlacklistHit(customerNo == $p.customerNo)", INSERT_GRADE)).isNull();
        assertThat(conditionsOf("$p : CustomerProfile() exists BlacklistHit(customerNo == $p.customerNo)", INSERT_GRADE)).isNull();
        assertThat(conditionsOf("$p : CustomerProfile() eval($p.claims12m() > 1)", INSERT_GRADE)).isNull();
        assertThat(conditionsOf("$p : CustomerProfile() $q : CustomerProfile(claims12m > 1)", INSERT_GRADE)).isNull();
        assertThat(conditionsOf("$p : CustomerProfile() GradeAssigned(customerNo == \"A\", grade == Grade.NEW)", INSERT_GRADE)).isNull();
        // an action that inserts no outcome, or two
        assertThat(conditionsOf("$p : CustomerProfile(claims12m >= 3)", "System.out.println($p);")).isNull();
        assertThat(conditionsOf("$p : CustomerProfile(claims12m >= 3)", INSERT_GRADE + INSERT_GRADE)).isNull();
    }

    @Test
    void theGapIsTheChangeNeededAsAShareOfTheLargerOfThresholdAndValue() throws Exception {
        RuleConditions atLeast = conditionsOf("$p : CustomerProfile(claims12m >= 3)", INSERT_GRADE);
        // strictly above 2 means 3 or more for a count
        RuleConditions above = conditionsOf("$p : CustomerProfile(claims12m > 2)", INSERT_GRADE);
        RuleConditions atMost = conditionsOf("$p : CustomerProfile(lossRatio3y <= 0.1)", INSERT_GRADE);

        assertThat(atLeast.constraints[0].gap(profile(0.5, 2, 0, 0))).isCloseTo(1.0 / 3, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(above.constraints[0].gap(profile(0.5, 2, 0, 0))).isCloseTo(1.0 / 3, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(atMost.constraints[0].gap(profile(0.2, 0, 0, 0))).isCloseTo(0.5, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(atMost.constraints[0].gap(profile(null, 0, 0, 0))).isInfinite();
        assertThat(atLeast.constraints[0].gap(profile(0.5, 2, 0, 0))).isLessThanOrEqualTo(RuleConditions.NEAR);
    }

    @Test
    void theNearMissNamesThePackVersionRuleAndTheCustomersValue() throws Exception {
        RuleConditions conditions = conditionsOf("$p : CustomerProfile(tenureYears >= 3, claimFreeYears >= 3)", INSERT_GRADE);

        NearMiss miss = conditions.nearMiss(1, profile(0.5, 0, 2, 3));

        assertThat(miss).isEqualTo(new NearMiss("grading", 3, "GRD-060 Test", "HIGH_QUALITY",
                new Sentence("would be HIGH_QUALITY if claimFreeYears >= 3 (now 2)",
                        "若连续无赔款年数 >= 3（现为 2），等级将为优质客户")));
        assertThat(conditions.nearMiss(1, profile(0.5, 0, 2, 4))).isSameAs(miss); // written once per value
    }
}
