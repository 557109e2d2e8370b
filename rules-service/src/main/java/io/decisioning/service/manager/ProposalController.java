package io.decisioning.service.manager;

import io.decisioning.service.export.Column;
import io.decisioning.service.export.ExportMapping;
import io.decisioning.service.export.ListExport;
import io.decisioning.service.system.UserAccount;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.io.IOException;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Assignment proposals (DESIGN.md section 12): approvers and administrators read, accept and reject them. */
@RestController
@Validated
@RequestMapping("/api/v1/assignment-proposals")
class ProposalController {

    static final int MAX_PAGE_SIZE = 200;

    /** The columns of the exported unplaced VIPs: the fields of the JSON list, in its order. */
    static final List<Column<ProposalService.Unplaced>> UNPLACED_COLUMNS = List.of(
            new Column<>("customerNo", ProposalService.Unplaced::customerNo),
            new Column<>("branchCode", ProposalService.Unplaced::branchCode),
            new Column<>("tier", ProposalService.Unplaced::tier),
            new Column<>("accountManager", ProposalService.Unplaced::accountManager),
            new Column<>("reason", u -> u.reason().name()));

    /** The columns of exported proposals: the fields of a proposal as the API names them, in its order. */
    static final List<Column<AssignmentProposal>> PROPOSAL_COLUMNS = List.of(
            new Column<>("id", AssignmentProposal::id),
            new Column<>("customerNo", AssignmentProposal::customerNo),
            new Column<>("fromManager", AssignmentProposal::fromManager),
            new Column<>("toManager", AssignmentProposal::toManager),
            new Column<>("reason", p -> p.reason().name()),
            new Column<>("status", p -> p.status().name()),
            new Column<>("createdAt", p -> p.createdAt().toString()),
            new Column<>("decidedBy", AssignmentProposal::decidedBy),
            new Column<>("decidedAt", p -> p.decidedAt() == null ? null : p.decidedAt().toString()),
            new Column<>("note", AssignmentProposal::note),
            new Column<>("branchCode", AssignmentProposal::branchCode));

    private final ProposalService proposals;
    private final ListExport export;

    ProposalController(ProposalService proposals, ListExport export) {
        this.proposals = proposals;
        this.export = export;
    }

    /** Proposals to give customers an account manager, pending first. */
    @GetMapping
    ProposalService.ProposalPage page(@RequestParam(required = false) @Nullable ProposalStatus status,
                                      @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
                                      @RequestParam(defaultValue = "50") @Min(1) @Max(MAX_PAGE_SIZE) int size,
                                      @AuthenticationPrincipal UserAccount user) {
        return proposals.page(status, user, page, size);
    }

    /**
     * The same proposals whole (not one page) as CSV (UTF-8 with a byte order mark) or an Excel workbook by the
     * {@code Accept} header, newest first, streamed from the database; at most {@code rules.export.max-rows} rows.
     */
    @ExportMapping(rows = "a header row and a row per proposal")
    void export(@RequestParam(required = false) @Nullable ProposalStatus status, @AuthenticationPrincipal UserAccount user,
                HttpServletRequest request, HttpServletResponse response) throws IOException {
        export.answer(request, response, "assignment-proposals", PROPOSAL_COLUMNS, proposals.rows(status, user),
                List.of("status"));
    }

    /** The VIPs of the caller's scope who need a manager and for whom none is possible. */
    @GetMapping("/unplaced")
    List<ProposalService.Unplaced> unplaced(@AuthenticationPrincipal UserAccount user) {
        return proposals.unplaced(user);
    }

    /**
     * The same VIPs as CSV (UTF-8 with a byte order mark) or an Excel workbook by the {@code Accept} header, for whoever
     * finds them a manager outside the service (the branch's head, HR). Exported whole: the caller's VIPs bound it.
     */
    @ExportMapping(value = "/unplaced", rows = "a header row and a row per VIP")
    void exportUnplaced(@AuthenticationPrincipal UserAccount user, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        export.write(request, response, "unplaced-vips", UNPLACED_COLUMNS, each -> proposals.unplaced(user).forEach(each));
    }

    /** Accepts a proposal: the CRM is to give the customer that manager. */
    @PostMapping("/{id}/accept")
    AssignmentProposal accept(@PathVariable long id, @AuthenticationPrincipal UserAccount user) {
        return proposals.accept(id, user);
    }

    /** Rejects a proposal, with a note saying why. */
    @PostMapping("/{id}/reject")
    AssignmentProposal reject(@PathVariable long id, @Valid @RequestBody(required = false) @Nullable RejectRequest request,
                              @AuthenticationPrincipal UserAccount user) {
        return proposals.reject(id, request == null ? null : request.note(), user);
    }

    /** Why a proposal is rejected (optional). */
    record RejectRequest(@Nullable @Size(max = 500) String note) {
    }
}
