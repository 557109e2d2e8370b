package io.decisioning.service.engine;

import io.decisioning.rules.engine.Evaluation;
import io.decisioning.rules.engine.Reason;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Micrometer counters of what the rules do, so that a sudden change after a publish shows:
 * {@code decisioning.rule.fires} per pack, rule ID and version (each reason of each evaluation), and
 * {@code decisioning.evaluation.failures} per place and error type (each fail-closed answer). At
 * {@code /actuator/metrics} (ADMIN). No customer data in the tags.
 */
@Component
public class RuleMetrics {

    private final MeterRegistry registry;
    private final Map<RuleKey, Counter> byRule = new ConcurrentHashMap<>();

    RuleMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void fired(Evaluation evaluation) {
        for (Reason reason : evaluation.reasons()) {
            counter(RuleKey.of(reason)).increment();
        }
    }

    /** A chunk of the nightly run or a batch of events: counted per rule first, one increment per rule. */
    public void fired(List<Evaluation> evaluations) {
        Map<RuleKey, long[]> counts = new HashMap<>();
        for (Evaluation evaluation : evaluations) {
            for (Reason reason : evaluation.reasons()) {
                counts.computeIfAbsent(RuleKey.of(reason), k -> new long[1])[0]++;
            }
        }
        counts.forEach((key, count) -> counter(key).increment(count[0]));
    }

    /** An evaluation that failed and was answered fail-closed (or left the previous assessment). */
    public void failed(String where, Throwable error) {
        registry.counter("decisioning.evaluation.failures", "where", where, "error", error.getClass().getSimpleName())
                .increment();
    }

    private Counter counter(RuleKey key) {
        return byRule.computeIfAbsent(key, k -> Counter.builder("decisioning.rule.fires")
                .description("Outcomes produced by a rule")
                .tag("pack", k.pack())
                .tag("version", Integer.toString(k.version()))
                .tag("rule", ruleId(k.rule()))
                .register(registry));
    }

    /** Reasons repeat with messages that differ by facts: counters are keyed on the rule, not the text. */
    private record RuleKey(String pack, int version, String rule) {
        static RuleKey of(Reason reason) {
            return new RuleKey(reason.pack(), reason.version(), reason.rule());
        }
    }

    /** The stable ID a rule's name starts with ("GRD-050 Poor quality by repeated claims" gives GRD-050). */
    static String ruleId(String ruleName) {
        int space = ruleName.indexOf(' ');
        return space < 0 ? ruleName : ruleName.substring(0, space);
    }
}
