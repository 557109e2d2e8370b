package io.decisioning.service.rulepack;

import io.decisioning.rules.engine.Compilation;
import io.decisioning.rules.engine.CompiledPack;
import io.decisioning.rules.engine.PackCompiler;
import io.decisioning.rules.engine.PackSource;
import io.decisioning.rules.engine.RuleSet;
import io.decisioning.rules.engine.ShippedPacks;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;

/**
 * The live rules: the published version of every pack, compiled once into an immutable
 * {@link RuleSet} that all threads share. An evaluation reads {@link #current()} once, so a swap to
 * a newly published set never mixes versions within an evaluation.
 *
 * <p>On first start the packs shipped in {@code rule-packs} become version 1 of each pack in the
 * database; from then on the database is the source of the rules on every node.
 */
@Component
public class RuleEngine {

    static final String SYSTEM = "system";
    private static final Logger log = LoggerFactory.getLogger(RuleEngine.class);

    private final RulePackRepository packs;
    private final PackCompiler compiler = new PackCompiler();
    private final AtomicReference<RuleSet> live = new AtomicReference<>();

    RuleEngine(RulePackRepository packs) {
        this.packs = packs;
        seedShippedPacks();
        live.set(compilePublished());
        log.info("Rule packs live: {}", live.get().rulePacks());
    }

    /** The rules to evaluate with; read it once per evaluation or batch. */
    public RuleSet current() {
        return live.get();
    }

    /**
     * Makes {@code rules} the live rules. Evaluations already running finish with the set they read;
     * the next ones use the new set.
     */
    public void swap(RuleSet rules) {
        RuleSet previous = live.getAndSet(rules);
        log.info("Rule packs live: {} (were {})", rules.rulePacks(), previous.rulePacks());
    }

    public Map<String, Integer> versions() {
        return live.get().rulePacks();
    }

    private void seedShippedPacks() {
        for (PackSource shipped : ShippedPacks.load()) {
            if (!packs.hasVersions(shipped.name())) {
                try {
                    packs.insertPublished(shipped, SYSTEM, "Shipped default pack", Clock.systemUTC().instant());
                    log.info("Stored shipped pack {} as version {}", shipped.name(), shipped.version());
                } catch (DuplicateKeyException anotherNodeWasFirst) {
                    log.info("Shipped pack {} was stored by another node", shipped.name());
                }
            }
        }
    }

    private RuleSet compilePublished() {
        List<PackSource> published = packs.published();
        if (published.isEmpty()) {
            throw new IllegalStateException("No published rule packs in the database");
        }
        List<CompiledPack> compiled = published.stream()
                .map(compiler::compile)
                .map(Compilation::orThrow)
                .toList();
        return RuleSet.of(compiled);
    }
}
