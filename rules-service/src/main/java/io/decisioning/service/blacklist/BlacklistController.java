package io.decisioning.service.blacklist;

import io.decisioning.service.export.Column;
import io.decisioning.service.export.ExportMapping;
import io.decisioning.service.export.ListExport;
import io.decisioning.service.system.Role;
import io.decisioning.service.system.UserAccount;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** The blacklist API (DESIGN.md section 5): add, search, read and lift entries. */
@RestController
@RequestMapping("/api/v1/blacklist")
class BlacklistController {

    static final int MAX_PAGE_SIZE = 100;

    static final List<Column<BlacklistEntry>> COLUMNS = List.of(
            new Column<>("id", BlacklistEntry::id),
            new Column<>("idType", e -> e.idType() == null ? null : e.idType().name()),
            new Column<>("idNumber", BlacklistEntry::idNumber),
            new Column<>("name", BlacklistEntry::name),
            new Column<>("birthDate", BlacklistEntry::birthDate),
            new Column<>("phone", BlacklistEntry::phone),
            new Column<>("reasonCode", e -> e.reasonCode().name()),
            new Column<>("note", BlacklistEntry::note),
            new Column<>("expiresAt", BlacklistEntry::expiresAt),
            new Column<>("status", e -> e.status().name()),
            new Column<>("createdBy", BlacklistEntry::createdBy),
            new Column<>("createdAt", e -> e.createdAt().toString()),
            new Column<>("liftedBy", BlacklistEntry::liftedBy),
            new Column<>("liftedAt", e -> e.liftedAt() == null ? null : e.liftedAt().toString()),
            new Column<>("liftReason", BlacklistEntry::liftReason));

    private final BlacklistService blacklist;
    private final ListExport export;

    BlacklistController(BlacklistService blacklist, ListExport export) {
        this.blacklist = blacklist;
        this.export = export;
    }

    /** Adds a blacklist entry; the customers it matches are evaluated again. */
    @PostMapping
    ResponseEntity<BlacklistEntry> add(@Valid @RequestBody NewBlacklistEntry request,
                                       @AuthenticationPrincipal UserAccount user) {
        BlacklistEntry entry = blacklist.add(request, user.getUsername());
        URI location = ServletUriComponentsBuilder.fromCurrentRequestUri().path("/{id}").buildAndExpand(entry.id()).toUri();
        return ResponseEntity.created(location).body(entry);
    }

    /** Entries whose id number or phone equals {@code query} or whose name contains it, after normalizing. */
    @GetMapping
    BlacklistPage search(@RequestParam(defaultValue = "") @Size(max = 200) String query,
                         @RequestParam(required = false) @Nullable EntryStatus status,
                         @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
                         @RequestParam(defaultValue = "20") @Min(1) @Max(MAX_PAGE_SIZE) int size,
                         @AuthenticationPrincipal UserAccount user) {
        BlacklistPage found = blacklist.search(query, status, page, size);
        return managesBlacklist(user) ? found
                : new BlacklistPage(found.items().stream().map(BlacklistEntry::masked).toList(), found.total());
    }

    /**
     * The same entries whole, as CSV (UTF-8 with a byte order mark) or an Excel workbook by the {@code Accept}
     * header, newest first, masked as in the list; at most {@code rules.export.max-rows} rows.
     */
    @ExportMapping(rows = "a header row and a row per entry")
    void export(@RequestParam(defaultValue = "") @Size(max = 200) String query,
                @RequestParam(required = false) @Nullable EntryStatus status,
                @AuthenticationPrincipal UserAccount user, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        List<Column<BlacklistEntry>> columns = managesBlacklist(user) ? COLUMNS
                : COLUMNS.stream().map(c -> new Column<BlacklistEntry>(c.name(), e -> c.value().apply(e.masked()))).toList();
        export.answer(request, response, "blacklist", columns, blacklist.rows(query, status), List.of("query", "status"));
    }

    /** One blacklist entry, masked for roles that only look. */
    @GetMapping("/{id}")
    BlacklistEntry get(@PathVariable long id, @AuthenticationPrincipal UserAccount user) {
        BlacklistEntry entry = blacklist.find(id);
        return managesBlacklist(user) ? entry : entry.masked();
    }

    /**
     * Approvers and admins add and lift entries and see them whole; underwriters and analysts, who
     * only look, see identity numbers and phones masked but for the last four characters. Searching
     * by a whole number still works for them: the match is made on the stored value.
     */
    private static boolean managesBlacklist(UserAccount user) {
        return user.roles().contains(Role.APPROVER) || user.roles().contains(Role.ADMIN);
    }

    /** Lifts an entry with the reason why; the customers it matched are evaluated again. */
    @PostMapping("/{id}/lift")
    BlacklistEntry lift(@PathVariable long id, @Valid @RequestBody LiftRequest request,
                        @AuthenticationPrincipal UserAccount user) {
        return blacklist.lift(id, request.reason().strip(), user.getUsername());
    }
}
