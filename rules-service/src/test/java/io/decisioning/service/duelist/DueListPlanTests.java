package io.decisioning.service.duelist;

import static org.assertj.core.api.Assertions.assertThat;

import io.decisioning.service.system.DatabaseTest;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The statements that write a due list read one month of the CRM's tables through the month indexes (V18, V22), never
 * the tables whole: those grow with years of history, a month's instalments and renewals do not (BENCHMARKS.md,
 * "Monthly due lists", for the figures over a million customers).
 */
@DatabaseTest
class DueListPlanTests {

    @Autowired
    JdbcClient jdbc;

    /**
     * The month's instalments come from the month index alone (V22: "Using index", not "Using index condition", which
     * would go to each row in the table): a month's rows are spread over the whole table.
     */
    @Test
    void theMonthsInstalmentsAreReadFromTheMonthIndexAloneAndEverythingElseByPrimaryKey() {
        List<Map<String, Object>> plan = explain(DueListRepository.INSTALLMENTS);

        assertThat(plan).extracting(row -> row.get("table") + " " + row.get("key")).containsExactly(
                "d ix_premium_due_month", "p PRIMARY", "c PRIMARY", "a PRIMARY", "pm PRIMARY");
        assertThat(plan.get(0).get("type")).isEqualTo("range");
        assertThat(String.valueOf(plan.get(0).get("Extra")).split(";\\s*")).contains("Using index");
    }

    @Test
    void theRenewalsAreReadThroughTheEndDateIndexAndEverythingElseByPrimaryKey() {
        List<Map<String, Object>> plan = explain(DueListRepository.RENEWALS);

        assertThat(plan).extracting(row -> row.get("table") + " " + row.get("key")).containsExactly(
                "p ix_policy_end_date", "c PRIMARY", "a PRIMARY", "pm PRIMARY");
        assertThat(plan.get(0).get("type")).isEqualTo("range");
    }

    private List<Map<String, Object>> explain(String statement) {
        YearMonth month = YearMonth.of(2027, 1);
        return jdbc.sql("EXPLAIN " + statement)
                .param("month", month.toString())
                .param("generation", 1)
                .param("first", month.atDay(1))
                .param("end", month.plusMonths(1).atDay(1))
                .query()
                .listOfRows()
                .stream()
                .filter(row -> !"due_list_item".equals(row.get("table")))   // MySQL 8 lists the table written as well
                .toList();
    }
}
