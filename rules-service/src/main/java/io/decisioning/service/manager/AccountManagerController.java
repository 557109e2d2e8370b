package io.decisioning.service.manager;

import io.decisioning.service.system.UserAccount;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** The register of account managers (DESIGN.md section 12): read by the service's readers, kept by administrators. */
@RestController
@Validated
@RequestMapping("/api/v1/account-managers")
class AccountManagerController {

    private final AccountManagerService managers;

    AccountManagerController(AccountManagerService managers) {
        this.managers = managers;
    }

    /** The managers of a branch's subtree (the caller's branch by default), optionally of one status. */
    @GetMapping
    List<AccountManager> list(@RequestParam(required = false) @Nullable
                              @Pattern(regexp = ManagerRequest.BRANCH_CODE, message = "{decisioning.branch}")
                              String branch,
                              @RequestParam(required = false) @Nullable ManagerState status,
                              @AuthenticationPrincipal UserAccount user) {
        return managers.list(branch, status, user);
    }

    /** One account manager: level, status, branch and how many customers. */
    @GetMapping("/{code}")
    AccountManager get(@PathVariable String code, @AuthenticationPrincipal UserAccount user) {
        return managers.find(code, user);
    }

    /** Adds an account manager. */
    @PostMapping
    ResponseEntity<AccountManager> add(@Valid @RequestBody ManagerRequest request, @AuthenticationPrincipal UserAccount user) {
        AccountManager added = managers.add(request, user);
        URI location = ServletUriComponentsBuilder.fromCurrentRequestUri().path("/{code}").buildAndExpand(added.code()).toUri();
        return ResponseEntity.created(location).body(added);
    }

    /** Changes an account manager's name, level, status or branch. */
    @PutMapping("/{code}")
    AccountManager update(@PathVariable String code, @Valid @RequestBody ManagerRequest request,
                          @AuthenticationPrincipal UserAccount user) {
        return managers.update(code, request, user);
    }
}
