package io.decisioning.rules.engine;

import java.util.Objects;

/**
 * Why an outcome was produced: the pack, its version and the rule (whose name starts with a stable
 * ID such as "GRD-010"), with a sentence that names the facts ("5 claims in the last 12 months >= 3").
 */
public record Reason(String pack, int version, String rule, String message) {
    public Reason {
        Objects.requireNonNull(pack, "pack");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(message, "message");
    }
}
