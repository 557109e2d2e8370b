package io.decisioning.service.rulepack;

import io.decisioning.service.engine.NodeRegistry;
import io.decisioning.service.export.Column;
import io.decisioning.service.export.Download;
import io.decisioning.service.export.ExportMapping;
import io.decisioning.service.export.ListExport;
import io.decisioning.service.system.UserAccount;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
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
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
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

/** Rule packs and their versions (DESIGN.md section 5, issue 4). */
@RestController
@RequestMapping("/api/v1/rule-packs")
class RulePackController {

    static final String ZIP = "application/zip";

    static final List<Column<Simulation.Change>> CHANGE_COLUMNS = List.of(
            new Column<>("customerNo", Simulation.Change::customerNo),
            new Column<>("name", Simulation.Change::name),
            new Column<>("branchCode", Simulation.Change::branchCode),
            new Column<>("field", Simulation.Change::field),
            new Column<>("from", Simulation.Change::from),
            new Column<>("to", Simulation.Change::to),
            new Column<>("annualPremium", Simulation.Change::annualPremium));

    private final RulePackService packs;
    private final ListExport export;
    private final SimulationService simulations;
    private final BacktestService backtests;
    private final NodeRegistry nodes;

    RulePackController(RulePackService packs, SimulationService simulations, BacktestService backtests, NodeRegistry nodes,
                       ListExport export) {
        this.packs = packs;
        this.export = export;
        this.simulations = simulations;
        this.backtests = backtests;
        this.nodes = nodes;
    }

    /** Every rule pack with its published version and its versions. */
    @GetMapping
    List<RulePackService.PackSummary> list() {
        return packs.list();
    }

    /** Each node of the service with the pack versions it has live and when it last said so. */
    @GetMapping("/nodes")
    List<NodeRegistry.Node> nodes() {
        return nodes.nodes();
    }

    /** One version of a pack: its files, compile errors, table checks, last test run, simulation and back-test. */
    @GetMapping("/{name}/versions/{version}")
    RulePackService.VersionDetail version(@PathVariable @Size(max = 40) String name, @PathVariable @Min(1) int version,
                                          @AuthenticationPrincipal UserAccount user) {
        return packs.get(name, version, user);
    }

    /** The cells of a table file of the version (CSV or workbook), for showing it as a grid. */
    @GetMapping("/{name}/versions/{version}/files/{file}/grid")
    RulePackService.TableGrid grid(@PathVariable @Size(max = 40) String name, @PathVariable @Min(1) int version,
                                   @PathVariable @Size(max = 200) String file) {
        return packs.grid(name, version, file);
    }

    /**
     * A file of the version as stored (a DRL file, a decision table, scenarios), to save or keep in git; with
     * {@code Accept} asking for a workbook, a CSV decision table comes as {@code .drl.xlsx} with the same cells, which
     * an analyst edits in Excel and posts back as a draft's file in the CSV file's place.
     */
    @GetMapping("/{name}/versions/{version}/files/{file}")
    @ApiResponse(responseCode = "200", description = "the file",
            content = {@Content(mediaType = "text/plain", schema = @Schema(type = "string")),
                    @Content(mediaType = Download.CSV, schema = @Schema(type = "string")),
                    @Content(mediaType = Download.XLSX, schema = @Schema(type = "string", format = "binary"))})
    ResponseEntity<byte[]> file(@PathVariable @Size(max = 40) String name, @PathVariable @Min(1) int version,
                                @PathVariable @Size(max = 200) String file, HttpServletRequest request) {
        RulePackService.PackFile found = packs.file(name, version, file,
                Download.prefersWorkbook(request.getHeader(HttpHeaders.ACCEPT)));
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(found.mediaType()))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(found.name()).build().toString())
                .body(found.content());
    }

    /** Stores a new draft of the pack, valid or not, with every compile error and table finding. */
    @PostMapping("/{name}/versions")
    ResponseEntity<RulePackService.DraftCreated> create(@PathVariable @Size(max = 40) String name,
                                                        @Valid @RequestBody NewVersion request,
                                                        @AuthenticationPrincipal UserAccount user) {
        RulePackService.DraftCreated created = packs.createDraft(name, request, user.getUsername());
        URI location = ServletUriComponentsBuilder.fromCurrentRequestUri().path("/{version}")
                .buildAndExpand(created.version()).toUri();
        return ResponseEntity.created(location).body(created);
    }

    /**
     * The version's files as a zip, to keep in git or to import into another service: the same files always give the
     * same bytes (entries in name order, each dated 2000-01-01).
     */
    @GetMapping(value = "/{name}/versions/{version}/export", produces = ZIP)
    @ApiResponse(responseCode = "200", description = "a zip of the version's files",
            content = @Content(mediaType = ZIP, schema = @Schema(type = "string", format = "binary")))
    ResponseEntity<byte[]> exportZip(@PathVariable @Size(max = 40) String name, @PathVariable @Min(1) int version) {
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(ZIP))
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename(name + "-v" + version + ".zip").build().toString())
                .body(packs.exportZip(name, version));
    }

    /**
     * A zip of a pack's files (an export, or the pack's folder zipped) as a new draft, the whole version, checked as
     * any draft: 201 with the draft, valid or not; 400 naming the entry for a path outside the pack, an unknown kind
     * of file, a file over 2 MiB or files over 5 MiB together, and then nothing is stored.
     */
    @PostMapping(value = "/{name}/versions/import", consumes = {ZIP, "application/x-zip-compressed", "application/octet-stream"})
    ResponseEntity<RulePackService.DraftCreated> importZip(@PathVariable @Size(max = 40) String name,
                                                           @RequestParam(required = false) @Nullable @Size(max = 2000) String comment,
                                                           @RequestBody byte[] zip,
                                                           @AuthenticationPrincipal UserAccount user) {
        RulePackService.DraftCreated created = packs.importDraft(name, zip, comment, user.getUsername());
        URI location = ServletUriComponentsBuilder.fromCurrentRequestUri().replacePath("/api/v1/rule-packs/{name}/versions/{version}")
                .replaceQuery(null).buildAndExpand(name, created.version()).toUri();
        return ResponseEntity.created(location).body(created);
    }

    /** Runs the version's scenarios (and any posted) on the live rules with the version in its pack's place. */
    @PostMapping("/{name}/versions/{version}/test")
    RulePackService.TestRun test(@PathVariable @Size(max = 40) String name, @PathVariable @Min(1) int version,
                                 @Valid @RequestBody(required = false) @Nullable TestRequest request,
                                 @AuthenticationPrincipal UserAccount user) {
        return packs.test(name, version, request == null ? null : request.scenarios(), user.getUsername());
    }

    /** Starts simulating the version over the whole book: what it would change, nothing written. */
    @PostMapping("/{name}/versions/{version}/simulate")
    ResponseEntity<Simulation> simulate(@PathVariable @Size(max = 40) String name, @PathVariable @Min(1) int version,
                                        @AuthenticationPrincipal UserAccount user) {
        Simulation started = simulations.start(name, version, user.getUsername());
        URI location = ServletUriComponentsBuilder.fromCurrentRequestUri().replacePath(
                "/api/v1/rule-packs/{name}/versions/{version}/simulation").buildAndExpand(name, version).toUri();
        return ResponseEntity.accepted().location(location).body(started);
    }

    /** The version's simulation: its state, the transitions with their counts and premium, and examples. */
    @GetMapping("/{name}/versions/{version}/simulation")
    Simulation simulation(@PathVariable @Size(max = 40) String name, @PathVariable @Min(1) int version,
                          @AuthenticationPrincipal UserAccount user) {
        return simulations.find(name, version, user);
    }

    /**
     * Every change the version's simulation found, of the customers the caller may see, by customer number: a row per
     * customer and field that changes ({@code field} grade, tier, warnings, decision, churn, entitlements or
     * complaintState), narrowed to one transition by {@code field}, {@code from} and {@code to} as the simulation's
     * transitions name them.
     */
    @GetMapping("/{name}/versions/{version}/simulation/changes")
    SimulationService.ChangePage changes(@PathVariable @Size(max = 40) String name, @PathVariable @Min(1) int version,
                                         @RequestParam(required = false) @Nullable @Size(max = 32) String field,
                                         @RequestParam(required = false) @Nullable @Size(max = 2000) String from,
                                         @RequestParam(required = false) @Nullable @Size(max = 2000) String to,
                                         @RequestParam(defaultValue = "0") @Min(0) @Max(1_000_000) int page,
                                         @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size,
                                         @AuthenticationPrincipal UserAccount user) {
        return simulations.changes(name, version, new SimulationRepository.ChangeFilter(field, from, to), user, page, size);
    }

    /**
     * The same changes whole, as CSV (UTF-8 with a byte order mark) or an Excel workbook by the {@code Accept}
     * header; 409 while the simulation runs; at most {@code rules.export.max-rows} rows.
     */
    @ExportMapping(value = "/{name}/versions/{version}/simulation/changes", rows = "a header row and a row per change")
    void exportChanges(@PathVariable @Size(max = 40) String name, @PathVariable @Min(1) int version,
                       @RequestParam(required = false) @Nullable @Size(max = 32) String field,
                       @RequestParam(required = false) @Nullable @Size(max = 2000) String from,
                       @RequestParam(required = false) @Nullable @Size(max = 2000) String to,
                       @AuthenticationPrincipal UserAccount user, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        export.answer(request, response, "simulation-" + name + "-v" + version, CHANGE_COLUMNS,
                simulations.changeRows(name, version, new SimulationRepository.ChangeFilter(field, from, to), user),
                List.of("field", "from", "to"));
    }

    /**
     * Starts back-testing a scorecard version (DESIGN.md section 11): the book as of {@code asOf} with the version
     * in place, against who left within {@code horizonDays}. 202 with the back-test RUNNING.
     */
    @PostMapping("/{name}/versions/{version}/backtest")
    ResponseEntity<Backtest> backtest(@PathVariable @Size(max = 40) String name, @PathVariable @Min(1) int version,
                                      @Valid @RequestBody BacktestRequest request,
                                      @AuthenticationPrincipal UserAccount user) {
        Backtest started = backtests.start(name, version, request, user.getUsername());
        URI location = ServletUriComponentsBuilder.fromCurrentRequestUri().build().toUri();
        return ResponseEntity.accepted().location(location).body(started);
    }

    /** The version's latest back-test: RUNNING, DONE with its figures, or FAILED with its error. */
    @GetMapping("/{name}/versions/{version}/backtest")
    Backtest backtest(@PathVariable @Size(max = 40) String name, @PathVariable @Min(1) int version) {
        return backtests.latest(name, version);
    }

    /** Publishes the version: every node evaluates with it within seconds (an approver who is not its author). */
    @PostMapping("/{name}/versions/{version}/publish")
    RulePackService.VersionSummary publish(@PathVariable @Size(max = 40) String name, @PathVariable @Min(1) int version,
                                           @AuthenticationPrincipal UserAccount user) {
        return packs.publish(name, version, user.getUsername());
    }

    /** Publishes again the version that was live before the current one, with the reason why. */
    @PostMapping("/{name}/rollback")
    RulePackService.VersionSummary rollback(@PathVariable @Size(max = 40) String name,
                                            @Valid @RequestBody(required = false) @Nullable RollbackRequest request,
                                            @AuthenticationPrincipal UserAccount user) {
        return packs.rollback(name, request == null ? null : request.reason(), user.getUsername());
    }

    record RollbackRequest(@Nullable @Size(max = 2000) String reason) {
    }
}
