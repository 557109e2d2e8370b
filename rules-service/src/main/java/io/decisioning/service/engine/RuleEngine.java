package io.decisioning.service.engine;

import io.decisioning.rules.engine.Compilation;
import io.decisioning.rules.engine.CompiledPack;
import io.decisioning.rules.engine.PackCompiler;
import io.decisioning.rules.engine.PackSource;
import io.decisioning.rules.engine.RuleSet;
import io.decisioning.rules.engine.ShippedPacks;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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

    private final PackStore packs;
    private final PackCompiler compiler = new PackCompiler();
    private final Clock clock;
    private final AtomicReference<RuleSet> live = new AtomicReference<>();
    /** Stored versions compiled for tests, simulations and publishing; bounded, so old ones are released. */
    private final Map<VersionKey, CompiledPack> prepared = new ConcurrentHashMap<>();
    private static final int MAX_PREPARED = 8;

    private record VersionKey(String pack, int version) {
    }

    RuleEngine(PackStore packs, Clock clock) {
        this.packs = packs;
        this.clock = clock;
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

    /**
     * Brings the live rules in line with the versions published in the database: packs whose
     * version changed are compiled (from the cache of prepared versions when this node compiled
     * them already, e.g. to publish them), the others are kept as they are, and the new set is
     * swapped in at once. Every node calls this every few seconds; a publishing node right after
     * its commit. Compiling happens here, never on an evaluation's path.
     *
     * @return true when the live rules changed
     */
    public synchronized boolean refresh() {
        Map<String, Integer> published = packs.publishedVersions();
        RuleSet current = live.get();
        if (published.equals(current.rulePacks())) {
            return false;
        }
        Map<String, CompiledPack> kept = new HashMap<>();
        current.packs().forEach(pack -> kept.put(pack.name(), pack));
        List<CompiledPack> next = new ArrayList<>();
        for (Map.Entry<String, Integer> entry : published.entrySet()) {
            CompiledPack pack = kept.get(entry.getKey());
            if (pack == null || pack.version() != entry.getValue()) {
                pack = prepared(entry.getKey(), entry.getValue());
            }
            next.add(pack);
        }
        swap(RuleSet.of(next));
        prepared.keySet().removeIf(key -> published.containsKey(key.pack()) && published.get(key.pack()) == key.version());
        return true;
    }

    /**
     * The compiled form of a stored version, compiled once and kept for a little while (a version
     * that is tested, simulated and then published is compiled once).
     *
     * @throws IllegalStateException when the version does not compile
     */
    public CompiledPack prepared(String pack, int version) {
        VersionKey key = new VersionKey(pack, version);
        CompiledPack cached = prepared.get(key);
        if (cached != null) {
            return cached;
        }
        PackSource source = packs.source(pack, version)
                .orElseThrow(() -> new IllegalStateException("no version " + version + " of pack " + pack));
        CompiledPack compiled = compiler.compile(source).orThrow();
        if (prepared.size() >= MAX_PREPARED) {
            prepared.clear();
        }
        prepared.put(key, compiled);
        return compiled;
    }

    /**
     * Drops the compiled form of a version from the cache, e.g. after its evaluation was stopped
     * mid-rule: the next use compiles it afresh rather than reusing what the stopped thread left.
     */
    public void forget(String pack, int version) {
        prepared.remove(new VersionKey(pack, version));
    }

    /** Compiles files that are not stored (yet), e.g. a draft being saved: errors with positions. */
    public Compilation compile(PackSource source) {
        return compiler.compile(source);
    }

    private void seedShippedPacks() {
        for (PackSource shipped : ShippedPacks.load()) {
            if (!packs.hasVersions(shipped.name())) {
                try {
                    packs.insertPublished(shipped, SYSTEM, "Shipped default pack", clock.instant());
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
