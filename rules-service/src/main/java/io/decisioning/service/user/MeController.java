package io.decisioning.service.user;

import io.decisioning.service.system.Role;
import io.decisioning.service.system.SignInOrigin;
import io.decisioning.service.system.UserAccount;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Who is signed in: any authenticated user may ask. The admin UI reads it after sign-in to offer only
 * the pages and buttons the user's roles allow (the API enforces the same rules regardless).
 */
@RestController
class MeController {

    private final UserService users;

    MeController(UserService users) {
        this.users = users;
    }

    /**
     * The signed-in user's name, roles and branch.
     *
     * @param origin where they signed in: {@code LOCAL} (a password of the service's, which they may change here),
     *               {@code OIDC} or {@code LDAP} (the company's identity provider, which keeps their password)
     */
    record Me(String username, List<Role> roles, String branchCode, SignInOrigin origin) {
    }

    /** The signed-in user: name, roles, branch and where they signed in. */
    @GetMapping("/api/v1/me")
    Me me(@AuthenticationPrincipal UserAccount user) {
        return new Me(user.getUsername(), user.roles().stream().sorted().toList(), user.branchCode(), user.origin());
    }

    /**
     * Changes the signed-in user's own password, given the current one; 204. The old password is refused from the
     * next request on (the admin UI signs in again with the new one).
     */
    @PostMapping("/api/v1/me/password")
    ResponseEntity<Void> changePassword(@Valid @RequestBody OwnPasswordRequest request,
                                        @AuthenticationPrincipal UserAccount user) {
        users.changeOwnPassword(user, request.currentPassword(), request.newPassword());
        return ResponseEntity.noContent().build();
    }

    /** The body of {@code POST /api/v1/me/password}; the passwords as given (not trimmed). */
    record OwnPasswordRequest(@NotNull @Size(max = User.MAX_PASSWORD_BYTES) String currentPassword,
                              @NotNull @Size(min = User.MIN_PASSWORD_LENGTH, max = User.MAX_PASSWORD_BYTES,
                                      message = "{decisioning.password.length}") String newPassword) {

        /** Never the passwords, should the request end up in a log or an exception message. */
        @Override
        public String toString() {
            return "OwnPasswordRequest[***]";
        }
    }
}
