package io.decisioning.service.event;

/** The CRM events of DESIGN.md section 5 (contract). Each makes the service re-evaluate the customer. */
public enum EventType {
    CLAIM_REPORTED, CLAIM_SETTLED, POLICY_BOUND, POLICY_CANCELLED, CUSTOMER_UPDATED;

    static boolean known(String name) {
        for (EventType type : values()) {
            if (type.name().equals(name)) {
                return true;
            }
        }
        return false;
    }
}
