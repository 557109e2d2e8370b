package io.decisioning.service.duelist;

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
 * The monthly due lists (DESIGN.md section 11): generate a month's list, read it as JSON page by page or export it
 * whole as CSV or a spreadsheet (by the {@code Accept} header), and record the salespeople's feedback on its items.
 * A month is written {@code 2027-01}.
 */
@RestController
@RequestMapping("/api/v1/due-lists")
class DueListController {

    static final int MAX_PAGE_SIZE = 500;
    private static final String BRANCH = "[A-Za-z0-9_-]{1,32}";
    private static final String BRANCH_MESSAGE = "must be a branch code such as GD or GD-SZ";

    private final DueListService lists;
    private final ListExport export;

    DueListController(DueListService lists, ListExport export) {
        this.lists = lists;
        this.export = export;
    }

    /** The generated lists with their figures, the latest month first. */
    @GetMapping
    List<DueList> lists() {
        return lists.lists();
    }

    /**
     * Generates the month's list now (again, if it exists: the feedback on items still due is kept) and answers its
     * figures. The month lies at most 24 months before or after the current one.
     */
    @PostMapping("/{month}")
    DueList generate(@PathVariable String month, @AuthenticationPrincipal UserAccount user) {
        return lists.generate(lists.month(month), user.getUsername());
    }

    /**
     * One page of the month's list: the items the caller may see (their branch's subtree; an account manager their
     * own), churn score descending (none last), then amount descending. Every filter is optional: {@code branch} a
     * branch's subtree, {@code accountManager} the item's manager, {@code kind} INSTALLMENT or RENEWAL. 404 for a
     * month not generated.
     */
    @GetMapping("/{month}")
    DueListPage page(@PathVariable String month,
                     @RequestParam(required = false) @Nullable @Pattern(regexp = BRANCH, message = BRANCH_MESSAGE) String branch,
                     @RequestParam(required = false) @Nullable @Size(max = 64) String accountManager,
                     @RequestParam(required = false) @Nullable DueKind kind,
                     @RequestParam(defaultValue = "0") @Min(0) @Max(1_000_000) int page,
                     @RequestParam(defaultValue = "50") @Min(1) @Max(MAX_PAGE_SIZE) int size,
                     @AuthenticationPrincipal UserAccount user) {
        return lists.page(lists.month(month), new DueListFilter(branch, accountManager, kind), user, page, size);
    }

    /**
     * The same list as CSV (UTF-8 with a byte order mark) or an Excel workbook by the {@code Accept} header: every item
     * matching the filters (not one page), streamed from the database; the whole month however long, as a due list
     * is worked from whole.
     */
    @ExportMapping(value = "/{month}", rows = "a header row and a row per item")
    void export(@PathVariable String month,
                @RequestParam(required = false) @Nullable @Pattern(regexp = BRANCH, message = BRANCH_MESSAGE) String branch,
                @RequestParam(required = false) @Nullable @Size(max = 64) String accountManager,
                @RequestParam(required = false) @Nullable DueKind kind,
                @AuthenticationPrincipal UserAccount user, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        DueMonth due = lists.month(month);
        lists.require(due);
        export.write(request, response, "due-list-" + due, DueListColumns.ALL,
                each -> lists.forEachItem(due, new DueListFilter(branch, accountManager, kind), user, each::accept));
    }

    /**
     * Records the salesperson's feedback on an item (replacing any given before) and answers the item: by its
     * account manager, or an approver or administrator whose branch sees it. Another manager's item is a 404.
     */
    @PostMapping("/{month}/items/{id}/outcome")
    DueListItem outcome(@PathVariable String month, @PathVariable long id, @Valid @RequestBody OutcomeRequest request,
                        @AuthenticationPrincipal UserAccount user) {
        return lists.recordOutcome(lists.month(month), id, request.outcome(), request.note(), user);
    }
}
