package io.decisioning.service.audit;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The audit trail, read-only (AUDITOR and ADMIN, see SecurityConfiguration): who did what to what,
 * and when. There is no endpoint that changes or deletes a record.
 */
@RestController
@RequestMapping("/api/v1/audit")
class AuditController {

    static final int MAX_PAGE_SIZE = 500;

    private final AuditTrail audit;

    AuditController(AuditTrail audit) {
        this.audit = audit;
    }

    /**
     * Records newest first; every filter is optional and exact (no wildcards). {@code from} (included)
     * and {@code to} (excluded) are ISO-8601 instants; {@code page} counts from 0.
     */
    @GetMapping
    AuditPage list(@RequestParam(required = false) @Nullable @Size(max = 64) String actor,
                   @RequestParam(required = false) @Nullable @Size(max = 64) String action,
                   @RequestParam(required = false) @Nullable @Size(max = 32) String targetType,
                   @RequestParam(required = false) @Nullable @Size(max = 100) String targetId,
                   @RequestParam(required = false) @Nullable @Size(max = 64) String from,
                   @RequestParam(required = false) @Nullable @Size(max = 64) String to,
                   @RequestParam(defaultValue = "0") @Min(0) @Max(1_000_000) int page,
                   @RequestParam(defaultValue = "50") @Min(1) @Max(MAX_PAGE_SIZE) int size) {
        return audit.search(AuditFilter.of(actor, action, targetType, targetId, from, to), page, size);
    }
}
