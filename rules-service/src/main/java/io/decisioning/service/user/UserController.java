package io.decisioning.service.user;

import io.decisioning.service.system.UserAccount;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The users API (ADMIN only, see SecurityConfiguration): list, read, add users, change their roles,
 * branch and enabled flag, set their password. No answer carries a password or its hash. Users are
 * disabled, never deleted.
 */
@RestController
@RequestMapping("/api/v1/users")
class UserController {

    private final UserService users;

    UserController(UserService users) {
        this.users = users;
    }

    /** Every user, by name. */
    @GetMapping
    List<User> list() {
        return users.list();
    }

    /** One user: roles, branch and whether enabled (never the password). */
    @GetMapping("/{username}")
    User get(@PathVariable String username) {
        return users.find(username);
    }

    /** 201 with the user; 409 if the name is taken. */
    @PostMapping
    ResponseEntity<User> create(@Valid @RequestBody NewUser request, @AuthenticationPrincipal UserAccount admin) {
        User user = users.create(request, admin);
        URI location = ServletUriComponentsBuilder.fromCurrentRequestUri().path("/{username}")
                .buildAndExpand(user.username()).toUri();
        return ResponseEntity.created(location).body(user);
    }

    /** Replaces roles, branch and enabled; 409 for an admin disabling themselves or dropping their own ADMIN. */
    @PutMapping("/{username}")
    User update(@PathVariable String username, @Valid @RequestBody UpdateUserRequest request,
                @AuthenticationPrincipal UserAccount admin) {
        return users.update(username, request, admin);
    }

    /** 204; the old password is refused from the user's next request on. */
    @PostMapping("/{username}/password")
    ResponseEntity<Void> changePassword(@PathVariable String username, @Valid @RequestBody PasswordRequest request,
                                        @AuthenticationPrincipal UserAccount admin) {
        users.changePassword(username, request.password(), admin);
        return ResponseEntity.noContent().build();
    }

    /** Lets a user locked out after too many wrong passwords sign in again now; 204. */
    @PostMapping("/{username}/unlock")
    ResponseEntity<Void> unlock(@PathVariable String username, @AuthenticationPrincipal UserAccount admin) {
        users.unlock(username, admin);
        return ResponseEntity.noContent().build();
    }
}
