package io.decisioning.rules.engine;

import static io.decisioning.rules.engine.ProfileFixtures.input;
import static io.decisioning.rules.engine.ProfileFixtures.standard;
import static io.decisioning.rules.engine.ProfileFixtures.withClaims;
import static io.decisioning.rules.engine.ProfileFixtures.withLossRatio;
import static io.decisioning.rules.engine.ProfileFixtures.withRank;
import static io.decisioning.rules.engine.ProfileFixtures.withYears;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.decisioning.rules.Grade;
import io.decisioning.rules.MatchStrength;
import io.decisioning.rules.Severity;
import io.decisioning.rules.WarningType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RuleSetTests {

    private static final PackCompiler COMPILER = new PackCompiler();
    private static final RuleSet DEFAULT = ShippedPacks.ruleSet(COMPILER);

    private static List<EvaluationInput> varied(long seed, int count) {
        Random random = new Random(seed);
        return IntStream.range(0, count).mapToObj(i -> ProfileFixtures.varied(random, i)).toList();
    }

    @Test
    void theDefaultPacksDecideLikeTheHandWrittenReferenceForTenThousandVariedCustomers() {
        List<EvaluationInput> inputs = varied(42, 10_000);
        List<Evaluation> evaluations = new ArrayList<>();
        for (int from = 0; from < inputs.size(); from += 1000) {
            evaluations.addAll(DEFAULT.evaluate(inputs.subList(from, from + 1000)));
        }
        for (int i = 0; i < inputs.size(); i++) {
            ReferenceEvaluation.Outcome expected = ReferenceEvaluation.evaluate(inputs.get(i));
            Evaluation actual = evaluations.get(i);
            Map<WarningType, Severity> warnings = new java.util.EnumMap<>(WarningType.class);
            actual.warnings().forEach(w -> warnings.put(w.type(), w.severity()));
            assertThat(new ReferenceEvaluation.Outcome(actual.grade(), actual.tier(), actual.decision(), warnings,
                    actual.valueScore(), actual.riskScore()))
                    .as("%s", inputs.get(i))
                    .isEqualTo(expected);
        }
        assertThat(evaluations).extracting(Evaluation::grade).contains(Grade.values());
    }

    @Test
    void aBatchOfAThousandVariedCustomersGivesTheSameResultsAsEvaluatingEachAlone() {
        List<EvaluationInput> inputs = varied(7, 1000);
        List<Evaluation> batch = DEFAULT.evaluate(inputs);
        assertThat(batch).hasSize(1000);
        for (int i = 0; i < inputs.size(); i++) {
            assertThat(batch.get(i)).isEqualTo(DEFAULT.evaluate(inputs.get(i)));
        }
    }

    @Test
    void aTableWithSeveralConditionColumnsJoinsThemPerCustomerAndNeverAcrossCustomers() {
        // GRD-060 needs tenure >= 3 and claim-free years >= 3 of the same customer: A has only the
        // tenure, B only the claim-free years; a cross join of the table's columns would grade both.
        EvaluationInput onlyTenure = input(withLossRatio(withYears(standard("A"), 5, 0), 0.5));
        EvaluationInput onlyClaimFree = input(withLossRatio(withYears(standard("B"), 0, 5), 0.5));
        EvaluationInput both = input(withLossRatio(withYears(standard("C"), 5, 5), 0.5));

        List<Evaluation> evaluations = DEFAULT.evaluate(List.of(onlyTenure, onlyClaimFree, both));

        assertThat(evaluations).extracting(Evaluation::grade)
                .containsExactly(Grade.STANDARD, Grade.STANDARD, Grade.HIGH_QUALITY);
    }

    @Test
    void severalThreadsEvaluatingAtOnceGetTheSameResultsAsOne() throws Exception {
        List<List<EvaluationInput>> batches = IntStream.range(0, 8).mapToObj(i -> varied(100 + i, 500)).toList();
        List<List<Evaluation>> expected = batches.stream().map(DEFAULT::evaluate).toList();
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<Evaluation>>> futures = new ArrayList<>();
            for (int round = 0; round < 4; round++) {
                for (List<EvaluationInput> batch : batches) {
                    futures.add(threads.submit(() -> DEFAULT.evaluate(batch)));
                }
            }
            for (int i = 0; i < futures.size(); i++) {
                assertThat(futures.get(i).get()).isEqualTo(expected.get(i % batches.size()));
            }
        } finally {
            threads.shutdown();
        }
    }

    @Test
    void reasonsNameTheFactsWithTheCustomersValuesAndTheRulesThresholds() {
        Evaluation evaluation = DEFAULT.evaluate(input(withClaims(standard("C1"), 5, 0)));

        assertThat(evaluation.reasons()).contains(
                new Reason("grading", 1, "GRD-050 Poor quality by repeated claims", "5 claims in the last 12 months >= 3"),
                new Reason("warnings", 1, "WRN-010 Repeat claimant (high)", "5 claims in the last 12 months >= 5"),
                new Reason("scoring", 1, "RSK-023 Five or more claims in 12 months",
                        "5 claims in the last 12 months >= 5: +30 risk points"),
                new Reason("tiering", 1, "TIR-020 Restricted for poor quality", "grade POOR_QUALITY"),
                new Reason("tiering", 1, "DEC-030 Refer on a high warning", "a HIGH warning is raised"));
        assertThat(evaluation.warnings()).containsExactly(
                new io.decisioning.rules.engine.RaisedWarning(WarningType.REPEAT_CLAIMANT, Severity.HIGH,
                        "5 claims in the last 12 months >= 5"));
    }

    @Test
    void reasonsShowOnlyTheConditionsThatHeldAndBothEndsOfARange() {
        Evaluation evaluation = DEFAULT.evaluate(input(withRank(withLossRatio(withYears(standard("C2"), 4, 4), 1.2), 85)));

        assertThat(evaluation.reasons()).extracting(Reason::message).contains(
                "loss ratio over 3 years 1.2 >= 1.0",
                "premium rank 85% >= 80 and < 95: +35 value points",
                "loss ratio over 3 years 1.2 >= 0.8 and < 1.5: +25 risk points");
        Evaluation highQuality = DEFAULT.evaluate(input(withLossRatio(withYears(standard("C3"), 4, 4), 0.05)));
        assertThat(highQuality.reasons()).contains(new Reason("grading", 1, "GRD-060 High quality by claim-free years",
                "4 years of tenure >= 3; 4 claim-free years >= 3"));
    }

    @Test
    void everyOutcomeHasItsReasonInPipelineOrder() {
        Evaluation evaluation = DEFAULT.evaluate(input(standard("C4"), MatchStrength.STRONG));

        assertThat(evaluation.reasons()).extracting(Reason::pack)
                .containsSubsequence("grading", "warnings", "scoring", "tiering");
        assertThat(evaluation.reasons()).extracting(Reason::rule).contains(
                "GRD-090 Standard otherwise", "WRN-040 Blacklisted by identity document",
                "TIR-010 Restricted when blacklisted", "DEC-010 Decline on a strong blacklist match");
        assertThat(evaluation.rulePacks()).containsOnlyKeys("grading", "warnings", "scoring", "tiering");
    }

    @Test
    void aLoopingRuleIsStoppedByTheFiringBoundAndThrows() {
        RuleSet looping = RuleSet.of(List.of(COMPILER.compile(TestPacks.pack("looping", 10, "loop.drl", """
                package test;
                import io.decisioning.rules.*;
                rule "LOP-010 Seed"
                when $p : CustomerProfile()
                then insert(new ScorePoints($p.customerNo(), Scorecard.VALUE, 1));
                end
                rule "LOP-020 Loop"
                when $s : ScorePoints()
                then insert(new ScorePoints($s.customerNo(), $s.card(), $s.points() + 1));
                end
                """)).orThrow()));

        assertThatThrownBy(() -> looping.evaluate(List.of(input(standard("A")), input(standard("B")))))
                .isInstanceOf(EvaluationException.class)
                .hasMessageContaining("pack looping v1")
                .hasMessageContaining("loops");
    }

    @Test
    void aRuleThatThrowsEndsTheBatchInAnEvaluationException() {
        RuleSet throwing = DEFAULT.with(COMPILER.compile(TestPacks.pack("grading", 10, "grading.drl", """
                package test;
                import io.decisioning.rules.*;
                rule "GRD-010 Divides by zero"
                when $p : CustomerProfile()
                then insert(new GradeAssigned($p.customerNo(), Grade.values()[$p.claims12m() / 0]));
                end
                """)).orThrow());

        assertThatThrownBy(() -> throwing.evaluate(input(standard("A"))))
                .isInstanceOf(EvaluationException.class)
                .hasMessageContaining("GRD-010 Divides by zero")
                .hasRootCauseInstanceOf(ArithmeticException.class);
    }

    @Test
    void aCustomerLeftWithoutAGradeIsAnErrorNotADefault() {
        RuleSet noGrade = DEFAULT.with(COMPILER.compile(TestPacks.pack("grading", 10, "grading.drl", """
                package test;
                import io.decisioning.rules.*;
                rule "GRD-010 Only applicants"
                when $p : CustomerProfile(applicant)
                then insert(new GradeAssigned($p.customerNo(), Grade.NEW));
                end
                """)).orThrow());

        assertThatThrownBy(() -> noGrade.evaluate(input(standard("A"))))
                .isInstanceOf(EvaluationException.class)
                .hasMessageContaining("no rule gave customer A a grade");
    }

    @Test
    void aCustomerGivenTwoGradesIsAnError() {
        RuleSet twoGrades = DEFAULT.with(COMPILER.compile(TestPacks.pack("grading", 10, "grading.drl", """
                package test;
                import io.decisioning.rules.*;
                rule "GRD-010 Standard"
                when $p : CustomerProfile()
                then insert(new GradeAssigned($p.customerNo(), Grade.STANDARD));
                end
                rule "GRD-020 Also poor"
                when $p : CustomerProfile()
                then insert(new GradeAssigned($p.customerNo(), Grade.POOR_QUALITY));
                end
                """)).orThrow());

        assertThatThrownBy(() -> twoGrades.evaluate(input(standard("A"))))
                .isInstanceOf(EvaluationException.class)
                .hasMessageContaining("customer A got 2 of grade");
    }

    @Test
    void aDraftReplacesThePublishedPackOfTheSameName() {
        RuleSet draft = DEFAULT.with(COMPILER.compile(new PackSource("grading", 2,
                ShippedPacks.load().get(0).files())).orThrow());

        assertThat(draft.rulePacks()).containsEntry("grading", 2).hasSize(4);
        assertThat(draft.packs()).extracting(CompiledPack::name).containsExactly("grading", "warnings", "scoring", "tiering");
    }

    @Test
    void aCustomerTwiceInOneBatchIsRejected() {
        assertThatThrownBy(() -> DEFAULT.evaluate(List.of(input(standard("A")), input(standard("A")))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("twice");
    }
}
