package io.decisioning.service.manager;

/** Whether an account manager in the register works (DESIGN.md section 12): customers of one who is not need another. */
public enum ManagerState {
    ACTIVE, ON_LEAVE, LEFT
}
