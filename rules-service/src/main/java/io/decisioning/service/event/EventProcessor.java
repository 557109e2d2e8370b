package io.decisioning.service.event;

import io.decisioning.service.assessment.Assessed;
import io.decisioning.service.assessment.AssessmentPipeline;
import io.decisioning.service.assessment.EvaluationDate;
import io.decisioning.service.assessment.Selection;
import io.decisioning.service.assessment.Trigger;
import io.decisioning.service.identity.PartyResolver;
import io.decisioning.service.system.RulesProperties;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Processes accepted events on this node: {@code rules.events.workers} threads, each of which
 * copies new {@code crm_event} rows into the inbox, claims a batch of due events (SKIP LOCKED, so
 * nodes never claim the same event), and re-evaluates the batch's customers together.
 *
 * <p>At least once and idempotent: an event is DONE only in the transaction that stored its
 * customer's assessment, and evaluating a customer again from the same data changes nothing (no
 * history row). In order per customer: a customer's events are processed under a lock on its
 * {@code event_customer_lock} row, so two nodes never evaluate one customer at once, and each
 * evaluation reads everything committed before it. An attempt that fails (e.g. an unknown customer,
 * rules that throw) is retried after 1, 2, 4 ... 60 s and parked after {@code rules.events.max-attempts}.
 */
@Component
class EventProcessor implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(EventProcessor.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(60);

    private final EventInbox inbox;
    private final AssessmentPipeline pipeline;
    private final PartyResolver parties;
    private final EvaluationDate evaluationDate;
    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate batch;
    private final TransactionTemplate tx;
    private final RulesProperties.Events settings;
    private final String node;
    private final AtomicBoolean running = new AtomicBoolean();
    /** When this node last looked for expired claims ({@link System#nanoTime()}); long ago at first. */
    private final AtomicLong leasesReleasedAt = new AtomicLong(System.nanoTime() - Long.MAX_VALUE / 2);
    private final Semaphore wakeUps = new Semaphore(0);
    private final List<Thread> workers = new ArrayList<>();

    EventProcessor(EventInbox inbox, AssessmentPipeline pipeline, PartyResolver parties, EvaluationDate evaluationDate,
                   JdbcClient jdbc,
                   NamedParameterJdbcTemplate batch, PlatformTransactionManager transactions, RulesProperties properties) {
        this.inbox = inbox;
        this.pipeline = pipeline;
        this.parties = parties;
        this.evaluationDate = evaluationDate;
        this.jdbc = jdbc;
        this.batch = batch;
        this.tx = new TransactionTemplate(transactions);
        this.settings = properties.events();
        this.node = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Override
    public void start() {
        if (!settings.enabled()) {
            log.info("rules.events.enabled=false: events are accepted but not processed on this node");
            return;
        }
        if (running.compareAndSet(false, true)) {
            for (int i = 0; i < settings.workers(); i++) {
                Thread worker = new Thread(this::work, "events-" + i);
                worker.setDaemon(true);
                workers.add(worker);
                worker.start();
            }
        }
    }

    @Override
    public void stop() {
        if (running.compareAndSet(true, false)) {
            wakeUps.release(workers.size());
            for (Thread worker : workers) {
                try {
                    worker.join(TimeUnit.SECONDS.toMillis(10));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            workers.clear();
        }
    }

    @Override
    public boolean isRunning() {
        return running.get();
    }

    /** Wakes the workers up (an event was just accepted on this node). */
    void wakeUp() {
        if (running.get() && wakeUps.availablePermits() < workers.size()) {
            wakeUps.release();
        }
    }

    private void work() {
        while (running.get()) {
            try {
                int done = pollOnce();
                if (done == 0) {
                    boolean woken = wakeUps.tryAcquire(settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                    if (woken) {
                        Thread.sleep(settings.linger().toMillis());
                    }
                    wakeUps.drainPermits();
                } else if (done < settings.claimSize()) {
                    Thread.sleep(settings.linger().toMillis());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                if (!running.get()) {
                    return;
                }
                log.error("Event processing failed; trying again shortly", e);
                sleepQuietly(settings.pollInterval().multipliedBy(5));
            }
        }
    }

    /**
     * One round: import from crm_event and claim a batch in one short transaction (an idle round is two
     * reads and a commit), then process the batch; now and then, release the claims of nodes that died.
     *
     * @return the events claimed (0: nothing was due)
     */
    int pollOnce() {
        releaseExpiredLeasesNowAndThen();
        List<EventInbox.Claimed> claimed = tx.execute(status -> {
            int imported = inbox.importCrmEvents(settings.claimSize() * 5);
            if (imported > 0) {
                log.debug("Imported {} crm_event rows", imported);
            }
            return inbox.claim(settings.claimSize(), node, settings.lease());
        });
        if (claimed == null || claimed.isEmpty()) {
            return 0;
        }
        process(claimed);
        return claimed.size();
    }

    private void process(List<EventInbox.Claimed> claimed) {
        Map<String, List<EventInbox.Claimed>> byCustomer = new TreeMap<>();
        for (EventInbox.Claimed event : claimed) {
            byCustomer.computeIfAbsent(event.customerNo(), no -> new ArrayList<>()).add(event);
        }
        try {
            tx.executeWithoutResult(status -> processTogether(byCustomer));
        } catch (RuntimeException batchFailed) {
            log.warn("A batch of {} events failed together ({}); processing its customers one by one",
                    claimed.size(), batchFailed.toString());
            for (Map.Entry<String, List<EventInbox.Claimed>> customer : byCustomer.entrySet()) {
                try {
                    tx.executeWithoutResult(status -> processTogether(Map.of(customer.getKey(), customer.getValue())));
                } catch (RuntimeException e) {
                    failAll(customer.getValue(), e.getClass().getSimpleName() + ": " + e.getMessage());
                }
            }
        }
    }

    /** The customers' events in one transaction: lock, evaluate, store, mark done (or failed). */
    private void processTogether(Map<String, List<EventInbox.Claimed>> byCustomer) {
        lockCustomers(byCustomer);
        Map<String, Long> ids = customerIds(byCustomer.keySet());
        List<EventInbox.Claimed> unknown = new ArrayList<>();
        List<Long> customerIds = new ArrayList<>();
        Map<Long, List<EventInbox.Claimed>> eventsById = new HashMap<>();
        byCustomer.forEach((customerNo, events) -> {
            Long id = ids.get(customerNo);
            if (id == null) {
                unknown.addAll(events);
            } else {
                customerIds.add(id);
                eventsById.put(id, events);
            }
        });
        // a record whose data changed may join or leave a party (DESIGN.md section 10): resolved before it is evaluated
        List<Long> updated = eventsById.entrySet().stream()
                .filter(entry -> entry.getValue().stream().anyMatch(EventInbox.Claimed::customerUpdated))
                .map(Map.Entry::getKey)
                .toList();
        parties.resolve(updated);
        Assessed result = customerIds.isEmpty() ? null
                : pipeline.assess(Selection.ids(customerIds), Trigger.EVENT, evaluationDate.today());
        Set<Long> failed = result == null ? Set.of() : result.failedIds();
        List<Long> done = new ArrayList<>();
        for (Map.Entry<Long, List<EventInbox.Claimed>> entry : eventsById.entrySet()) {
            if (failed.contains(entry.getKey())) {
                continue;
            }
            entry.getValue().forEach(event -> done.add(event.id()));
        }
        inbox.done(done);
        for (Assessed.Failure failure : result == null ? List.<Assessed.Failure>of() : result.failures()) {
            for (EventInbox.Claimed event : eventsById.getOrDefault(failure.subject().customerId(), List.of())) {
                fail(event, "The rules could not evaluate customer " + failure.subject().customerNo() + ": "
                        + failure.message());
            }
        }
        for (EventInbox.Claimed event : unknown) {
            fail(event, "No customer " + event.customerNo() + " in the CRM tables.");
        }
    }

    /**
     * Takes the customers' rows in {@code event_customer_lock} (creating them), in customer-number
     * order so that two nodes locking overlapping sets wait rather than deadlock.
     */
    private void lockCustomers(Map<String, List<EventInbox.Claimed>> byCustomer) {
        List<SqlParameterSource> rows = new ArrayList<>(byCustomer.size());
        byCustomer.forEach((customerNo, events) -> rows.add(new MapSqlParameterSource()
                .addValue("customerNo", customerNo)
                .addValue("lastEventId", events.stream().mapToLong(EventInbox.Claimed::id).max().orElse(0))));
        batch.batchUpdate("""
                INSERT INTO event_customer_lock (customer_no, last_event_id) VALUES (:customerNo, :lastEventId)
                ON DUPLICATE KEY UPDATE last_event_id = GREATEST(last_event_id, VALUES(last_event_id))
                """, rows.toArray(SqlParameterSource[]::new));
    }

    private Map<String, Long> customerIds(java.util.Set<String> customerNos) {
        Map<String, Long> ids = new LinkedHashMap<>();
        jdbc.sql("SELECT id, customer_no FROM customer WHERE customer_no IN (:numbers)")
                .param("numbers", List.copyOf(customerNos))
                .query((rs, n) -> ids.put(rs.getString("customer_no"), rs.getLong("id")))
                .list();
        return ids;
    }

    private void failAll(List<EventInbox.Claimed> events, String error) {
        tx.executeWithoutResult(status -> events.forEach(event -> fail(event, error)));
    }

    private void fail(EventInbox.Claimed event, String error) {
        Duration backoff = backoff(event.attempt());
        inbox.failed(event, error, settings.maxAttempts(), backoff);
        if (event.attempt() >= settings.maxAttempts()) {
            log.warn("Event {} parked after {} attempts: {}", event.eventId(), event.attempt(), error);
        }
    }

    /**
     * Claims outlive their node by a lease ({@code rules.events.lease}): looking for expired ones a few
     * times a lease is soon enough, and spares every idle round a read.
     */
    private void releaseExpiredLeasesNowAndThen() {
        long now = System.nanoTime();
        long last = leasesReleasedAt.get();
        if (now - last < settings.lease().toNanos() / 4 || !leasesReleasedAt.compareAndSet(last, now)) {
            return;
        }
        try {
            inbox.releaseExpiredLeases();
        } catch (org.springframework.dao.PessimisticLockingFailureException busy) {
            log.debug("Releasing expired claims collided with another worker; next time", busy);
        }
    }

    /** 1, 2, 4, 8 ... seconds after the n-th failed attempt, at most a minute. */
    static Duration backoff(int attempt) {
        long seconds = 1L << Math.min(6, Math.max(0, attempt - 1));
        return Duration.ofSeconds(Math.min(MAX_BACKOFF.toSeconds(), seconds));
    }

    private static void sleepQuietly(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
