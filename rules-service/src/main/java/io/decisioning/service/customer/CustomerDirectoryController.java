package io.decisioning.service.customer;

import io.decisioning.rules.Grade;
import io.decisioning.rules.Tier;
import io.decisioning.service.export.Column;
import io.decisioning.service.export.ExportMapping;
import io.decisioning.service.export.ListExport;
import io.decisioning.service.export.Rows;
import io.decisioning.service.system.UserAccount;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.io.IOException;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Customer search and a customer's page for people, within the caller's branch scope; identity
 * numbers and phones masked for roles that only look (see {@link CustomerDirectory}). The list narrowed by the
 * current assessment ({@code ?vip=true&tier=GOLD}) is the VIP list that the nightly tagging keeps, also as a file.
 */
@RestController
@Validated
class CustomerDirectoryController {

    private static final String BRANCH = "[A-Za-z0-9_-]{1,32}";
    private static final String BRANCH_MESSAGE = "must be a branch code such as GD or GD-SZ";

    static final List<Column<CustomerDirectory.Found>> COLUMNS = List.of(
            new Column<>("customerNo", CustomerDirectory.Found::customerNo),
            new Column<>("name", CustomerDirectory.Found::name),
            new Column<>("customerType", CustomerDirectory.Found::customerType),
            new Column<>("idType", CustomerDirectory.Found::idType),
            new Column<>("idNumber", CustomerDirectory.Found::idNumber),
            new Column<>("phone", CustomerDirectory.Found::phone),
            new Column<>("branchCode", CustomerDirectory.Found::branchCode),
            new Column<>("accountManager", CustomerDirectory.Found::accountManager),
            new Column<>("grade", CustomerDirectory.Found::grade),
            new Column<>("tier", CustomerDirectory.Found::tier),
            new Column<>("vip", CustomerDirectory.Found::vip),
            new Column<>("blacklisted", CustomerDirectory.Found::blacklisted),
            new Column<>("valueScore", CustomerDirectory.Found::valueScore),
            new Column<>("riskScore", CustomerDirectory.Found::riskScore),
            new Column<>("decision", CustomerDirectory.Found::decision),
            new Column<>("evaluatedAt", found -> found.evaluatedAt() == null ? null : found.evaluatedAt().toString()));

    private final CustomerDirectory directory;
    private final ListExport export;

    CustomerDirectoryController(CustomerDirectory directory, ListExport export) {
        this.directory = directory;
        this.export = export;
    }

    /**
     * Customers whose number starts with, identity number or phone equals, or name contains {@code query}; every
     * filter optional: {@code vip}, {@code tier} and {@code grade} by the current assessment (customers never
     * evaluated are left out once one is given), {@code branch} a branch's subtree within the caller's scope.
     */
    @GetMapping("/api/v1/customers")
    CustomerDirectory.Page search(@RequestParam(required = false) @Nullable @Size(max = 100) String query,
                                  @RequestParam(required = false) @Nullable Boolean vip,
                                  @RequestParam(required = false) @Nullable Tier tier,
                                  @RequestParam(required = false) @Nullable Grade grade,
                                  @RequestParam(required = false) @Nullable @Pattern(regexp = BRANCH, message = BRANCH_MESSAGE) String branch,
                                  @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
                                  @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size,
                                  @AuthenticationPrincipal UserAccount user) {
        return directory.search(new CustomerDirectory.Filter(query, vip, tier, grade, branch), page, size, user);
    }

    /**
     * The same list whole, as CSV (UTF-8 with a byte order mark) or an Excel workbook by the {@code Accept} header,
     * by customer number; at most {@code rules.export.max-rows} rows, else 400 naming the filters that narrow it.
     */
    @ExportMapping(value = "/api/v1/customers", rows = "a header row and a row per customer")
    void export(@RequestParam(required = false) @Nullable @Size(max = 100) String query,
                @RequestParam(required = false) @Nullable Boolean vip,
                @RequestParam(required = false) @Nullable Tier tier,
                @RequestParam(required = false) @Nullable Grade grade,
                @RequestParam(required = false) @Nullable @Pattern(regexp = BRANCH, message = BRANCH_MESSAGE) String branch,
                @AuthenticationPrincipal UserAccount user, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        CustomerDirectory.Filter filter = new CustomerDirectory.Filter(query, vip, tier, grade, branch);
        export.answer(request, response, Boolean.TRUE.equals(vip) ? "vip-customers" : "customers", COLUMNS,
                Rows.of(() -> directory.count(filter, user), each -> directory.forEach(filter, user, each)),
                List.of("branch", "grade", "tier", "vip"));
    }

    /** The customer's identity, the blacklist entries matched at the last evaluation, and open warnings. */
    @GetMapping("/api/v1/customers/{customerNo}")
    CustomerDirectory.Profile profile(@PathVariable @Size(max = 32) String customerNo,
                                      @AuthenticationPrincipal UserAccount user) {
        return directory.profile(customerNo, user);
    }
}
