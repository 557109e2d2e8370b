package io.decisioning.service.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.decisioning.service.ApiClient;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;

/** Batch runs (start one, watch it finish) and the audit trail that records it, in the browser. */
class BatchAndAuditBrowserTests extends BrowserTestSupport {

    private static final Pattern RUN_ROUTE = Pattern.compile("#/batch/(\\d+)$");

    @Test
    void anAdminStartsARunWatchesItFinishAndAnAuditorFindsItInTheTrail() {
        DemoBook.assessed(port);
        signIn("admin");
        open("batch");
        click(By.cssSelector("button[data-action=start]"));
        click(By.cssSelector("dialog.confirm button[type=submit]"));
        new WebDriverWait(browser(), Duration.ofSeconds(20)).until(d -> RUN_ROUTE.matcher(d.getCurrentUrl()).find());
        Matcher route = RUN_ROUTE.matcher(browser().getCurrentUrl());
        assertThat(route.find()).isTrue();
        String id = route.group(1);

        new WebDriverWait(browser(), Duration.ofSeconds(90)).until(d ->
                "SUCCEEDED".equals(d.findElement(By.cssSelector(".batch-run")).getDomAttribute("data-status")));
        JsonNode run = new ApiClient(port).get("/api/v1/batch-runs/" + id, "admin").json();
        assertThat(run.get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(waitFor(By.cssSelector("[data-figure=processed] .value")).getText().replace(",", ""))
                .isEqualTo(run.get("processed").asString());
        screenshot("run");

        open("batch");
        waitFor(By.cssSelector("tr.run-" + id));
        screenshot("runs");
        signOut();

        signIn("auditor");
        open("audit?action=BATCH_RUN_STARTED");
        waitFor(By.cssSelector(".audit-list tr[data-action=BATCH_RUN_STARTED]"));
        assertThat(waitFor(By.cssSelector(".audit-list tbody")).getText()).contains("BATCH_RUN #" + id).contains("admin");
        screenshot("audit");
    }

    @Test
    void onlyAnAdminIsOfferedToStartARun() {
        signIn("approver");
        open("batch");
        waitFor(By.cssSelector(".page-batch .card"));
        assertThat(browser().findElements(By.cssSelector("button[data-action=start]"))).isEmpty();
    }

    @Test
    void theRunsAndTheTrailFitATablet() {
        atTabletWidth();
        signIn("admin");
        open("batch");
        waitFor(By.cssSelector(".page-batch .card"));
        assertNoHorizontalOverflow();
        screenshot("runs");
        open("audit");
        waitFor(By.cssSelector(".audit-list tbody tr"));
        assertNoHorizontalOverflow();
        screenshot("audit");
    }
}
