package io.decisioning.service.blacklist;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.context.ApplicationListener;
import org.springframework.context.PayloadApplicationEvent;

/**
 * Records every {@link BlacklistChanged} the application publishes, as a real listener would get it. Added to
 * the running context by the test ({@code addApplicationListener}) rather than imported as a bean, so that
 * the test shares the full context of the other HTTP tests instead of starting one of its own.
 */
class RecordedBlacklistEvents implements ApplicationListener<PayloadApplicationEvent<?>> {

    private final List<BlacklistChanged> events = new CopyOnWriteArrayList<>();

    @Override
    public void onApplicationEvent(PayloadApplicationEvent<?> event) {
        if (event.getPayload() instanceof BlacklistChanged changed) {
            events.add(changed);
        }
    }

    List<BlacklistChanged> forEntry(long entryId) {
        return events.stream().filter(event -> event.entryId() == entryId).toList();
    }

    List<BlacklistChanged> forCustomer(long customerId) {
        return events.stream().filter(event -> event.customerIds().contains(customerId)).toList();
    }
}
