package io.decisioning.service.user;

import io.decisioning.service.system.Role;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * The body of {@code PUT /api/v1/users/{username}}: the user's roles, branch and whether they may
 * sign in, all three given (the user's state is replaced, not patched). The password has its own call.
 */
record UpdateUserRequest(
        @NotEmpty List<@NotNull Role> roles,
        @NotNull @Size(max = 32) @Pattern(regexp = User.BRANCH_CODE, message = User.BRANCH_CODE_MESSAGE)
        String branchCode,
        @NotNull Boolean enabled) {
}
