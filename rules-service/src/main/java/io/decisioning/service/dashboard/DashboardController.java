package io.decisioning.service.dashboard;

import io.decisioning.service.system.UserAccount;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The admin UI's dashboard figures, over the caller's branch scope (readers: see SecurityConfiguration). */
@RestController
class DashboardController {

    private final DashboardService dashboards;

    DashboardController(DashboardService dashboards) {
        this.dashboards = dashboards;
    }

    /** Grade and tier distribution, VIPs, blacklisted, open warnings by type and severity, last run, live packs. */
    @GetMapping("/api/v1/dashboard")
    Dashboard dashboard(@AuthenticationPrincipal UserAccount user) {
        return dashboards.dashboard(user);
    }
}
