package io.decisioning.service.manager;

import java.time.LocalDate;
import org.jspecify.annotations.Nullable;

/**
 * An account manager of the register (DESIGN.md section 12, contract fields), with the number of CRM records that
 * name them today ({@code customers}, 0 for one just added).
 *
 * @param capacity      the most customers the manager looks after
 * @param qualifiedUntil when the yearly re-qualification is due; null when not recorded
 */
public record AccountManager(String code, String name, String branchCode, ManagerLevel level, int capacity,
                             ManagerState status, @Nullable LocalDate qualifiedUntil, long customers) {
}
