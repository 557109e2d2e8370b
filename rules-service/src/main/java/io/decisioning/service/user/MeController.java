package io.decisioning.service.user;

import io.decisioning.service.system.Role;
import io.decisioning.service.system.UserAccount;
import java.util.List;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Who is signed in: any authenticated user may ask. The admin UI reads it after sign-in to offer only
 * the pages and buttons the user's roles allow (the API enforces the same rules regardless).
 */
@RestController
class MeController {

    /** The signed-in user's name, roles and branch. */
    record Me(String username, List<Role> roles, String branchCode) {
    }

    /** The signed-in user: name, roles and branch. */
    @GetMapping("/api/v1/me")
    Me me(@AuthenticationPrincipal UserAccount user) {
        return new Me(user.getUsername(), user.roles().stream().sorted().toList(), user.branchCode());
    }
}
