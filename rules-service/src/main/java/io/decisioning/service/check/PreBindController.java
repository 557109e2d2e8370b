package io.decisioning.service.check;

import io.decisioning.service.system.UserAccount;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
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

    /** The answer ({@link PreBindResult}) as it was recorded: serialized once, for the record and the reply. */
    @PostMapping("/api/v1/checks/pre-bind")
    @ApiResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
            schema = @Schema(implementation = PreBindResult.class)))
    ResponseEntity<String> check(@Valid @RequestBody PreBindRequest request, @AuthenticationPrincipal UserAccount user) {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(checks.check(request, user));
    }
}
