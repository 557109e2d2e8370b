package io.decisioning.service.retention;

import static org.assertj.core.api.Assertions.assertThat;

import io.decisioning.service.system.DatabaseTest;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The retention figures read only the instalments that can count, through V21's indexes, for a night's range of
 * customers and for a list alike: a range per status (or of late payments) and set of customers, never the
 * customers' whole schedules, which grow with every year of paid instalments (BENCHMARKS.md, "Retention in the
 * nightly run", for the figures over a million customers).
 */
@DatabaseTest
class RetentionFactsPlanTests {

    @Autowired
    JdbcClient jdbc;

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aNightsRangeOfCustomersIsReadThroughTheOpenAndTheLateIndexes(boolean past) {
        List<Map<String, Object>> plan = explain("customer_id BETWEEN 1 AND 1000", past);

        assertThat(plan).extracting(row -> row.get("table") + " " + row.get("type") + " " + row.get("key"))
                .containsExactly("premium_due range ix_premium_due_open", "premium_due range ix_premium_due_late");
    }

    @Test
    void aListOfCustomersIsReadThroughTheSameIndexes() {
        List<Map<String, Object>> plan = explain("(customer_id = 7 OR customer_id BETWEEN 20 AND 22 OR customer_id = 90)", false);

        assertThat(plan).extracting(row -> row.get("table") + " " + row.get("type") + " " + row.get("key"))
                .containsExactly("premium_due range ix_premium_due_open", "premium_due range ix_premium_due_late");
    }

    private List<Map<String, Object>> explain(String customers, boolean past) {
        LocalDate d = LocalDate.of(2026, 12, 5);
        return jdbc.sql("EXPLAIN " + RetentionFacts.figures(customers, past))
                .param("d", d)
                .param("dNext", d.plusDays(1).atStartOfDay())
                .param("d30", d.minusDays(30))
                .param("d12m", d.minusMonths(12))
                .query()
                .listOfRows()
                .stream()
                .filter(row -> row.get("table") != null && !String.valueOf(row.get("table")).startsWith("<union"))
                .toList();
    }
}
