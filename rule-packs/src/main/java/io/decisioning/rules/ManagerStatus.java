package io.decisioning.rules;

/**
 * The state of a customer's account manager (DESIGN.md section 12, the feature {@code managerStatus}): the manager
 * that the CRM's {@code customer.account_manager} names for the party's primary record (else for any record of the
 * party), as the service's register of account managers knows them.
 */
public enum ManagerStatus {
    /** No record of the party names an account manager. */
    NONE,
    /** The manager is in the register and working. */
    ACTIVE,
    /** The manager is in the register and away for a while. */
    ON_LEAVE,
    /** The manager has left the company: the customer must not be orphaned (seed 000). */
    LEFT,
    /** The CRM names a code that is not in the register. */
    UNKNOWN
}
