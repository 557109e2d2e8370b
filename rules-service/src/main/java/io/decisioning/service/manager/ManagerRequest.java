package io.decisioning.service.manager;

import io.decisioning.service.system.StorableDate;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import org.jspecify.annotations.Nullable;

/**
 * The body of {@code POST /api/v1/account-managers} (with {@code code}) and of {@code PUT .../{code}} (without: the path
 * names the manager). An unknown level or status is refused by name, like any unknown enum value; the branch must be
 * head office or a branch the CRM's customers are kept at (checked by the service).
 */
record ManagerRequest(
        @Nullable @Size(min = 1, max = 64) @Pattern(regexp = "[!-~]+", message = "{decisioning.accountManager}")
        String code,
        @NotBlank @Size(max = 200) String name,
        @NotNull @Pattern(regexp = BRANCH_CODE, message = "{decisioning.branchCode}")
        String branchCode,
        @NotNull ManagerLevel level,
        @NotNull @Min(value = 0, message = "{decisioning.zeroOrMore}") @Max(100_000) Integer capacity,
        @Nullable ManagerState status,
        @Nullable @StorableDate LocalDate qualifiedUntil) {

    static final String BRANCH_CODE = "[A-Z][A-Z0-9]{0,15}(-[A-Z0-9]{1,15}){0,3}";

    ManagerRequest {
        name = name == null ? null : name.strip();
    }
}
