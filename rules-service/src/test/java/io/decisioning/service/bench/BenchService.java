package io.decisioning.service.bench;

import io.decisioning.service.DecisioningApplication;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** The service as the benchmarks start it, and their positional arguments. */
final class BenchService {

    private BenchService() {
    }

    /**
     * The service on a random port over the embedded database in {@code dataDir}, with a demo book of
     * {@code customers} generated on the first start (reused afterwards), logging warnings only.
     *
     * @param more further {@code --name=value} arguments
     */
    static ConfigurableApplicationContext start(Path dataDir, int customers, String... more) {
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--rules.embedded.data-dir=" + dataDir,
                "--rules.demo.data=" + customers, "--logging.level.root=WARN"));
        args.addAll(List.of(more));
        return SpringApplication.run(DecisioningApplication.class, args.toArray(String[]::new));
    }

    static int port(ConfigurableApplicationContext app) {
        return ((WebServerApplicationContext) app).getWebServer().getPort();
    }

    /** The {@code index}th argument as a number, or {@code otherwise} when it is not given. */
    static int arg(String[] args, int index, int otherwise) {
        return args.length > index ? Integer.parseInt(args[index]) : otherwise;
    }
}
