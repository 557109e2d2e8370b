package io.decisioning.service.batch;

import io.decisioning.service.system.UserAccount;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** Batch runs (DESIGN.md section 5): start one now, follow its progress, list the latest. */
@RestController
@RequestMapping("/api/v1/batch-runs")
class BatchRunController {

    private final BatchRunService service;

    BatchRunController(BatchRunService service) {
        this.service = service;
    }

    /** 202 with the new run's id; 409 while another run is running. */
    @PostMapping
    ResponseEntity<Map<String, Object>> start(@AuthenticationPrincipal UserAccount user) {
        BatchRun run = service.startManual(user.getUsername());
        URI location = ServletUriComponentsBuilder.fromCurrentRequestUri().path("/{id}").buildAndExpand(run.id()).toUri();
        return ResponseEntity.accepted().location(location).body(Map.of("id", run.id(), "status", run.status()));
    }

    /** One nightly run: its state, partitions, counts and timings. */
    @GetMapping("/{id}")
    BatchRun get(@PathVariable long id) {
        return service.find(id);
    }

    /** The latest runs, newest first. */
    @GetMapping
    List<BatchRun> list(@RequestParam(defaultValue = "20") @Min(1) @Max(200) int limit) {
        return service.latest(limit);
    }
}
