package io.decisioning.service.rulepack;

import io.decisioning.rules.engine.CompiledPack;
import io.decisioning.rules.engine.PackOrderException;
import io.decisioning.rules.engine.RuleSet;
import io.decisioning.rules.engine.Sentence;
import io.decisioning.service.assessment.IdRange;
import io.decisioning.service.customer.CustomerRepository;
import io.decisioning.service.engine.RuleEngine;
import io.decisioning.service.system.ConflictException;
import io.decisioning.service.system.RulesProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a simulation and a back-test share: each tries a draft version on the whole book, in the background on
 * the node that was asked ({@link #submit}), in id windows over a few threads under the runaway watchdog
 * ({@link #overBook}), and keeps its progress and its end in a row of its own, counted by {@link BookCounts}.
 *
 * <p>One run of a kind runs for a version at a time. A node that stops while a run is under way leaves its row
 * RUNNING; after {@link #STALE} such a row no longer holds the next run back ({@link #mayStillRun}). A draft
 * whose rules do not return is forgotten by the engine, and its run fails with the watchdog's message.
 */
final class BookRunner {

    static final int WINDOW = 2_000;
    static final Duration STALE = Duration.ofMinutes(30);
    private static final Logger log = LoggerFactory.getLogger(BookRunner.class);

    private final String kind;
    private final RulePackService packs;
    private final RuleEngine engine;
    private final CustomerRepository customers;
    private final int threads;
    private final Duration runawayLimit;
    private final Clock clock;
    private final ExecutorService runner;

    /**
     * @param kind what runs, as its log says it and its threads are named: "simulation", "back-test"
     */
    BookRunner(String kind, RulePackService packs, RuleEngine engine, CustomerRepository customers, RulesProperties properties,
               Clock clock) {
        this.kind = kind;
        this.packs = packs;
        this.engine = engine;
        this.customers = customers;
        this.threads = properties.packs().simulationThreads();
        this.runawayLimit = properties.packs().runawayLimit();
        this.clock = clock;
        this.runner = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, kind);
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * The version compiled, to be run over the book: 404 for an unknown version, 409 for one that does not compile.
     *
     * @param toBe what the run does with it, for the refusal: "simulated" ("模拟"), "back-tested" ("回测")
     */
    CompiledPack draft(String pack, int version, Sentence toBe) {
        PackVersion stored = packs.version(pack, version);
        if (!stored.valid()) {
            throw new ConflictException(new Sentence("Version " + version + " of " + pack + " does not compile; it cannot be "
                    + toBe.en() + ".", "规则包 " + pack + " 的版本 " + version + " 无法编译，不能" + toBe.zh() + "。"));
        }
        return engine.prepared(pack, version);
    }

    /** The live rules with the draft in its pack's place; 409 when the draft cannot run with the live packs. */
    static RuleSet withDraft(RuleSet live, CompiledPack draft) {
        try {
            return live.with(draft);
        } catch (PackOrderException e) {
            throw new ConflictException(RulePackService.packOrder(e));
        }
    }

    /** The customers in the book now: the size a run is kept with when it starts. */
    long bookSize() {
        return customers.count();
    }

    /** Whether a run whose row says RUNNING since {@code startedAt} may still run, rather than be left by a stopped node. */
    boolean mayStillRun(Instant startedAt) {
        return startedAt.isAfter(clock.instant().minus(STALE));
    }

    /**
     * Runs {@code work} in the background. When it throws, the error is logged and handed to {@code failed} to be
     * kept with the run: a runaway's own message (the engine forgets the draft first), otherwise the exception's
     * type and message.
     */
    void submit(String pack, int version, Runnable work, Consumer<String> failed) {
        runner.submit(() -> {
            try {
                work.run();
            } catch (RuntimeException e) {
                log.error("The {} of {} v{} failed", kind, pack, version, e);
                if (e instanceof RunawayGuard.RunawayRulesException) {
                    engine.forget(pack, version);
                    failed.accept(e.getMessage());
                } else {
                    failed.accept(e.getClass().getSimpleName() + ": " + e.getMessage());
                }
            }
        });
    }

    /**
     * Runs {@code work} over the book in windows of {@link #WINDOW} customer ids on the configured threads, calling
     * {@code progress} about every second while they run ({@link BookWindows}); nothing when the book is empty.
     */
    void overBook(String pack, int version, BookWindows.Window work, Runnable progress) {
        Optional<IdRange> book = customers.idRange();
        if (book.isPresent()) {
            BookWindows.run(kind + "-" + pack + "-" + version, "the " + kind + " of version " + version + " of " + pack,
                    book.get(), WINDOW, threads, runawayLimit, work, progress);
        }
    }
}
