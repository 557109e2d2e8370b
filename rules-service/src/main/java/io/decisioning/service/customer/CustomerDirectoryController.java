package io.decisioning.service.customer;

import io.decisioning.service.system.UserAccount;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Customer search and a customer's page for people, within the caller's branch scope; identity
 * numbers and phones masked for roles that only look (see {@link CustomerDirectory}).
 */
@RestController
@Validated
class CustomerDirectoryController {

    private final CustomerDirectory directory;

    CustomerDirectoryController(CustomerDirectory directory) {
        this.directory = directory;
    }

    /** Customers whose number starts with, identity number or phone equals, or name contains {@code query}. */
    @GetMapping("/api/v1/customers")
    CustomerDirectory.Page search(@RequestParam(required = false) @Nullable @Size(max = 100) String query,
                                  @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
                                  @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size,
                                  @AuthenticationPrincipal UserAccount user) {
        return directory.search(query, page, size, user);
    }

    /** The customer's identity, the blacklist entries matched at the last evaluation, and open warnings. */
    @GetMapping("/api/v1/customers/{customerNo}")
    CustomerDirectory.Profile profile(@PathVariable @Size(max = 32) String customerNo,
                                      @AuthenticationPrincipal UserAccount user) {
        return directory.profile(customerNo, user);
    }
}
