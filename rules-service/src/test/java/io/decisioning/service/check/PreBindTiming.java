package io.decisioning.service.check;

import io.decisioning.service.DecisioningApplication;
import io.decisioning.service.assessment.AssessmentPipeline;
import io.decisioning.service.assessment.Selection;
import io.decisioning.service.assessment.Trigger;
import io.decisioning.service.customer.CustomerRepository;
import io.decisioning.service.engine.RuleEngine;
import io.decisioning.service.system.Role;
import io.decisioning.service.system.UserAccount;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.function.IntConsumer;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Where a pre-bind check spends its time without HTTP, one call after another: a developer's tool
 * (a {@code main} in test sources), not a test. Uses the latency benchmark's database under
 * {@code target/bench-db}. Run it like {@code PreBindLatencyBenchmark} (see BENCHMARKS.md).
 */
public final class PreBindTiming {

    public static void main(String[] args) {
        ConfigurableApplicationContext app = SpringApplication.run(DecisioningApplication.class,
                "--server.port=0", "--rules.embedded.data-dir=target/bench-db", "--rules.demo.data=10000",
                "--logging.level.root=WARN");
        JdbcClient jdbc = app.getBean(JdbcClient.class);
        List<String> numbers = jdbc.sql("SELECT customer_no FROM customer ORDER BY id").query(String.class).list();
        PreBindService checks = app.getBean(PreBindService.class);
        AssessmentPipeline pipeline = app.getBean(AssessmentPipeline.class);
        CustomerRepository customers = app.getBean(CustomerRepository.class);
        RuleEngine engine = app.getBean(RuleEngine.class);
        TransactionTemplate transaction = new TransactionTemplate(app.getBean(PlatformTransactionManager.class));
        UserAccount user = new UserAccount("underwriter", "x", Set.of(Role.UNDERWRITER), "HQ");
        LocalDate today = LocalDate.now();
        int n = numbers.size();
        for (int round = 0; round < 3; round++) {
            System.out.printf("round %d%n", round + 1);
            time("check", i -> checks.check(new PreBindRequest(numbers.get(i % n), null, null, null), user));
            time("evaluate+store", i -> transaction.executeWithoutResult(status -> pipeline.assess(
                    Selection.customerNo(numbers.get(i % n)), Trigger.CHECK, today)));
            time("SELECT 1", i -> jdbc.sql("SELECT 1").query(Integer.class).single());
            time("customer", i -> customers.findByCustomerNo(numbers.get(i % n)));
            time("facts", i -> pipeline.read(Selection.customerNo(numbers.get(i % n)), today));
            time("facts+rules", i -> engine.current().evaluate(
                    pipeline.read(Selection.customerNo(numbers.get(i % n)), today).inputs().get(0)));
        }
        app.close();
        System.exit(0);
    }

    private static void time(String what, IntConsumer work) {
        int calls = 2000;
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpu = threads.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        for (int i = 0; i < calls; i++) {
            work.accept(i);
        }
        System.out.printf("  %-15s %8.1f us wall %8.1f us JVM cpu per call%n", what,
                (System.nanoTime() - start) / 1000.0 / calls, (threads.getCurrentThreadCpuTime() - cpu) / 1000.0 / calls);
    }
}
