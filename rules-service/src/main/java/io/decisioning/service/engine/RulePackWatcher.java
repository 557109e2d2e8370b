package io.decisioning.service.engine;

import io.decisioning.service.system.RulesProperties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Every {@code rules.packs.poll-interval} (2 s): picks up versions published on other nodes (or by
 * a rollback elsewhere) and tells the others which versions this node has live.
 */
@Component
class RulePackWatcher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RulePackWatcher.class);

    private final RuleEngine engine;
    private final NodeRegistry nodes;
    private final RulesProperties.Packs settings;
    private ScheduledExecutorService timer;

    RulePackWatcher(RuleEngine engine, NodeRegistry nodes, RulesProperties properties) {
        this.engine = engine;
        this.nodes = nodes;
        this.settings = properties.packs();
    }

    @Override
    public synchronized void start() {
        timer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "rule-pack-watcher");
            thread.setDaemon(true);
            return thread;
        });
        long period = settings.pollInterval().toMillis();
        timer.scheduleWithFixedDelay(this::tick, 0, period, TimeUnit.MILLISECONDS);
    }

    private void tick() {
        try {
            engine.refresh();
        } catch (RuntimeException e) {
            log.error("Could not bring the live rule packs up to date; keeping the current ones", e);
        }
        try {
            nodes.heartbeat(engine.versions());
        } catch (RuntimeException e) {
            log.warn("Could not record this node's live rule packs: {}", e.toString());
        }
    }

    @Override
    public synchronized void stop() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
            try {
                nodes.leave();
            } catch (RuntimeException e) {
                log.debug("Could not remove this node's row", e);
            }
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return timer != null;
    }
}
