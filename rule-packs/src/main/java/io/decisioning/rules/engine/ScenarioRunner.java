package io.decisioning.rules.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Runs the scenario files ({@code *.scenarios.csv}) of a pack through a whole pipeline of packs and
 * compares what the rules decide with what each scenario expects. To test a draft, run its
 * scenarios on the published rule set with the draft in its place: {@code ruleSet.with(draft)}.
 */
public final class ScenarioRunner {

    private ScenarioRunner() {
    }

    /** One result per scenario of the pack's scenario files, in file and line order. */
    public static List<ScenarioResult> run(RuleSet ruleSet, PackSource pack) {
        List<CompileError> errors = new ArrayList<>();
        if (PackDescriptor.subjectOf(pack) == PackSubject.PAIR) {
            List<PairScenario> pairs = new ArrayList<>();
            new TreeMap<>(pack.files()).forEach((file, content) -> {
                if (file.endsWith(Scenario.SUFFIX)) {
                    pairs.addAll(PairScenario.parse(file, content, errors));
                }
            });
            if (!errors.isEmpty()) {
                throw new IllegalArgumentException("the scenario files of pack " + pack.name() + " have errors: " + errors);
            }
            return pairs.stream().map(scenario -> scenario.run(ruleSet)).toList();
        }
        List<Scenario> scenarios = new ArrayList<>();
        new TreeMap<>(pack.files()).forEach((file, content) -> {
            if (file.endsWith(Scenario.SUFFIX)) {
                scenarios.addAll(Scenario.parse(file, content, errors));
            }
        });
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException("the scenario files of pack " + pack.name() + " have errors: " + errors);
        }
        return scenarios.stream().map(scenario -> run(ruleSet, scenario)).toList();
    }

    static ScenarioResult run(RuleSet ruleSet, Scenario scenario) {
        List<ScenarioResult.Mismatch> mismatches = new ArrayList<>();
        Evaluation evaluation;
        try {
            evaluation = ruleSet.evaluate(scenario.input());
        } catch (EvaluationException e) {
            mismatches.add(new ScenarioResult.Mismatch("evaluation", "a complete evaluation", e.getMessage()));
            return new ScenarioResult(scenario.file(), scenario.line(), scenario.name(), mismatches);
        }
        scenario.expectations().forEach((outcome, expected) -> {
            if (outcome.equals("rules")) {
                Set<String> fired = new TreeSet<>();
                evaluation.reasons().forEach(reason -> fired.add(reason.rule().split("\\s+", 2)[0]));
                Set<String> missing = new TreeSet<>(Set.of(expected.split(";")));
                missing.removeAll(fired);
                if (!missing.isEmpty()) {
                    mismatches.add(new ScenarioResult.Mismatch("rules", expected, String.join(";", fired)));
                }
                return;
            }
            String actual = Scenario.actual(outcome, evaluation);
            if (!actual.equals(expected)) {
                mismatches.add(new ScenarioResult.Mismatch(outcome, expected, actual));
            }
        });
        return new ScenarioResult(scenario.file(), scenario.line(), scenario.name(), mismatches);
    }
}
