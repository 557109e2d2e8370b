package io.decisioning.rules.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Every scenario of every shipped pack, each its own test, run through the whole pipeline of packs. */
class ShippedScenarioTests {

    private static final RuleSet RULE_SET = ShippedPacks.ruleSet(new PackCompiler());

    @TestFactory
    Stream<DynamicContainer> everyScenarioOfEveryShippedPackHolds() {
        return ShippedPacks.load().stream().map(pack -> DynamicContainer.dynamicContainer(pack.name(),
                ScenarioRunner.run(RULE_SET, pack).stream().map(result -> DynamicTest.dynamicTest(
                        result.name(), () -> assertThat(result.mismatches()).as(result.toString()).isEmpty()))));
    }

    @Test
    void theShippedPacksRunInTheirOrder() {
        assertThat(RULE_SET.rulePacks()).containsExactly(java.util.Map.entry("identity", 1),
                java.util.Map.entry("grading", 1), java.util.Map.entry("warnings", 1),
                java.util.Map.entry("scoring", 1), java.util.Map.entry("tiering", 1), java.util.Map.entry("decision", 1),
                java.util.Map.entry("data", 1), java.util.Map.entry("retention", 1), java.util.Map.entry("service", 1),
                java.util.Map.entry("complaints", 1));
    }

    @Test
    void everyShippedRuleIsCoveredByAScenario() {
        List<String> covered = ShippedPacks.load().stream()
                .flatMap(pack -> pack.files().entrySet().stream()
                        .filter(file -> file.getKey().endsWith(Scenario.SUFFIX))
                        .flatMap(file -> PackDescriptor.subjectOf(pack) == PackSubject.PAIR
                                ? PairScenario.parse(file.getKey(), file.getValue(), new java.util.ArrayList<>()).stream()
                                        .map(PairScenario::expectations)
                                : Scenario.parse(file.getKey(), file.getValue(), new java.util.ArrayList<>()).stream()
                                        .map(Scenario::expectations)))
                .flatMap(expectations -> Stream.of(expectations.getOrDefault("rules", "").split(";")))
                .toList();
        List<String> rules = RULE_SET.packs().stream().flatMap(pack -> pack.rules().stream())
                .map(rule -> rule.split(" ")[0]).toList();
        assertThat(covered).containsAll(rules);
    }

    @Test
    void everyShippedRuleSaysWhyInChineseAsWellAsEnglish() {
        java.util.regex.Pattern chinese = java.util.regex.Pattern.compile("\\p{IsHan}");
        // a pair rule without @reason names the evidence, in both languages (LinkingTests)
        List<String> englishOnly = RULE_SET.packs().stream().flatMap(pack -> pack.rules.values().stream()
                        .filter(rule -> rule.reason() != null)
                        .filter(rule -> pack.subject() == PackSubject.CUSTOMER || rule.reason().explicit() != null))
                .filter(rule -> rule.reason().explicit() != null
                        ? !chinese.matcher(rule.reason().explicitZh()).find() || rule.reason().explicitZh().equals(rule.reason().explicit())
                        : rule.reason().atoms().isEmpty() && rule.reason().statics().isEmpty())
                .map(CompiledRule::name).toList();
        assertThat(englishOnly).as("rules whose reason has no Chinese (an @reasonZh, or figures the engine names)").isEmpty();
    }
}
