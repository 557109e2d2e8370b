package io.decisioning.service.warning;

import io.decisioning.rules.engine.RaisedWarning;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Repository;

/**
 * Warnings and their lifecycle (DESIGN.md section 4): a warning is raised when its rule holds and
 * no OPEN or ACKNOWLEDGED warning of that type exists for the customer; it is RESOLVED by the system
 * when a later evaluation no longer raises it.
 */
@Repository
public class WarningRepository {

    static final String SYSTEM = "system";

    private final WarningBulkSync bulk;

    WarningRepository(WarningBulkSync bulk) {
        this.bulk = bulk;
    }

    /**
     * Brings the customer's open warnings in line with what the rules raise now. Runs in the
     * caller's transaction; the customer's open warnings are locked first.
     */
    public void sync(long customerId, String customerNo, List<RaisedWarning> raised, Instant now) {
        bulk.syncAll(List.of(new WarningBulkSync.Raised(customerId, customerNo, raised)), now);
    }

    static String truncate(String message) {
        return message.length() <= 1000 ? message : message.substring(0, 997) + "...";
    }
}
