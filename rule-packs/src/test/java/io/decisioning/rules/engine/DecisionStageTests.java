package io.decisioning.rules.engine;

import static io.decisioning.rules.engine.ProfileFixtures.input;
import static io.decisioning.rules.engine.ProfileFixtures.standard;
import static io.decisioning.rules.engine.ProfileFixtures.withClaims;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.decisioning.rules.Decision;
import io.decisioning.rules.Severity;
import io.decisioning.rules.Tier;
import io.decisioning.rules.WarningCategory;
import io.decisioning.rules.WarningType;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DecisionStageTests {

    private static final PackCompiler COMPILER = new PackCompiler();
    private static final RuleSet DEFAULT = ShippedPacks.ruleSet(COMPILER);

    private static CompiledPack compile(PackSource source) {
        return COMPILER.compile(source).orThrow();
    }

    private static CompiledPack afterDecision(String drl) {
        return compile(TestPacks.firstPack("aftercare", 60, "aftercare.drl", "package test;\nimport io.decisioning.rules.*;\n" + drl));
    }

    private static List<CompiledPack> shippedAnd(CompiledPack pack) {
        List<CompiledPack> packs = new ArrayList<>(DEFAULT.packs());
        packs.add(pack);
        return packs;
    }

    @Test
    void aPackAfterTheDecisionThatGivesATierIsRefusedNamingThePackTheRuleAndTheDecision() {
        CompiledPack restricting = afterDecision("""
                rule "SRV-010 Restrict customers with many claims"
                when $p : CustomerProfile(claims12m >= 2)
                then insert(new TierAssigned($p.customerNo(), Tier.RESTRICTED));
                end
                """);

        assertThatThrownBy(() -> DEFAULT.with(restricting))
                .isInstanceOfSatisfying(PackOrderException.class, e -> {
                    assertThat(e.pack()).isEqualTo("aftercare");
                    assertThat(e.order()).isEqualTo(60);
                    assertThat(e.rules()).containsExactly("SRV-010 Restrict customers with many claims");
                    assertThat(e.decisionPack()).isEqualTo("decision");
                    assertThat(e.decisionOrder()).isEqualTo(50);
                })
                .hasMessage("pack aftercare (order 60) runs after the decision, which pack decision (order 50) makes,"
                        + " so its rules may read the grade, tier and decision but not change them:"
                        + " \"SRV-010 Restrict customers with many claims\" gives a tier (RESTRICTED). Move such rules to"
                        + " a pack before the decision (order below 50), or take them out");
        assertThatThrownBy(() -> RuleSet.of(shippedAnd(restricting))).isInstanceOf(PackOrderException.class);
    }

    @Test
    void aPackAfterTheDecisionThatGivesRiskOrValuePointsIsRefused() {
        CompiledPack scoring = afterDecision("""
                rule "SRV-020 Risk points for claims"
                when $p : CustomerProfile(claims12m >= 1)
                then insert(new ScorePoints($p.customerNo(), Scorecard.RISK, 10));
                end
                rule "SRV-021 Value points for loyalty"
                when $p : CustomerProfile(tenureYears >= 10)
                then insert(new ScorePoints($p.customerNo(), Scorecard.VALUE, 5));
                end
                """);

        assertThatThrownBy(() -> RuleSet.of(shippedAnd(scoring)))
                .isInstanceOfSatisfying(PackOrderException.class, e -> assertThat(e.rules()).containsExactly(
                        "SRV-020 Risk points for claims", "SRV-021 Value points for loyalty"))
                .hasMessageContaining("\"SRV-020 Risk points for claims\" gives RISK score points")
                .hasMessageContaining("\"SRV-021 Value points for loyalty\" gives VALUE score points");
    }

    @Test
    void aDecisionTableAfterTheDecisionThatGivesAGradeIsRefusedToo() {
        CompiledPack table = compile(TestPacks.firstPack("regrading", 70, "regrading.drl.csv", """
                RuleSet,packs.regrading
                Import,io.decisioning.rules.*
                RuleTable Regrading
                NAME,PRIORITY,CONDITION,ACTION
                ,,,
                ,,$p : CustomerProfile(claims12m >= $param),"insert(new GradeAssigned($p.customerNo(), Grade.$param));"
                rule,priority,claims at least,grade
                RGR-010 Poor after two claims,10,2,POOR_QUALITY
                """));

        assertThatThrownBy(() -> DEFAULT.with(table))
                .isInstanceOf(PackOrderException.class)
                .hasMessageContaining("pack regrading (order 70)")
                .hasMessageContaining("\"RGR-010 Poor after two claims\" gives a grade (POOR_QUALITY)");
    }

    @Test
    void aPackAfterTheDecisionThatReadsTheDecisionIsAcceptedAndRaisesItsServiceWarning() {
        RuleSet withService = DEFAULT.with(afterDecision("""
                rule "SRV-030 Call referred customers back"
                when
                    $p : CustomerProfile()
                    DecisionMade(customerNo == $p.customerNo, decision == Decision.REFER)
                then insert(new WarningRaised($p.customerNo(), WarningType.VISIT_OVERDUE, Severity.HIGH));
                end
                """));

        List<Evaluation> evaluations = withService.evaluate(List.of(input(withClaims(standard("REF"), 3, 0)),
                input(standard("ACC"))));

        assertThat(evaluations).extracting(Evaluation::decision).containsExactly(Decision.REFER, Decision.ACCEPT);
        assertThat(evaluations.get(0).warnings()).contains(new CustomerWarning(WarningType.VISIT_OVERDUE,
                WarningCategory.SERVICE, Severity.HIGH, new Sentence("decision REFER", "结论 转人工")));
        assertThat(evaluations.get(1).warnings()).isEmpty();
        assertThat(evaluations.get(0)).usingRecursiveComparison().comparingOnlyFields("grade", "tier", "decision",
                "valueScore", "riskScore").isEqualTo(DEFAULT.evaluate(input(withClaims(standard("REF"), 3, 0))));
    }

    @Test
    void aPackBeforeTheDecisionMayStillGiveATier() {
        CompiledPack early = compile(TestPacks.firstPack("tiering", 40, "tiering.drl", """
                package test;
                import io.decisioning.rules.*;
                rule "TIR-090 Everyone standard"
                when $p : CustomerProfile()
                then insert(new TierAssigned($p.customerNo(), Tier.STANDARD));
                end
                """));

        assertThat(DEFAULT.with(early).evaluate(input(standard("A"))).tier()).isEqualTo(Tier.STANDARD);
    }

    @Test
    void anOutcomeTheActionsTextDoesNotShowFailsTheEvaluationNamingTheRule() {
        // the tier is made by a function, so the rule's action names no outcome and the rule set is built
        RuleSet sneaky = DEFAULT.with(afterDecision("""
                function Object restricted(String customerNo) {
                    return new TierAssigned(customerNo, Tier.RESTRICTED);
                }
                rule "SRV-040 Restrict through a function"
                when $p : CustomerProfile()
                then insert(restricted($p.customerNo()));
                end
                """));

        assertThatThrownBy(() -> sneaky.evaluate(input(standard("A"))))
                .isInstanceOf(EvaluationException.class)
                .hasMessageContaining("rule \"SRV-040 Restrict through a function\" of pack aftercare v1 (order 60) gave"
                        + " TierAssigned[customerNo=A, tier=RESTRICTED] after the decision, which pack decision v1"
                        + " (order 50) makes");
    }

    @Test
    void withoutAPackThatDecidesThereIsNoDecisionStage() {
        CompiledPack grading = compile(TestPacks.pack("grading", 90, "grading.drl", """
                package test;
                import io.decisioning.rules.*;
                rule "GRD-010 Standard"
                when $p : CustomerProfile()
                then insert(new GradeAssigned($p.customerNo(), Grade.STANDARD));
                end
                """));

        assertThat(DecisionStage.of(List.of(grading))).isEqualTo(-1);
        assertThat(DecisionStage.of(DEFAULT.packs().stream().filter(p -> p.subject() == PackSubject.CUSTOMER).toList()))
                .as("the stage of the decision among the packs about customers").isEqualTo(4);
    }
}
