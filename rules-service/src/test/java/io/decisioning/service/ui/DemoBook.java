package io.decisioning.service.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.decisioning.service.ApiClient;
import io.decisioning.service.ApiClient.Response;
import java.time.Duration;
import java.time.Instant;

/**
 * The browser tests' demo book (400 customers) with every customer assessed: the first call runs a
 * batch as admin and waits for it; later calls in the same Spring context find it done.
 */
final class DemoBook {

    private static volatile boolean assessed;

    private DemoBook() {
    }

    static synchronized void assessed(int port) {
        if (assessed) {
            return;
        }
        ApiClient api = new ApiClient(port);
        Response started = api.post("/api/v1/batch-runs", null, "admin");
        assertThat(started.status()).as(started.body()).isIn(202, 409);
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (Instant.now().isBefore(deadline)) {
            Response runs = api.get("/api/v1/batch-runs?limit=1", "admin");
            String status = runs.json().get(0).get("status").asString();
            if (status.equals("SUCCEEDED")) {
                assessed = true;
                return;
            }
            assertThat(status).as(runs.body()).isEqualTo("RUNNING");
            sleep();
        }
        throw new AssertionError("the demo book's batch run did not finish in 2 minutes");
    }

    private static void sleep() {
        try {
            Thread.sleep(250);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
