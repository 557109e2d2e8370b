package io.decisioning.service.duelist;

import static org.assertj.core.api.Assertions.assertThat;

import io.decisioning.service.ApiClient;
import io.decisioning.service.ApiClient.Response;
import io.decisioning.service.customer.CrmFixtures;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import tools.jackson.databind.json.JsonMapper;

/**
 * A small book of CRM rows for due-list tests, in a branch of its own ({@link #branch}, and its sub-branch
 * {@link #subBranch}) so that a test reads its own items out of a month's list however many other tests wrote into
 * the same database: customers with account managers, policies, instalments of the CRM's premium schedule, and the
 * assessment columns the retention pack fills (tier, churn score, reasons), written directly.
 */
final class DueBook {

    /** The password of the users made here. */
    static final String PASSWORD = "a long passphrase";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    final JdbcClient jdbc;
    final CrmFixtures crm;
    /** A branch no other test uses, e.g. "TAB12CD34EF7". */
    final String branch;
    /** Its one sub-branch, e.g. "TAB12CD34EF7-SZ". */
    final String subBranch;

    DueBook(JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.crm = new CrmFixtures(jdbc);
        this.branch = CrmFixtures.uniquePrefix().replace("-", "");
        this.subBranch = branch + "-SZ";
    }

    /** The month {@code months} after the current one in the service's zone. */
    static YearMonth monthsAhead(int months) {
        return YearMonth.now(ZoneId.of("Asia/Shanghai")).plusMonths(months);
    }

    /** An account-manager code unique to this book: "am.<branch>.<n>". */
    String manager(int n) {
        return "am." + branch.toLowerCase(Locale.ROOT) + "." + n;
    }

    /** A person of {@code branchCode} managed by {@code manager} (or nobody), named {@code name}; its id. */
    long customer(String branchCode, @Nullable String manager, String name) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                        INSERT INTO customer (customer_no, customer_type, name, id_type, id_number, birth_date, phone,
                                              branch_code, account_manager, created_at)
                        VALUES (:no, 'PERSON', :name, 'OTHER', :idNumber, '1980-01-01', :phone, :branch, :manager, :at)
                        """)
                .param("no", CrmFixtures.uniqueNumber()).param("name", name).param("idNumber", CrmFixtures.uniqueNumber())
                .param("phone", CrmFixtures.uniquePhone()).param("branch", branchCode).param("manager", manager)
                .param("at", LocalDateTime.of(2020, 1, 1, 9, 0))
                .update(key, "id");
        return Objects.requireNonNull(key.getKey()).longValue();
    }

    /** A policy of the customer from a year before {@code end} to {@code end}; its id. */
    long policy(long customerId, String status, LocalDate end, String premium) {
        return crm.policy(customerId, status, end.minusYears(1), end, premium);
    }

    /** An instalment of the CRM's premium schedule; its id. */
    long installment(long policyId, long customerId, int no, LocalDate dueDate, String amount, String status) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                        INSERT INTO premium_due (policy_id, customer_id, installment_no, due_date, amount, status, paid_at)
                        VALUES (:policy, :customer, :no, :due, :amount, :status, NULL)
                        """)
                .param("policy", policyId).param("customer", customerId).param("no", no).param("due", dueDate)
                .param("amount", new BigDecimal(amount)).param("status", status)
                .update(key, "id");
        return Objects.requireNonNull(key.getKey()).longValue();
    }

    /**
     * The customer's stored assessment with this tier, churn score and reasons (the columns the retention pack fills;
     * null reasons are none), as an evaluation would have left it.
     */
    void assessment(long customerId, String tier, @Nullable Integer churnScore, @Nullable List<String> reasons) {
        jdbc.sql("""
                        INSERT INTO assessment (customer_id, customer_no, grade, tier, vip, value_score, risk_score, blacklisted,
                                                decision, rule_packs, outcome_hash, content_hash, evaluated_at, eval_trigger,
                                                churn_score, retention_reasons)
                        SELECT id, customer_no, 'STANDARD', :tier, FALSE, 50, 10, FALSE, 'ACCEPT', '{}', REPEAT('0', 64),
                               REPEAT('0', 64), CURRENT_TIMESTAMP(3), 'MANUAL', :churn, :reasons
                          FROM customer WHERE id = :id
                        ON DUPLICATE KEY UPDATE tier = VALUES(tier), churn_score = VALUES(churn_score),
                            retention_reasons = VALUES(retention_reasons)
                        """)
                .param("id", customerId).param("tier", tier).param("churn", churnScore)
                .param("reasons", reasons == null ? null : JSON.writeValueAsString(reasons))
                .update();
    }

    /** Puts the customer's record in party {@code partyNo}, alone, as a resolution would. */
    void party(long customerId, long partyNo) {
        jdbc.sql("""
                        INSERT INTO party_member (customer_id, party_no, primary_customer_id, records, link, evidence, linked_at)
                        VALUES (:id, :party, :id, 1, 'ALONE', NULL, CURRENT_TIMESTAMP(3))
                        """)
                .param("id", customerId).param("party", partyNo).update();
    }

    String customerNo(long customerId) {
        return crm.customerNo(customerId);
    }

    String policyNo(long policyId) {
        return jdbc.sql("SELECT policy_no FROM policy WHERE id = :id").param("id", policyId).query(String.class).single();
    }

    /** Adds a user with these roles and branch (password {@link #PASSWORD}) through the API; the user's name. */
    static String user(ApiClient api, String username, String branchCode, String... roles) {
        Response created = api.post("/api/v1/users", """
                {"username": "%s", "password": "%s", "roles": [%s], "branchCode": "%s"}
                """.formatted(username, PASSWORD, String.join(",", List.of(roles).stream().map(r -> "\"" + r + "\"").toList()),
                branchCode), "admin");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return username;
    }
}
