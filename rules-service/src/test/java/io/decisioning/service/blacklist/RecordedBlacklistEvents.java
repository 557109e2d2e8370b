package io.decisioning.service.blacklist;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.context.event.EventListener;

/** Records every {@link BlacklistChanged} the application publishes, as a real listener would get it. */
@TestComponent
class RecordedBlacklistEvents {

    private final List<BlacklistChanged> events = new CopyOnWriteArrayList<>();

    @EventListener
    void on(BlacklistChanged event) {
        events.add(event);
    }

    List<BlacklistChanged> forEntry(long entryId) {
        return events.stream().filter(event -> event.entryId() == entryId).toList();
    }

    List<BlacklistChanged> forCustomer(long customerId) {
        return events.stream().filter(event -> event.customerIds().contains(customerId)).toList();
    }
}
