package io.decisioning.service.rulepack;

import io.decisioning.rules.engine.Evaluation;
import io.decisioning.rules.engine.Reason;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
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
    private final Map<String, Counter> byRule = new ConcurrentHashMap<>();

    RuleMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void fired(Evaluation evaluation) {
        for (Reason reason : evaluation.reasons()) {
            counter(reason).increment();
        }
    }

    public void fired(List<Evaluation> evaluations) {
        for (Evaluation evaluation : evaluations) {
            fired(evaluation);
        }
    }

    /** An evaluation that failed and was answered fail-closed (or left the previous assessment). */
    public void failed(String where, Throwable error) {
        registry.counter("decisioning.evaluation.failures", "where", where, "error", error.getClass().getSimpleName())
                .increment();
    }

    private Counter counter(Reason reason) {
        // reasons repeat (same pack, version, rule, message pattern differs by facts): key on the rule, not the text
        String key = reason.pack() + '\u0000' + reason.version() + '\u0000' + reason.rule();
        return byRule.computeIfAbsent(key, k -> Counter.builder("decisioning.rule.fires")
                .description("Outcomes produced by a rule")
                .tag("pack", reason.pack())
                .tag("version", Integer.toString(reason.version()))
                .tag("rule", ruleId(reason.rule()))
                .register(registry));
    }

    /** The stable ID a rule's name starts with ("GRD-050 Poor quality by repeated claims" gives GRD-050). */
    static String ruleId(String ruleName) {
        int space = ruleName.indexOf(' ');
        return space < 0 ? ruleName : ruleName.substring(0, space);
    }
}
