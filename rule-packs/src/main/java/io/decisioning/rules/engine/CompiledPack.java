package io.decisioning.rules.engine;

import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.kie.api.KieBase;

/**
 * One version of one pack, compiled to its own KieBase: immutable and shared by all threads. Build
 * one with {@link PackCompiler#compile}, combine packs into a pipeline with {@link RuleSet#of}.
 */
public final class CompiledPack {

    private final PackSource source;
    private final PackDescriptor descriptor;
    final KieBase kieBase;
    /** Each rule's reason and salience, by rule name (names are unique within a pack). */
    final Map<String, CompiledRule> rules;
    /** Simple names of the fact types the pack's rules match; null when that could not be told. */
    private final Set<String> factTypes;

    CompiledPack(PackSource source, PackDescriptor descriptor, KieBase kieBase, Map<String, CompiledRule> rules,
                 Set<String> factTypes) {
        this.source = source;
        this.descriptor = descriptor;
        this.kieBase = kieBase;
        // a HashMap: looked up once per outcome, where Map.copyOf's probing showed in profiles
        this.rules = Collections.unmodifiableMap(new HashMap<>(rules));
        this.factTypes = factTypes == null ? null : Set.copyOf(factTypes);
    }

    public String name() {
        return source.name();
    }

    public int version() {
        return source.version();
    }

    /** Where the pack runs in the pipeline: lower runs first. */
    public int order() {
        return descriptor.order();
    }

    public String description() {
        return descriptor.description();
    }

    public PackSource source() {
        return source;
    }

    /** The names of the pack's rules, sorted (they start with their stable IDs). */
    public List<String> rules() {
        return rules.keySet().stream().sorted().toList();
    }

    /** How the pack's rules settle a customer's grade, tier, decision and warning of each type. */
    public HitPolicy hitPolicy() {
        return descriptor.hitPolicy();
    }

    /** Whether the pack's rules match facts of this type, so that the engine inserts only what is read. */
    boolean reads(Class<?> type) {
        return factTypes == null || factTypes.contains(type.getSimpleName());
    }

    @Override
    public String toString() {
        return name() + " v" + version();
    }
}
