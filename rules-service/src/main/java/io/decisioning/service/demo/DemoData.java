package io.decisioning.service.demo;

import io.decisioning.service.assessment.EvaluationDate;
import io.decisioning.service.system.DatabaseMode;
import io.decisioning.service.system.RulesProperties;
import io.decisioning.service.system.StartupOrder;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Fills an empty CRM with {@code rules.demo.data} generated customers at start-up (DESIGN.md
 * section 7; 10000 by default with the embedded database, none otherwise), with their policies, claims,
 * contacts and, unless {@code rules.demo.premium-schedules=false} or {@code rules.demo.complaints=false}, premium
 * schedules and complaints, so that a newcomer sees a working system. Runs first among the start-up runners
 * ({@link StartupOrder#DEMO_DATA}).
 */
@Component
@Order(StartupOrder.DEMO_DATA)
public class DemoData implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoData.class);

    private final DataSource dataSource;
    private final JdbcClient jdbc;
    private final int customers;
    private final long seed;
    private final double duplicates;
    private final boolean premiumSchedules;
    private final boolean complaints;
    private final EvaluationDate evaluationDate;
    private volatile boolean generated;

    DemoData(DataSource dataSource, JdbcClient jdbc, RulesProperties properties, DatabaseMode mode,
             EvaluationDate evaluationDate) {
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        this.customers = properties.demo().customers(mode.embedded());
        this.seed = properties.demo().seed();
        this.duplicates = properties.demo().duplicates();
        this.premiumSchedules = properties.demo().premiumSchedules();
        this.complaints = properties.demo().complaints();
        this.evaluationDate = evaluationDate;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (customers == 0) {
            return;
        }
        if (jdbc.sql("SELECT EXISTS (SELECT 1 FROM customer) AS present").query(Boolean.class).single()) {
            log.info("Demo data: the CRM already has customers, nothing generated");
            return;
        }
        DemoDataGenerator.Summary summary = new DemoDataGenerator(dataSource)
                .generate(customers, seed, evaluationDate.today(), duplicates, premiumSchedules, complaints);
        generated = true;
        log.info("Demo data: {} customers ({} of them second records of a customer), {} policies, {} claims, {} premium"
                        + " instalments, {} contacts of account managers, {} complaints generated with seed {} in {} ms",
                summary.customers(), summary.customers() - customers, summary.policies(), summary.claims(),
                summary.installments(), summary.contacts(), summary.complaints(), seed, summary.took().toMillis());
        log.info("Demo data: customers the demo blacklist entries match: {}",
                blacklistCandidates().stream().map(c -> c.customerNo() + " (" + c.matchedOn() + ")").toList());
    }

    /** Whether this start-up generated the demo book (so demo blacklist entries should be added too). */
    public boolean generatedAtStartup() {
        return generated;
    }

    /**
     * Blacklist entries that match a few customers of the demo book (by id number, by name and birth
     * date, by phone), the same for the same {@code rules.demo.data} and {@code rules.demo.seed} on
     * any day; empty when no demo data is configured.
     */
    public List<BlacklistCandidate> blacklistCandidates() {
        return new DemoBook(customers, seed, evaluationDate.today(), "").blacklistCandidates();
    }
}
