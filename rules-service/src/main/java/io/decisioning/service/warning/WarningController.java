package io.decisioning.service.warning;

import io.decisioning.rules.Severity;
import io.decisioning.rules.WarningCategory;
import io.decisioning.rules.WarningType;
import io.decisioning.service.export.Column;
import io.decisioning.service.export.ExportMapping;
import io.decisioning.service.export.ListExport;
import io.decisioning.service.system.UserAccount;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.io.IOException;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The warnings API (DESIGN.md section 5): list and read the warnings of the customers the user's
 * branch may see, acknowledge and resolve them.
 */
@RestController
@RequestMapping("/api/v1/warnings")
class WarningController {

    static final int MAX_PAGE_SIZE = 500;

    static final List<Column<Warning>> COLUMNS = List.of(
            new Column<>("id", Warning::id),
            new Column<>("customerNo", Warning::customerNo),
            new Column<>("type", w -> w.type().name()),
            new Column<>("category", w -> w.category().name()),
            new Column<>("severity", w -> w.severity().name()),
            new Column<>("message", Warning::message),
            new Column<>("status", w -> w.status().name()),
            new Column<>("raisedAt", w -> w.raisedAt().toString()),
            new Column<>("acknowledgedBy", Warning::acknowledgedBy),
            new Column<>("acknowledgedAt", w -> w.acknowledgedAt() == null ? null : w.acknowledgedAt().toString()),
            new Column<>("acknowledgeNote", Warning::acknowledgeNote),
            new Column<>("resolvedBy", Warning::resolvedBy),
            new Column<>("resolvedAt", w -> w.resolvedAt() == null ? null : w.resolvedAt().toString()),
            new Column<>("resolveNote", Warning::resolveNote));

    private final WarningService warnings;
    private final ListExport export;

    WarningController(WarningService warnings, ListExport export) {
        this.warnings = warnings;
        this.export = export;
    }

    /**
     * Warnings newest first; every filter is optional; {@code category} is the types' category (DESIGN.md
     * section 9), {@code accountManager} the customer's account manager (a manager's work queue),
     * {@code branch} lists that branch's subtree within the caller's own scope. {@code page} counts from 0.
     */
    @GetMapping
    WarningPage list(@RequestParam(required = false) @Nullable WarningStatus status,
                     @RequestParam(required = false) @Nullable WarningType type,
                     @RequestParam(required = false) @Nullable WarningCategory category,
                     @RequestParam(required = false) @Nullable Severity severity,
                     @RequestParam(required = false) @Nullable @Size(max = 32) String customerNo,
                     @RequestParam(required = false) @Nullable @Size(max = 64) String accountManager,
                     @RequestParam(required = false) @Nullable
                     @Pattern(regexp = "[A-Za-z0-9_-]{1,32}", message = "{decisioning.branch}") String branch,
                     @RequestParam(defaultValue = "0") @Min(0) @Max(1_000_000) int page,
                     @RequestParam(defaultValue = "50") @Min(1) @Max(MAX_PAGE_SIZE) int size,
                     @AuthenticationPrincipal UserAccount user) {
        return warnings.list(new WarningFilter(status, type, category, severity, customerNo, branch, accountManager), user,
                page, size);
    }

    /**
     * The same list whole, as CSV (UTF-8 with a byte order mark) or an Excel workbook by the {@code Accept} header,
     * newest first; at most {@code rules.export.max-rows} rows, else 400 naming the filters that narrow it.
     */
    @ExportMapping(rows = "a header row and a row per warning")
    void export(@RequestParam(required = false) @Nullable WarningStatus status,
                @RequestParam(required = false) @Nullable WarningType type,
                @RequestParam(required = false) @Nullable WarningCategory category,
                @RequestParam(required = false) @Nullable Severity severity,
                @RequestParam(required = false) @Nullable @Size(max = 32) String customerNo,
                @RequestParam(required = false) @Nullable @Size(max = 64) String accountManager,
                @RequestParam(required = false) @Nullable
                @Pattern(regexp = "[A-Za-z0-9_-]{1,32}", message = "{decisioning.branch}") String branch,
                @AuthenticationPrincipal UserAccount user, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        export.answer(request, response, "warnings", COLUMNS, warnings.rows(
                        new WarningFilter(status, type, category, severity, customerNo, branch, accountManager), user),
                List.of("status", "category", "type", "severity", "branch", "accountManager"));
    }

    /** One warning with who acknowledged and resolved it, when and why. */
    @GetMapping("/{id}")
    Warning get(@PathVariable long id, @AuthenticationPrincipal UserAccount user) {
        return warnings.find(id, user);
    }

    /** OPEN -> ACKNOWLEDGED; the body and its note are optional. */
    @PostMapping("/{id}/acknowledge")
    Warning acknowledge(@PathVariable long id, @Valid @RequestBody(required = false) @Nullable AcknowledgeRequest request,
                        @AuthenticationPrincipal UserAccount user) {
        return warnings.acknowledge(id, request == null ? null : request.note(), user);
    }

    /** OPEN or ACKNOWLEDGED -> RESOLVED; the note saying why is required. */
    @PostMapping("/{id}/resolve")
    Warning resolve(@PathVariable long id, @Valid @RequestBody ResolveRequest request,
                    @AuthenticationPrincipal UserAccount user) {
        return warnings.resolve(id, request.note().strip(), user);
    }
}
