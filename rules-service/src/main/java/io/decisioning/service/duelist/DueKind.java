package io.decisioning.service.duelist;

/** What falls due on an item of a due list (DESIGN.md section 11). */
enum DueKind {
    /** An instalment of a policy's premium, status DUE in the CRM, due in the month. */
    INSTALLMENT,
    /** An ACTIVE policy whose end date is in the month: to be renewed. */
    RENEWAL
}
