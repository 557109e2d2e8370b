package io.decisioning.service.identity;

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
import java.util.stream.Collectors;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The party API of DESIGN.md section 10 (contract): a customer's party, the review queue, merge, reject, split. */
@RestController
@Validated
class PartyController {

    static final int MAX_PAGE_SIZE = 100;
    /** The most policies (and claims) of a party in one answer. */
    static final int MAX_LIMIT = 500;

    /** The columns of exported candidates: the fields of a candidate as the API names them, in its order. */
    static final List<Column<CandidateView>> CANDIDATE_COLUMNS = List.of(
            new Column<>("id", CandidateView::id),
            new Column<>("customerNoA", CandidateView::customerNoA),
            new Column<>("customerNoB", CandidateView::customerNoB),
            new Column<>("evidence", c -> c.evidence().stream().map(Evidence::name).collect(Collectors.joining(";"))),
            new Column<>("rule", CandidateView::rule),
            new Column<>("status", c -> c.status().name()),
            new Column<>("createdAt", c -> c.createdAt().toString()),
            new Column<>("decidedBy", CandidateView::decidedBy),
            new Column<>("decidedAt", c -> c.decidedAt() == null ? null : c.decidedAt().toString()),
            new Column<>("note", CandidateView::note));

    private final PartyService parties;
    private final ListExport export;

    PartyController(PartyService parties, ListExport export) {
        this.parties = parties;
        this.export = export;
    }

    /** The party (one person or company) of the customer's record, with its other records in the caller's scope. */
    @GetMapping("/api/v1/customers/{customerNo}/party")
    PartyView party(@PathVariable String customerNo, @AuthenticationPrincipal UserAccount user) {
        return parties.party(customerNo, user);
    }

    /** The policies and claims of all the party's records the caller may see (an addition to DESIGN.md section 10). */
    @GetMapping("/api/v1/customers/{customerNo}/party/policies")
    PartyPolicies policies(@PathVariable @Size(max = 32) String customerNo,
                           @RequestParam(defaultValue = "100") @Min(1) @Max(MAX_LIMIT) int limit,
                           @AuthenticationPrincipal UserAccount user) {
        return parties.policies(customerNo, limit, user);
    }

    /** The review queue: pairs of records that may be one person, for a person to merge or reject. */
    @GetMapping("/api/v1/identity/candidates")
    CandidateView.Page candidates(@RequestParam(defaultValue = "PENDING") CandidateStatus status,
                                  @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
                                  @RequestParam(defaultValue = "20") @Min(1) @Max(MAX_PAGE_SIZE) int size,
                                  @AuthenticationPrincipal UserAccount user) {
        return parties.candidates(status, page, size, user);
    }

    /**
     * The same queue whole (not one page) as CSV (UTF-8 with a byte order mark) or an Excel workbook by the
     * {@code Accept} header, newest first, streamed from the database; the evidence joined with ";"; at most
     * {@code rules.export.max-rows} rows.
     */
    @ExportMapping(value = "/api/v1/identity/candidates", rows = "a header row and a row per candidate pair")
    void exportCandidates(@RequestParam(defaultValue = "PENDING") CandidateStatus status,
                          @AuthenticationPrincipal UserAccount user, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        export.answer(request, response, "identity-candidates", CANDIDATE_COLUMNS, parties.candidateRows(status, user),
                List.of("status"));
    }

    /** Merges a candidate pair: its two records become one party. */
    @PostMapping("/api/v1/identity/candidates/{id}/merge")
    CandidateView merge(@PathVariable long id, @Valid @RequestBody DecisionRequest request,
                        @AuthenticationPrincipal UserAccount user) {
        return parties.merge(id, blankToNull(request.note()), user);
    }

    /** Rejects a candidate pair: its two records stay apart, whatever the rules say later. */
    @PostMapping("/api/v1/identity/candidates/{id}/reject")
    CandidateView reject(@PathVariable long id, @Valid @RequestBody DecisionRequest request,
                         @AuthenticationPrincipal UserAccount user) {
        return parties.reject(id, blankToNull(request.note()), user);
    }

    /** Takes a record out of its party, which it leaves for a party of its own. */
    @PostMapping("/api/v1/parties/{partyNo}/split")
    PartyView split(@PathVariable long partyNo, @Valid @RequestBody SplitRequest request,
                    @AuthenticationPrincipal UserAccount user) {
        return parties.split(partyNo, request.customerNo().strip(), request.reason().strip(), user);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
