package io.decisioning.rules.engine;

import static io.decisioning.rules.engine.ProfileFixtures.input;
import static io.decisioning.rules.engine.ProfileFixtures.standard;
import static io.decisioning.rules.engine.ProfileFixtures.withClaims;
import static org.assertj.core.api.Assertions.assertThat;

import io.decisioning.rules.Decision;
import io.decisioning.rules.Severity;
import io.decisioning.rules.Tier;
import io.decisioning.rules.WarningCategory;
import io.decisioning.rules.WarningType;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Warnings that are not about risk never reach the grade, tier, decision or scores: the test packs
 * under {@code test-packs/} raise a HIGH warning of another category for every customer, one before
 * scoring and tiering (retention, order 25), one after the decision (service, order 60).
 */
class NonRiskWarningTests {

    private static final PackCompiler COMPILER = new PackCompiler();
    private static final RuleSet SHIPPED = ShippedPacks.ruleSet(COMPILER);
    private static final PackSource RETENTION = TestPacks.fromClasspath("test-packs/retention");
    private static final PackSource SERVICE = TestPacks.fromClasspath("test-packs/service");

    private static RuleSet shippedWith(PackSource pack) {
        return SHIPPED.with(COMPILER.compile(pack).orThrow());
    }

    @TestFactory
    Stream<DynamicContainer> everyScenarioOfTheTestPacksHoldsWithTheShippedPacks() {
        return Stream.of(RETENTION, SERVICE).map(pack -> DynamicContainer.dynamicContainer(pack.name(),
                ScenarioRunner.run(shippedWith(pack), pack).stream().map(result -> DynamicTest.dynamicTest(
                        result.name(), () -> assertThat(result.mismatches()).as(result.toString()).isEmpty()))));
    }

    @Test
    void aHighServiceWarningLeavesTheTierAlone() {
        Evaluation evaluation = shippedWith(SERVICE).evaluate(input(standard("A")));

        assertThat(evaluation.warnings()).containsExactly(new CustomerWarning(WarningType.VISIT_OVERDUE,
                WarningCategory.SERVICE, Severity.HIGH, new Sentence("1 years of tenure >= 0", "客户年限 1 >= 0")));
        assertThat(evaluation.tier()).isEqualTo(Tier.STANDARD);
        assertThat(evaluation.decision()).isEqualTo(Decision.ACCEPT);
    }

    @Test
    void aHighRetentionWarningBeforeTieringNeitherRestrictsNorRefersNorAddsRiskPoints() {
        Evaluation without = SHIPPED.evaluate(input(standard("A")));
        Evaluation with = shippedWith(RETENTION).evaluate(input(standard("A")));

        assertThat(with.warnings()).extracting(CustomerWarning::type, CustomerWarning::category, CustomerWarning::severity)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(WarningType.LAPSE_RISK, WarningCategory.RETENTION,
                        Severity.HIGH));
        assertThat(with.tier()).isEqualTo(Tier.STANDARD);
        assertThat(with.decision()).isEqualTo(Decision.ACCEPT);
        assertThat(with.riskScore()).isEqualTo(without.riskScore());
    }

    @Test
    void withBothTestPacksFiveThousandVariedCustomersKeepTheirOutcomesReasonsAndNearMisses() {
        RuleSet both = SHIPPED.with(COMPILER.compile(RETENTION).orThrow()).with(COMPILER.compile(SERVICE).orThrow());
        Random random = new Random(17);
        List<EvaluationInput> inputs = IntStream.range(0, 5_000).mapToObj(i -> ProfileFixtures.varied(random, i)).toList();

        for (int from = 0; from < inputs.size(); from += 1000) {
            List<EvaluationInput> batch = inputs.subList(from, from + 1000);
            List<Evaluation> expected = SHIPPED.evaluate(batch);
            List<Evaluation> actual = both.evaluate(batch);
            for (int i = 0; i < batch.size(); i++) {
                Evaluation e = expected.get(i);
                Evaluation a = actual.get(i);
                assertThat(a).as("%s", batch.get(i)).usingRecursiveComparison()
                        .comparingOnlyFields("grade", "tier", "decision", "valueScore", "riskScore")
                        .isEqualTo(e);
                // the shipped service pack, which the test pack of that name replaces, has near misses of its own
                assertThat(a.nearMisses()).filteredOn(m -> !m.pack().equals("service"))
                        .isEqualTo(e.nearMisses().stream().filter(m -> !m.pack().equals("service")).toList());
                assertThat(a.reasons()).filteredOn(reason -> reason.pack().equals("retention")
                        || reason.pack().equals("service")).hasSize(2);
                assertThat(a.reasons()).filteredOn(reason -> !reason.pack().equals("retention")
                        && !reason.pack().equals("service")).isEqualTo(e.reasons().stream().filter(reason ->
                        !reason.pack().equals("retention") && !reason.pack().equals("service")).toList());
                assertThat(a.warnings()).filteredOn(w -> w.category() == WarningCategory.RISK)
                        .isEqualTo(e.warnings().stream().filter(w -> w.category() == WarningCategory.RISK).toList());
            }
        }
    }

    @Test
    void aHighRiskWarningStillRestrictsWithTheTestPacksInPlace() {
        Evaluation evaluation = shippedWith(RETENTION).evaluate(input(withClaims(standard("A"), 5, 0)));

        assertThat(evaluation.tier()).isEqualTo(Tier.RESTRICTED);
        assertThat(evaluation.decision()).isEqualTo(Decision.REFER);
        assertThat(evaluation.reasons()).extracting(Reason::rule).contains("DEC-030 Refer on a high warning");
    }
}
