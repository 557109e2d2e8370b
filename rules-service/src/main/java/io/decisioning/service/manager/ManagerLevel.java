package io.decisioning.service.manager;

/**
 * The five levels of account managers (DESIGN.md section 12, seed 003: re-qualified yearly), lowest first. Rules read a
 * manager's level as a number, {@code managerLevel}: 1 for a trainee to 5 for a principal.
 */
public enum ManagerLevel {
    TRAINEE, JUNIOR, REGULAR, SENIOR, PRINCIPAL;

    /** 1 (TRAINEE) to 5 (PRINCIPAL), as {@code CustomerProfile.managerLevel} has it. */
    public int number() {
        return ordinal() + 1;
    }
}
