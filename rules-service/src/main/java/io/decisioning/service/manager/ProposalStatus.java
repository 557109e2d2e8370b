package io.decisioning.service.manager;

/**
 * A proposal's state (DESIGN.md section 12): PENDING until an approver accepts or rejects it; an accepted one becomes
 * APPLIED once the CRM's {@code customer.account_manager} names its manager. A proposal whose target leaves before it
 * is decided is rejected by the service (decided by {@code system}) and proposed again to another manager.
 */
public enum ProposalStatus {
    PENDING, ACCEPTED, REJECTED, APPLIED
}
