package io.decisioning.service.blacklist;

import io.decisioning.service.system.Role;
import io.decisioning.service.system.UserAccount;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.net.URI;
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

    private final BlacklistService blacklist;

    BlacklistController(BlacklistService blacklist) {
        this.blacklist = blacklist;
    }

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
                         @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
                         @RequestParam(defaultValue = "20") @Min(1) @Max(MAX_PAGE_SIZE) int size,
                         @AuthenticationPrincipal UserAccount user) {
        BlacklistPage found = blacklist.search(query, page, size);
        return managesBlacklist(user) ? found
                : new BlacklistPage(found.items().stream().map(BlacklistEntry::masked).toList(), found.total());
    }

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

    @PostMapping("/{id}/lift")
    BlacklistEntry lift(@PathVariable long id, @Valid @RequestBody LiftRequest request,
                        @AuthenticationPrincipal UserAccount user) {
        return blacklist.lift(id, request.reason().strip(), user.getUsername());
    }
}
