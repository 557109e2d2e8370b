package io.decisioning.service.event;

import java.util.ArrayList;
import java.util.List;

/**
 * The answer to a batch of events: each event's status (ACCEPTED or DUPLICATE, as the single
 * {@code POST /api/v1/events} answers it) in the order they were sent, and the counts.
 */
record EventsAccepted(int accepted, int duplicates, List<Receipt> results) {

    static EventsAccepted of(List<NewEvent> events, List<Boolean> fresh) {
        List<Receipt> results = new ArrayList<>(events.size());
        int accepted = 0;
        for (int i = 0; i < events.size(); i++) {
            boolean isNew = fresh.get(i);
            accepted += isNew ? 1 : 0;
            results.add(Receipt.of(events.get(i).eventId(), isNew));
        }
        return new EventsAccepted(accepted, events.size() - accepted, List.copyOf(results));
    }

    /** What {@code POST /api/v1/events} answers for one event. */
    record Receipt(String eventId, Status status) {

        static Receipt of(String eventId, boolean isNew) {
            return new Receipt(eventId, isNew ? Status.ACCEPTED : Status.DUPLICATE);
        }

        /** ACCEPTED: stored now, to be processed; DUPLICATE: its eventId was stored before, nothing changed. */
        enum Status {
            ACCEPTED, DUPLICATE
        }
    }
}
