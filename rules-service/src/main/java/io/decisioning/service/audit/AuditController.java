package io.decisioning.service.audit;

import io.decisioning.service.export.Column;
import io.decisioning.service.export.ExportMapping;
import io.decisioning.service.export.ListExport;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.io.IOException;
import java.util.List;
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

    /** The detail as the JSON object it was recorded as, in one cell. */
    static final List<Column<AuditEvent>> COLUMNS = List.of(
            new Column<>("id", AuditEvent::id),
            new Column<>("occurredAt", e -> e.occurredAt().toString()),
            new Column<>("actor", AuditEvent::actor),
            new Column<>("action", AuditEvent::action),
            new Column<>("targetType", AuditEvent::targetType),
            new Column<>("targetId", AuditEvent::targetId),
            new Column<>("detail", e -> e.detail() == null ? null : e.detail().toString()));

    private final AuditTrail audit;
    private final ListExport export;

    AuditController(AuditTrail audit, ListExport export) {
        this.audit = audit;
        this.export = export;
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

    /**
     * The same records whole, as CSV (UTF-8 with a byte order mark) or an Excel workbook by the {@code Accept}
     * header, newest first; at most {@code rules.export.max-rows} rows, else 400 naming the filters that narrow it.
     */
    @ExportMapping(rows = "a header row and a row per record")
    void export(@RequestParam(required = false) @Nullable @Size(max = 64) String actor,
                @RequestParam(required = false) @Nullable @Size(max = 64) String action,
                @RequestParam(required = false) @Nullable @Size(max = 32) String targetType,
                @RequestParam(required = false) @Nullable @Size(max = 100) String targetId,
                @RequestParam(required = false) @Nullable @Size(max = 64) String from,
                @RequestParam(required = false) @Nullable @Size(max = 64) String to,
                HttpServletRequest request, HttpServletResponse response) throws IOException {
        export.answer(request, response, "audit", COLUMNS,
                audit.rows(AuditFilter.of(actor, action, targetType, targetId, from, to)),
                List.of("from", "to", "actor", "action", "targetType", "targetId"));
    }
}
