package io.decisioning.service.complaint;

import io.decisioning.service.export.Column;
import io.decisioning.service.export.ExportMapping;
import io.decisioning.service.export.ListExport;
import io.decisioning.service.system.UserAccount;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
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
 * The time-limit work queue of complaints (DESIGN.md section 13): {@code GET /api/v1/complaints}, and a customer's
 * complaints for the customer page.
 */
@RestController
@Validated
class ComplaintController {

    static final int MAX_PAGE_SIZE = 500;
    static final String BRANCH_CODE = "[A-Za-z0-9_-]{1,32}";
    static final String BRANCH_MESSAGE = "must be a branch code such as GD or GD-SZ";

    static final List<Column<QueueItem>> COLUMNS = List.of(
            new Column<>("complaintNo", QueueItem::complaintNo),
            new Column<>("customerNo", QueueItem::customerNo),
            new Column<>("channel", QueueItem::channel),
            new Column<>("category", QueueItem::category),
            new Column<>("complexity", QueueItem::complexity),
            new Column<>("receivedAt", item -> item.receivedAt().toString()),
            new Column<>("deadline", QueueItem::deadline),
            new Column<>("state", item -> item.state().name()),
            new Column<>("daysLeft", QueueItem::daysLeft),
            new Column<>("branchCode", QueueItem::branchCode),
            new Column<>("status", QueueItem::status),
            new Column<>("decidedAt", item -> item.decidedAt() == null ? null : item.decidedAt().toString()),
            new Column<>("rootCause", QueueItem::rootCause),
            new Column<>("rule", QueueItem::rule));

    private final ComplaintQueueService queue;
    private final ListExport export;

    ComplaintController(ComplaintQueueService queue, ListExport export) {
        this.queue = queue;
        this.export = export;
    }

    /**
     * The queue, OVERDUE and AT_RISK first, then by the nearest deadline; every filter optional: {@code state} (the five
     * of section 13, WITHDRAWN or UNCLASSIFIED), {@code branch} (that branch's subtree, within the caller's scope),
     * {@code category}. {@code page} counts from 0.
     */
    @GetMapping("/api/v1/complaints")
    QueuePage list(@RequestParam(required = false) @Nullable String state,
                   @RequestParam(required = false) @Nullable @Pattern(regexp = BRANCH_CODE, message = BRANCH_MESSAGE) String branch,
                   @RequestParam(required = false) @Nullable String category,
                   @RequestParam(defaultValue = "0") @Min(0) @Max(1_000_000) int page,
                   @RequestParam(defaultValue = "50") @Min(1) @Max(MAX_PAGE_SIZE) int size,
                   @AuthenticationPrincipal UserAccount user) {
        return queue.page(state, branch, category, user, page, size);
    }

    /**
     * The same queue whole, as CSV (UTF-8 with a byte order mark) or an Excel workbook by the {@code Accept} header;
     * at most {@code rules.export.max-rows} rows, else 400 naming the filters that narrow it.
     */
    @ExportMapping(value = "/api/v1/complaints", rows = "a header row and a row per complaint")
    void export(@RequestParam(required = false) @Nullable String state,
                @RequestParam(required = false) @Nullable @Pattern(regexp = BRANCH_CODE, message = BRANCH_MESSAGE) String branch,
                @RequestParam(required = false) @Nullable String category,
                @AuthenticationPrincipal UserAccount user, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        export.answer(request, response, "complaints", COLUMNS, queue.rows(state, branch, category, user),
                List.of("state", "branch", "category"));
    }

    /** The customer's complaints with their clocks (of this CRM record), in the queue's order. */
    @GetMapping("/api/v1/customers/{customerNo}/complaints")
    List<QueueItem> ofCustomer(@PathVariable String customerNo, @AuthenticationPrincipal UserAccount user) {
        return queue.ofCustomer(customerNo, user);
    }
}
