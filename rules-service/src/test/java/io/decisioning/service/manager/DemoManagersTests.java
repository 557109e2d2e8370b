package io.decisioning.service.manager;

import static org.assertj.core.api.Assertions.assertThat;

import io.decisioning.service.ApiClient;
import io.decisioning.service.Await;
import io.decisioning.service.demo.DemoBooks;
import io.decisioning.service.demo.DemoData;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The account-manager system on the demo book (DESIGN.md section 12), as a newcomer's service starts: the demo register
 * (every level, one manager who left, one on leave, some at capacity, a code the register does not know), a year of
 * contacts, and the target after a nightly run: every PLATINUM and GOLD customer has an ACTIVE manager, or an
 * open NO_ACCOUNT_MANAGER warning and either a PENDING proposal or a place in the unplaced list.
 *
 * <p>The same configuration as {@code DemoDueListTests}, so that both share one service and its demo book. Not for a
 * shared database: the demo book is generated only into an empty CRM (.ci/run leaves it out of the MariaDB 10.11 run).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"rules.demo.data=10000", "rules.demo.duplicates=0.03"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DemoManagersTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DemoData demoData;

    ApiClient api;

    @BeforeAll
    void runTheNight() {
        assertThat(demoData.generatedAtStartup()).as("the demo book is generated into an empty CRM at start-up").isTrue();
        api = new ApiClient(port);
        DemoBooks.runTheNight(api);
        // the proposals follow the run's commit, on the node that finished it
        Await.until(Duration.ofMinutes(5),
                () -> jdbc.sql("SELECT COUNT(*) FROM assignment_proposal").query(Long.class).single() > 0);
    }

    @Test
    void theDemoRegisterHasManagersOfEveryLevelOneWhoLeftSomeAtCapacityAndAYearOfContacts() {
        List<JsonNode> managers = api.getJson("/api/v1/account-managers", "admin").valueStream().toList();
        assertThat(managers).hasSizeGreaterThan(150);
        assertThat(managers.stream().map(m -> m.get("level").asString()).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder("TRAINEE", "JUNIOR", "REGULAR", "SENIOR", "PRINCIPAL");
        assertThat(managers).filteredOn(m -> m.get("status").asString().equals("LEFT")).extracting(m -> m.get("code").asString())
                .containsExactly("am.gdsz.12");
        assertThat(managers).filteredOn(m -> m.get("code").asString().endsWith(".05")).hasSize(14)
                .allSatisfy(m -> assertThat(m.get("capacity").asLong()).as("at capacity: %s", m)
                        .isEqualTo(Math.max(1, m.get("customers").asLong())));
        Map<String, Object> contacts = jdbc.sql("""
                        SELECT COUNT(*) AS contacts, COUNT(DISTINCT kind) AS kinds, MIN(occurred_at) AS first,
                               MAX(occurred_at) AS last FROM customer_contact""").query().singleRow();
        assertThat(((Number) contacts.get("contacts")).longValue()).isGreaterThan(500);
        assertThat(((Number) contacts.get("kinds")).longValue()).isEqualTo(4);
        // every customer whose manager the register does not know reads UNKNOWN
        assertThat(jdbc.sql("""
                        SELECT COUNT(*) FROM customer c JOIN assessment_detail d ON d.customer_id = c.id
                         WHERE c.account_manager = 'am.sccd.12' AND JSON_VALUE(d.profile, '$.managerStatus') <> 'UNKNOWN'
                           AND JSON_VALUE(d.profile, '$.partyRecords') = 1""").query(Long.class).single()).isZero();
    }

    @Test
    void everyVipHasAnActiveManagerOrAnOpenWarningAndAPendingProposalOrAPlaceAmongTheUnplaced() {
        Set<String> unplaced = api.getJson("/api/v1/assignment-proposals/unplaced", "admin").valueStream()
                .map(u -> u.get("customerNo").asString()).collect(Collectors.toSet());
        // a customer is a party (DESIGN.md section 10): its manager is the party's, its warnings under the primary record
        List<Map<String, Object>> vips = jdbc.sql("""
                        SELECT c.customer_no, JSON_VALUE(d.profile, '$.managerStatus') AS manager_status,
                               EXISTS (SELECT 1 FROM warning w
                                        WHERE w.customer_id = COALESCE(pm.primary_customer_id, c.id)
                                          AND w.type = 'NO_ACCOUNT_MANAGER' AND w.status IN ('OPEN', 'ACKNOWLEDGED')) AS warned,
                               (SELECT GROUP_CONCAT(o.customer_no) FROM customer o
                                  LEFT JOIN party_member om ON om.customer_id = o.id
                                 WHERE o.id = c.id OR om.party_no = pm.party_no) AS records,
                               EXISTS (SELECT 1 FROM assignment_proposal p
                                         LEFT JOIN party_member ppm ON ppm.customer_id = p.customer_id
                                        WHERE p.status = 'PENDING'
                                          AND (p.customer_id = c.id OR ppm.party_no = pm.party_no)) AS pending
                          FROM assessment a JOIN customer c ON c.id = a.customer_id
                          JOIN assessment_detail d ON d.customer_id = a.customer_id
                          LEFT JOIN party_member pm ON pm.customer_id = c.id
                         WHERE a.tier IN ('PLATINUM', 'GOLD')""").query().listOfRows();

        assertThat(vips).hasSizeGreaterThan(50);
        assertThat(vips).filteredOn(v -> !"ACTIVE".equals(v.get("manager_status"))).as("some VIPs need a manager")
                .isNotEmpty();
        assertThat(vips).allSatisfy(v -> {
            if (!"ACTIVE".equals(v.get("manager_status"))) {
                assertThat(((Number) v.get("warned")).intValue()).as("NO_ACCOUNT_MANAGER open for %s", v).isEqualTo(1);
                boolean placed = List.of(((String) v.get("records")).split(",")).stream().anyMatch(unplaced::contains);
                assertThat(((Number) v.get("pending")).intValue() == 1 || placed)
                        .as("a PENDING proposal or unplaced: %s", v).isTrue();
            }
        });
        // the proposals never put a manager over capacity, below the tier's level or outside the customer's branch tree
        assertThat(jdbc.sql("""
                        SELECT COUNT(*) FROM assignment_proposal p
                          JOIN customer c ON c.id = p.customer_id JOIN account_manager m ON m.code = p.to_manager
                          JOIN assessment a ON a.customer_id = c.id
                         WHERE p.status = 'PENDING'
                           AND (m.status <> 'ACTIVE'
                                OR a.tier = 'PLATINUM' AND m.level NOT IN ('SENIOR', 'PRINCIPAL')
                                OR a.tier = 'GOLD' AND m.level IN ('TRAINEE', 'JUNIOR')
                                OR NOT (c.branch_code = m.branch_code OR c.branch_code LIKE CONCAT(m.branch_code, '-%')
                                        OR m.branch_code = 'HQ'))""").query(Long.class).single()).isZero();
        assertThat(jdbc.sql("""
                        SELECT COUNT(*) FROM account_manager m
                         WHERE (SELECT COUNT(*) FROM assignment_proposal p WHERE p.to_manager = m.code AND p.status = 'PENDING')
                               > GREATEST(0, m.capacity - (SELECT COUNT(*) FROM customer c WHERE c.account_manager = m.code))
                        """).query(Long.class).single()).as("no manager over capacity by the proposals").isZero();
    }
}
