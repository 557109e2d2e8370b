package io.decisioning.service.check;

import io.decisioning.service.system.UserAccount;
import jakarta.validation.Valid;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The underwriter's check before binding a policy for a customer or an applicant. */
@RestController
class PreBindController {

    private final PreBindService checks;

    PreBindController(PreBindService checks) {
        this.checks = checks;
    }

    /** The answer as it was recorded, its sentences in the reader's language (the record keeps both). */
    @PostMapping("/api/v1/checks/pre-bind")
    PreBindResult check(@Valid @RequestBody PreBindRequest request, @AuthenticationPrincipal UserAccount user) {
        return checks.check(request, user);
    }
}
