package io.decisioning.service.event;

/**
 * The CRM events of DESIGN.md section 5 (contract), and section 11's {@code PREMIUM_DUE_CHANGED} (an
 * instalment of the customer's premium schedule was added, moved, waived or cancelled) and
 * {@code PREMIUM_PAID}. Each makes the service re-evaluate the customer.
 *
 * <p>Section 12's changes in the service itself take the same path: {@code CONTACT_LOGGED} when a contact with
 * the customer is stored, {@code ACCOUNT_MANAGER_CHANGED} when the register changes the customer's manager (a
 * status or level); the service queues them itself ({@link EventService#enqueue}), and a CRM may post them too.
 *
 * <p>Section 13's {@code COMPLAINT_RECEIVED} and {@code COMPLAINT_UPDATED}: a complaint of the customer was received, or
 * its case changed (classified, decided, closed, withdrawn).
 */
public enum EventType {
    CLAIM_REPORTED, CLAIM_SETTLED, POLICY_BOUND, POLICY_CANCELLED, CUSTOMER_UPDATED, PREMIUM_DUE_CHANGED, PREMIUM_PAID,
    CONTACT_LOGGED, ACCOUNT_MANAGER_CHANGED, COMPLAINT_RECEIVED, COMPLAINT_UPDATED;

    static boolean known(String name) {
        for (EventType type : values()) {
            if (type.name().equals(name)) {
                return true;
            }
        }
        return false;
    }
}
