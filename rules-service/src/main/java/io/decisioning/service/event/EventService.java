package io.decisioning.service.event;

import io.decisioning.rules.engine.Sentence;
import io.decisioning.service.system.NotFoundException;
import io.decisioning.service.system.UserAccount;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/** Accepting events (durably, before answering) and reading their processing state. */
@Service
public class EventService {

    private final EventInbox inbox;
    private final EventProcessor processor;
    private final TransactionTemplate transaction;

    EventService(EventInbox inbox, EventProcessor processor, PlatformTransactionManager transactions) {
        this.inbox = inbox;
        this.processor = processor;
        this.transaction = new TransactionTemplate(transactions);
    }

    /** Stores the event (committed when this returns); false when its eventId was seen before. */
    @Transactional
    public boolean accept(NewEvent event, UserAccount user) {
        return inbox.accept(event, user);
    }

    /**
     * Stores a batch of events in their order, in one transaction committed when this returns; for each
     * event, true when it was new, false when its eventId was seen before (or earlier in the batch).
     * A request that stored one of the same new eventIds at the same moment makes the batch's insert
     * fail on the unique key; it is then tried once more, and finds that event known.
     */
    public List<Boolean> acceptAll(List<NewEvent> events, String user) {
        try {
            return transaction.execute(status -> inbox.acceptAll(events, user));
        } catch (DuplicateKeyException concurrentlyStored) {
            return transaction.execute(status -> inbox.acceptAll(events, user));
        }
    }

    /**
     * Queues a re-evaluation of each customer for a change the service made itself (a contact logged, a manager's
     * status changed), through the event path: stored in the caller's transaction, processed at least once after it
     * commits, within seconds (this node's processors are woken at the commit).
     */
    public void enqueue(EventType type, List<String> customerNos, String user) {
        inbox.enqueue(type, customerNos, user);
        if (org.springframework.transaction.support.TransactionSynchronizationManager.isSynchronizationActive()) {
            org.springframework.transaction.support.TransactionSynchronizationManager.registerSynchronization(
                    new org.springframework.transaction.support.TransactionSynchronization() {
                        @Override
                        public void afterCommit() {
                            nudge();
                        }
                    });
        } else {
            nudge();
        }
    }

    /** Wakes this node's processors after a commit, so an event is processed at once rather than at the next poll. */
    void nudge() {
        processor.wakeUp();
    }

    public StoredEvent find(String eventId) {
        return inbox.find(eventId).orElseThrow(() -> new NotFoundException(new Sentence("No event " + eventId + ".",
                "事件 " + eventId + " 不存在。")));
    }

    /** The event if {@code user} may see its customer; 404 as for an unknown event otherwise. */
    public StoredEvent find(String eventId, UserAccount user) {
        return inbox.find(eventId, user).orElseThrow(() -> new NotFoundException(new Sentence("No event " + eventId + ".",
                "事件 " + eventId + " 不存在。")));
    }

    public EventPage list(@Nullable EventStatus status, @Nullable String customerNo, UserAccount user, int page, int size) {
        return new EventPage(inbox.list(status, customerNo, user, page, size), inbox.count(status, customerNo, user));
    }

    /** Makes a parked event due again (after the cause was fixed, e.g. the customer now exists). */
    @Transactional
    public StoredEvent retry(String eventId) {
        StoredEvent event = find(eventId);
        if (!inbox.retry(eventId)) {
            throw new io.decisioning.service.system.ConflictException(new Sentence(
                    "Event " + eventId + " is " + event.status() + "; only PARKED events can be retried.",
                    "事件 " + eventId + " 的状态为 " + event.status() + "，只有 PARKED 状态的事件才能重试。"));
        }
        processor.wakeUp();
        return find(eventId);
    }

    /** A page of events, newest first, and how many match in all. */
    public record EventPage(List<StoredEvent> items, long total) {
    }
}
