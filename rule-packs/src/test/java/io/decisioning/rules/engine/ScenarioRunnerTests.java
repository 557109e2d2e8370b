package io.decisioning.rules.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ScenarioRunnerTests {

    private static final PackCompiler COMPILER = new PackCompiler();
    private static final RuleSet DEFAULT = ShippedPacks.ruleSet(COMPILER);

    @Test
    void aFailingScenarioShowsWhatWasExpectedAndWhatTheRulesDecided() {
        PackSource draft = TestPacks.pack("grading", 10, "grading.drl", """
                package test;
                import io.decisioning.rules.*;
                rule "GRD-010 Everyone is standard"
                when $p : CustomerProfile()
                then insert(new GradeAssigned($p.customerNo(), Grade.STANDARD));
                end
                """, "grading.scenarios.csv", """
                scenario,claims12m,expect grade,expect warnings,expect rules
                # three claims should make a poor-quality customer
                three claims,3,POOR_QUALITY,REPEAT_CLAIMANT:MEDIUM,GRD-010;WRN-011
                no claims,0,STANDARD,-,
                """);
        RuleSet withDraft = DEFAULT.with(COMPILER.compile(draft).orThrow());

        List<ScenarioResult> results = ScenarioRunner.run(withDraft, draft);

        assertThat(results).extracting(ScenarioResult::name, ScenarioResult::passed)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("three claims", false),
                        org.assertj.core.groups.Tuple.tuple("no claims", true));
        assertThat(results.get(0).line()).isEqualTo(3);
        assertThat(results.get(0).mismatches())
                .containsExactly(new ScenarioResult.Mismatch("grade", "POOR_QUALITY", "STANDARD"));
    }

    @Test
    void aScenarioThatCannotBeEvaluatedFailsWithTheReason() {
        PackSource draft = TestPacks.pack("grading", 10, "grading.drl", """
                package test;
                import io.decisioning.rules.*;
                rule "GRD-010 Only applicants"
                when $p : CustomerProfile(applicant)
                then insert(new GradeAssigned($p.customerNo(), Grade.NEW));
                end
                """, "grading.scenarios.csv", """
                scenario,expect grade
                a customer,STANDARD
                """);

        List<ScenarioResult> results = ScenarioRunner.run(DEFAULT.with(COMPILER.compile(draft).orThrow()), draft);

        assertThat(results).singleElement().satisfies(result -> {
            assertThat(result.passed()).isFalse();
            assertThat(result.mismatches().get(0).outcome()).isEqualTo("evaluation");
            assertThat(result.mismatches().get(0).actual()).contains("no rule gave customer");
        });
    }
}
