package io.decisioning.service.user;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** The body of {@code POST /api/v1/users/{username}/password}: the new password, as given (not trimmed). */
record PasswordRequest(
        @NotNull @Size(min = User.MIN_PASSWORD_LENGTH, max = User.MAX_PASSWORD_BYTES,
                message = "{decisioning.password.length}") String password) {

    /** Never the password, should the request end up in a log or an exception message. */
    @Override
    public String toString() {
        return "PasswordRequest[password=***]";
    }
}
