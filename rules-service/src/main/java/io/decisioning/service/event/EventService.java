package io.decisioning.service.event;

import io.decisioning.service.system.InvalidInputException;
import io.decisioning.service.system.NotFoundException;
import io.decisioning.service.system.UserAccount;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Accepting events (durably, before answering) and reading their processing state. */
@Service
public class EventService {

    static final Set<String> STATUSES = Set.of("PENDING", "PROCESSING", "DONE", "PARKED");

    private final EventInbox inbox;
    private final EventProcessor processor;

    EventService(EventInbox inbox, EventProcessor processor) {
        this.inbox = inbox;
        this.processor = processor;
    }

    /** Stores the event (committed when this returns); false when its eventId was seen before. */
    @Transactional
    public boolean accept(NewEvent event, String user) {
        return inbox.accept(event, user);
    }

    /** Wakes this node's processors after a commit, so an event is processed at once rather than at the next poll. */
    void nudge() {
        processor.wakeUp();
    }

    public StoredEvent find(String eventId) {
        return inbox.find(eventId).orElseThrow(() -> new NotFoundException("No event " + eventId + "."));
    }

    /** The event if {@code user} may see its customer; 404 as for an unknown event otherwise. */
    public StoredEvent find(String eventId, UserAccount user) {
        return inbox.find(eventId, user).orElseThrow(() -> new NotFoundException("No event " + eventId + "."));
    }

    public EventPage list(@Nullable String status, @Nullable String customerNo, UserAccount user, int page, int size) {
        if (status != null && !STATUSES.contains(status)) {
            throw new InvalidInputException(List.of(new InvalidInputException.FieldProblem("status",
                    "must be one of " + STATUSES.stream().sorted().toList())));
        }
        return new EventPage(inbox.list(status, customerNo, user, page, size), inbox.count(status, customerNo, user));
    }

    /** Makes a parked event due again (after the cause was fixed, e.g. the customer now exists). */
    @Transactional
    public StoredEvent retry(String eventId) {
        StoredEvent event = find(eventId);
        if (!inbox.retry(eventId)) {
            throw new io.decisioning.service.system.ConflictException(
                    "Event " + eventId + " is " + event.status() + "; only PARKED events can be retried.");
        }
        processor.wakeUp();
        return find(eventId);
    }

    /** A page of events, newest first, and how many match in all. */
    public record EventPage(List<StoredEvent> items, long total) {
    }
}
