package io.decisioning.service.check;

import io.decisioning.service.DecisioningApplication;
import io.decisioning.service.customer.CustomerFeatureRepository;
import io.decisioning.service.customer.CustomerRepository;
import io.decisioning.service.rulepack.RuleEngine;
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

/** Where a pre-bind check spends its time, without HTTP: a developer's tool, not a test. */
public final class PreBindTiming {

    public static void main(String[] args) {
        ConfigurableApplicationContext app = SpringApplication.run(DecisioningApplication.class,
                "--server.port=0", "--rules.embedded.data-dir=target/bench-db", "--rules.demo.data=10000",
                "--logging.level.root=WARN");
        List<String> numbers = app.getBean(JdbcClient.class).sql("SELECT customer_no FROM customer ORDER BY id")
                .query(String.class).list();
        PreBindService checks = app.getBean(PreBindService.class);
        CustomerRepository customers = app.getBean(CustomerRepository.class);
        CustomerFeatureRepository features = app.getBean(CustomerFeatureRepository.class);
        RuleEngine engine = app.getBean(RuleEngine.class);
        UserAccount user = new UserAccount("underwriter", "x", Set.of(Role.UNDERWRITER), "HQ");
        LocalDate today = LocalDate.now();
        for (int round = 0; round < 3; round++) {
            time("check", 2000, i -> checks.check(new PreBindRequest(numbers.get(i % numbers.size()), null, null, null), user));
            io.decisioning.service.customer.AssessmentService assessments = app.getBean(io.decisioning.service.customer.AssessmentService.class);
            org.springframework.transaction.support.TransactionTemplate tx = new org.springframework.transaction.support.TransactionTemplate(
                    app.getBean(org.springframework.transaction.PlatformTransactionManager.class));
            time("evalStore", 2000, i -> tx.executeWithoutResult(st -> assessments.evaluateAndStore(
                    customers.findByCustomerNo(numbers.get(i % numbers.size())).orElseThrow(),
                    io.decisioning.service.customer.Trigger.CHECK, List.of())));
            JdbcClient jdbc = app.getBean(JdbcClient.class);
            time("select1", 2000, i -> jdbc.sql("SELECT 1").query(Integer.class).single());
            time("tx+ins", 2000, i -> tx.executeWithoutResult(st -> jdbc.sql(
                    "INSERT INTO audit_event (occurred_at, actor, action, target_type, target_id, detail) VALUES (NOW(3), 'x', 'T', 'T', 'x', '{}')").update()));
            time("customer", 2000, i -> customers.findByCustomerNo(numbers.get(i % numbers.size())));
            time("features", 2000, i -> features.forCustomer(i % numbers.size() + 1, today));
            time("rules", 2000, i -> engine.current().evaluate(new io.decisioning.rules.engine.EvaluationInput(
                    features.forCustomer(i % numbers.size() + 1, today).orElseThrow().toProfile(), List.of())));
        }
        app.close();
        System.exit(0);
    }

    private static void time(String what, int n, IntConsumer work) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpu = threads.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            work.accept(i);
        }
        System.out.printf("%-10s %8.1f us wall %8.1f us cpu per call%n", what, (System.nanoTime() - start) / 1000.0 / n,
                (threads.getCurrentThreadCpuTime() - cpu) / 1000.0 / n);
    }
}
