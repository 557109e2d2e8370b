package io.decisioning.rules.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.decisioning.rules.GradeAssigned;
import io.decisioning.rules.Scorecard;
import io.decisioning.rules.ScorePoints;
import io.decisioning.rules.TierAssigned;
import io.decisioning.rules.WarningRaised;
import io.decisioning.rules.WarningType;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The engine inserts into a stage only the earlier outcomes its rules can match: the types of its patterns,
 * those of an {@code accumulate} or {@code collect} included, and of the points only the scorecards its patterns
 * name ({@code card == Scorecard.RISK}). What a pack reads is the same as when every outcome was inserted.
 */
class EarlierOutcomesTests {

    private static final PackCompiler COMPILER = new PackCompiler();
    private static final RuleSet DEFAULT = ShippedPacks.ruleSet(COMPILER);

    /** A pack after the decision raising RENEWAL_DUE LOW when its condition holds. */
    private static CompiledPack late(String condition) {
        return late(COMPILER, condition);
    }

    private static CompiledPack late(PackCompiler compiler, String condition) {
        return compiler.compile(TestPacks.firstPack("late", 80, "late.drl", """
                package test;
                import io.decisioning.rules.*;
                rule "LTE-010 Condition holds"
                when
                    $p : CustomerProfile()
                    %s
                then
                    insert(new WarningRaised($p.customerNo(), WarningType.RENEWAL_DUE, Severity.LOW));
                end
                """.formatted(condition))).orThrow();
    }

    private static RuleSet shippedAnd(CompiledPack pack) {
        List<CompiledPack> packs = new ArrayList<>(DEFAULT.packs());
        packs.add(pack);
        return RuleSet.of(packs);
    }

    private static List<EvaluationInput> customers() {
        Random random = new Random(5);
        List<EvaluationInput> inputs = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            inputs.add(ProfileFixtures.varied(random, i));
        }
        return inputs;
    }

    private static boolean raised(Evaluation evaluation) {
        return evaluation.warnings().stream().anyMatch(w -> w.type() == WarningType.RENEWAL_DUE);
    }

    @Test
    void thePatternsOfAnAccumulateAndOfACollectAreReadAndNothingElse() {
        // compiled for Drools alone: the engine would compare this sum itself (DirectRulesTests), without a session
        PackCompiler droolsAlone = new PackCompiler(false);
        CompiledPack summing = late(droolsAlone, "Number(intValue >= 40) from accumulate(ScorePoints(customerNo == $p.customerNo,"
                + " card == Scorecard.RISK, $x : points), sum($x))");
        CompiledPack collecting = late(droolsAlone, "java.util.List(size == 1) from collect(TierAssigned(customerNo == $p.customerNo))");

        assertThat(summing.reads(ScorePoints.class)).isTrue();
        assertThat(summing.reads(GradeAssigned.class)).isFalse();
        assertThat(summing.reads(WarningRaised.class)).isFalse();
        assertThat(summing.readsPoints(Scorecard.RISK)).isTrue();
        assertThat(summing.readsPoints(Scorecard.VALUE)).isFalse();
        assertThat(collecting.reads(TierAssigned.class)).isTrue();
        assertThat(collecting.reads(ScorePoints.class)).isFalse();
    }

    @Test
    void aSumOfOneScorecardsPointsInALaterPackIsThatScore() {
        RuleSet rules = shippedAnd(late("Number(intValue >= 40) from accumulate(ScorePoints(customerNo == $p.customerNo,"
                + " card == Scorecard.RISK, $x : points), sum($x))"));
        List<EvaluationInput> inputs = customers();

        List<Evaluation> evaluations = rules.evaluate(inputs);

        int atLeast40 = 0;
        for (Evaluation evaluation : evaluations) {
            if (evaluation.profile().applicant()) {
                continue;
            }
            assertThat(raised(evaluation)).as(evaluation.profile().customerNo() + " risk " + evaluation.riskScore())
                    .isEqualTo(evaluation.riskScore() >= 40);
            atLeast40 += evaluation.riskScore() >= 40 ? 1 : 0;
        }
        assertThat(atLeast40).isBetween(1, evaluations.size() - 1);
    }

    @Test
    void aPatternThatNamesNoCardSeesThePointsOfEveryCard() {
        CompiledPack counting = late("Number(intValue >= 2) from accumulate(ScorePoints(customerNo == $p.customerNo,"
                + " card != Scorecard.RISK), count(1))");
        RuleSet rules = shippedAnd(counting);

        assertThat(counting.readsPoints(Scorecard.VALUE)).isTrue();
        // every customer gets points of at least two characteristics of the value card (0-point bins included)
        assertThat(rules.evaluate(customers())).filteredOn(e -> !e.profile().applicant()).allMatch(EarlierOutcomesTests::raised);
    }
}
