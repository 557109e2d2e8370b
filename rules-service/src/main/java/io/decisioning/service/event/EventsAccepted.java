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
            results.add(new Receipt(events.get(i).eventId(), isNew ? "ACCEPTED" : "DUPLICATE"));
        }
        return new EventsAccepted(accepted, events.size() - accepted, List.copyOf(results));
    }

    record Receipt(String eventId, String status) {
    }
}
