package io.decisioning.service.system;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * A person as the company's identity provider vouches for them at a sign-in: their name, the service's roles their
 * groups or claims map to, and their branch. {@link DirectoryAccounts} makes a signed-in user of them.
 */
public record DirectoryUser(SignInOrigin origin, String username, Set<Role> roles, String branchCode) {

    public DirectoryUser {
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(username, "username");
        roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
        Objects.requireNonNull(branchCode, "branchCode");
    }
}
