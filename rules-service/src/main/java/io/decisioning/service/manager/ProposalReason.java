package io.decisioning.service.manager;

/** Why a customer should get another account manager (DESIGN.md section 12). */
public enum ProposalReason {
    /** No active manager: none named, one not in the register, or one on leave. */
    NO_MANAGER,
    /** The manager has left the company. */
    MANAGER_LEFT,
    /** The manager looks after more customers than their capacity. */
    OVER_CAPACITY,
    /** The manager's level is below the tier's (PLATINUM: SENIOR, GOLD: REGULAR). */
    LEVEL_TOO_LOW
}
