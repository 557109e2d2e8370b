package io.decisioning.rules;

import java.util.Objects;

/**
 * Outcome: the customer is entitled to this service (DESIGN.md section 12), as
 * {@code insert(new EntitlementGranted($p.customerNo(), Entitlement.GREEN_CHANNEL_CLAIMS));}. A customer has any
 * number of entitlements, each at most once; several rules granting the same one grant it once.
 */
public record EntitlementGranted(String customerNo, Entitlement service) {
    public EntitlementGranted {
        Objects.requireNonNull(customerNo, "customerNo");
        Objects.requireNonNull(service, "service");
    }
}
