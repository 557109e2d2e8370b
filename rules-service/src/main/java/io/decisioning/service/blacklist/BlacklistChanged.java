package io.decisioning.service.blacklist;

import java.util.List;

/**
 * A blacklist entry was added or lifted. Published inside the transaction that changed it;
 * listen with {@code @TransactionalEventListener} (after commit) to re-evaluate the customers.
 *
 * @param customerIds the customers the entry matches (by their match keys or their CRM data),
 *                    ascending, possibly empty
 * @param entryId     the entry that was added or lifted
 */
public record BlacklistChanged(List<Long> customerIds, long entryId) {

    public BlacklistChanged {
        customerIds = List.copyOf(customerIds);
    }
}
