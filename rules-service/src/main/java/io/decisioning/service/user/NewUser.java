package io.decisioning.service.user;

import io.decisioning.service.system.Role;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * The body of {@code POST /api/v1/users}. Unknown fields are refused like everywhere else
 * ({@code spring.jackson.deserialization.fail-on-unknown-properties}), and so are unknown roles.
 */
record NewUser(
        @NotNull @Pattern(regexp = User.USERNAME,
                message = "{decisioning.username}") String username,
        @NotNull @Size(min = User.MIN_PASSWORD_LENGTH, max = User.MAX_PASSWORD_BYTES,
                message = "{decisioning.password.length}") String password,
        @NotEmpty List<@NotNull Role> roles,
        @NotNull @Size(max = 32) @Pattern(regexp = User.BRANCH_CODE, message = User.BRANCH_CODE_MESSAGE)
        String branchCode) {

    /** Never the password, should the request end up in a log or an exception message. */
    @Override
    public String toString() {
        return "NewUser[username=" + username + ", roles=" + roles + ", branchCode=" + branchCode + "]";
    }
}
