package io.decisioning.service.rulepack;

import io.decisioning.service.engine.NodeRegistry;
import io.decisioning.service.system.UserAccount;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
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
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** Rule packs and their versions (DESIGN.md section 5, issue 4). */
@RestController
@RequestMapping("/api/v1/rule-packs")
class RulePackController {

    private final RulePackService packs;
    private final SimulationService simulations;
    private final BacktestService backtests;
    private final NodeRegistry nodes;

    RulePackController(RulePackService packs, SimulationService simulations, BacktestService backtests, NodeRegistry nodes) {
        this.packs = packs;
        this.simulations = simulations;
        this.backtests = backtests;
        this.nodes = nodes;
    }

    @GetMapping
    List<RulePackService.PackSummary> list() {
        return packs.list();
    }

    /** Each node of the service with the pack versions it has live and when it last said so. */
    @GetMapping("/nodes")
    List<NodeRegistry.Node> nodes() {
        return nodes.nodes();
    }

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

    @PostMapping("/{name}/versions")
    ResponseEntity<RulePackService.DraftCreated> create(@PathVariable @Size(max = 40) String name,
                                                        @Valid @RequestBody NewVersion request,
                                                        @AuthenticationPrincipal UserAccount user) {
        RulePackService.DraftCreated created = packs.createDraft(name, request, user.getUsername());
        URI location = ServletUriComponentsBuilder.fromCurrentRequestUri().path("/{version}")
                .buildAndExpand(created.version()).toUri();
        return ResponseEntity.created(location).body(created);
    }

    @PostMapping("/{name}/versions/{version}/test")
    RulePackService.TestRun test(@PathVariable @Size(max = 40) String name, @PathVariable @Min(1) int version,
                                 @Valid @RequestBody(required = false) @Nullable TestRequest request,
                                 @AuthenticationPrincipal UserAccount user) {
        return packs.test(name, version, request == null ? null : request.scenarios(), user.getUsername());
    }

    @PostMapping("/{name}/versions/{version}/simulate")
    ResponseEntity<Simulation> simulate(@PathVariable @Size(max = 40) String name, @PathVariable @Min(1) int version,
                                        @AuthenticationPrincipal UserAccount user) {
        Simulation started = simulations.start(name, version, user.getUsername());
        URI location = ServletUriComponentsBuilder.fromCurrentRequestUri().replacePath(
                "/api/v1/rule-packs/{name}/versions/{version}/simulation").buildAndExpand(name, version).toUri();
        return ResponseEntity.accepted().location(location).body(started);
    }

    @GetMapping("/{name}/versions/{version}/simulation")
    Simulation simulation(@PathVariable @Size(max = 40) String name, @PathVariable @Min(1) int version,
                          @AuthenticationPrincipal UserAccount user) {
        return simulations.find(name, version, user);
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

    @PostMapping("/{name}/versions/{version}/publish")
    RulePackService.VersionSummary publish(@PathVariable @Size(max = 40) String name, @PathVariable @Min(1) int version,
                                           @AuthenticationPrincipal UserAccount user) {
        return packs.publish(name, version, user.getUsername());
    }

    @PostMapping("/{name}/rollback")
    RulePackService.VersionSummary rollback(@PathVariable @Size(max = 40) String name,
                                            @Valid @RequestBody(required = false) @Nullable RollbackRequest request,
                                            @AuthenticationPrincipal UserAccount user) {
        return packs.rollback(name, request == null ? null : request.reason(), user.getUsername());
    }

    record RollbackRequest(@Nullable @Size(max = 2000) String reason) {
    }
}
