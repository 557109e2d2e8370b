package io.decisioning.service.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.decisioning.service.customer.CrmFixtures;
import io.decisioning.service.system.DatabaseTest;
import java.time.LocalDate;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A demo book with second records of customers (DESIGN.md section 10, rules.demo.duplicates), written to the database. */
@DatabaseTest
class DemoDuplicatesTests {

    private static final LocalDate TODAY = LocalDate.of(2026, 6, 30);

    @Autowired
    DataSource dataSource;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aBookWithSecondRecordsIsWrittenWholeEachPolicyAndClaimWithItsRecord() {
        DemoBook twice = new DemoBook(6_000, 17, TODAY, CrmFixtures.uniquePrefix(), 0.2);
        List<DemoCustomer> records = twice.customers().toList();

        DemoDataGenerator.Summary written = new DemoDataGenerator(dataSource).write(twice);

        assertThat(records.stream().filter(r -> r.duplicateOf() != null).count()).isBetween(1_000L, 1_400L);
        assertThat(written.customers()).isEqualTo(records.size());
        assertThat(written.policies()).isEqualTo(records.stream().mapToLong(r -> r.policies().size()).sum());
        assertThat(written.claims()).isEqualTo(records.stream().flatMap(r -> r.policies().stream())
                .mapToLong(p -> p.claims().size()).sum());
        DemoCustomer second = records.stream().filter(r -> r.duplicateOf() != null && !r.policies().isEmpty()).findFirst()
                .orElseThrow();
        assertThat(jdbc.sql("""
                        SELECT COUNT(*) FROM policy p JOIN customer c ON c.id = p.customer_id WHERE c.customer_no = :no""")
                .param("no", second.customerNo()).query(Long.class).single()).isEqualTo(second.policies().size());
    }

}
