package io.decisioning.rules.engine;

import java.util.List;

/**
 * How one scenario fared.
 *
 * @param line       the scenario's line in its file
 * @param mismatches every expectation that did not hold; empty when the scenario passed
 */
public record ScenarioResult(String file, int line, String name, List<Mismatch> mismatches) {

    /** An expectation that did not hold: the outcome, what the scenario expected, what the rules decided. */
    public record Mismatch(String outcome, String expected, String actual) {
    }

    public ScenarioResult {
        mismatches = List.copyOf(mismatches);
    }

    public boolean passed() {
        return mismatches.isEmpty();
    }

    @Override
    public String toString() {
        return file + ":" + line + " " + name + (passed() ? " passed" : " FAILED " + mismatches);
    }
}
