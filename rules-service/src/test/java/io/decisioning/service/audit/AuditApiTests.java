package io.decisioning.service.audit;

import static io.decisioning.service.Pages.items;
import static org.assertj.core.api.Assertions.assertThat;

import io.decisioning.service.ApiClient;
import io.decisioning.service.ApiClient.Response;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The audit API over real HTTP, against the real database: user changes made through the API
 * appear in the trail with who, when and what, filtered and paged, for auditors and admins only.
 * Each test filters on targets of its own (the database is shared with other test classes).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AuditApiTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    AuditTrail audit;

    ApiClient api;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
    }

    @Test
    void everyUserChangeIsInTheTrailNewestFirstWithItsDetail() {
        String name = userWithThreeChanges();

        JsonNode page = list("targetType=USER&targetId=" + name, "auditor");

        assertThat(page.get("total").asLong()).isEqualTo(3);
        List<JsonNode> items = items(page);
        assertThat(items).extracting(item -> item.get("action").asString())
                .containsExactly("USER_PASSWORD", "USER_UPDATE", "USER_CREATE");
        assertThat(items).extracting(item -> item.get("id").asLong()).isSortedAccordingTo((a, b) -> Long.compare(b, a));
        for (JsonNode item : items) {
            assertThat(item.propertyNames())
                    .containsExactlyInAnyOrder("id", "occurredAt", "actor", "action", "targetType", "targetId", "detail");
            assertThat(item.get("actor").asString()).isEqualTo("admin");
            assertThat(item.get("targetType").asString()).isEqualTo("USER");
            assertThat(item.get("targetId").asString()).isEqualTo(name);
            assertThat(Instant.parse(item.get("occurredAt").asString())).isBetween(
                    Instant.now().minus(5, ChronoUnit.MINUTES), Instant.now().plusSeconds(5));
            assertThat(item.get("detail").isObject()).as(item.toString()).isTrue();
        }
        JsonNode created = items.get(2).get("detail");
        assertThat(created.get("roles").valueStream().map(JsonNode::asString)).containsExactly("UNDERWRITER");
        assertThat(created.get("branchCode").asString()).isEqualTo("GD");
        assertThat(created.get("enabled").asBoolean()).isTrue();
        JsonNode updated = items.get(1).get("detail");
        assertThat(updated.get("from").get("roles").valueStream().map(JsonNode::asString)).containsExactly("UNDERWRITER");
        assertThat(updated.get("to").get("roles").valueStream().map(JsonNode::asString)).containsExactly("ANALYST");
        assertThat(updated.get("from").get("branchCode").asString()).isEqualTo("GD");
        assertThat(updated.get("to").get("branchCode").asString()).isEqualTo("GD-SZ");
        assertThat(updated.get("to").get("enabled").asBoolean()).isFalse();
        assertThat(items.get(0).get("detail").isEmpty()).as("no password or hash").isTrue();

        assertThat(list("targetId=" + name, "admin")).isEqualTo(page);
        String hash = jdbc.sql("SELECT password_hash FROM app_user WHERE username = :name").param("name", name)
                .query(String.class).single();
        assertThat(api.get("/api/v1/audit?targetId=" + name, "auditor").body())
                .doesNotContain("a long enough password", "another long password", hash, "$2a$", "hash");
    }

    @Test
    void aUserMadeAuditorReadsTheTrailWithTheirNextRequest() {
        String name = "t-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(api.post("/api/v1/users", """
                {"username": "%s", "password": "a long enough password", "roles": ["UNDERWRITER"], "branchCode": "HQ"}
                """.formatted(name), "admin").status()).isEqualTo(201);
        ApiClient asUser = api.withPassword("a long enough password");
        assertThat(asUser.get("/api/v1/audit?targetId=" + name, name).status()).isEqualTo(403);

        assertThat(api.put("/api/v1/users/" + name, """
                {"roles": ["AUDITOR"], "branchCode": "HQ", "enabled": true}""", "admin").status()).isEqualTo(200);

        Response read = asUser.get("/api/v1/audit?targetId=" + name, name);
        assertThat(read.status()).as(read.body()).isEqualTo(200);
        assertThat(read.json().get("total").asLong()).isEqualTo(2);
    }

    @Test
    void theTrailFiltersByActorActionTargetAndTime() {
        String name = userWithThreeChanges();
        List<JsonNode> all = items(list("targetId=" + name, "auditor"));
        Instant created = Instant.parse(all.get(2).get("occurredAt").asString());
        Instant last = Instant.parse(all.get(0).get("occurredAt").asString());

        assertThat(actions("targetId=" + name + "&action=USER_UPDATE")).containsExactly("USER_UPDATE");
        assertThat(actions("targetId=" + name + "&action=USER_DELETE")).isEmpty();
        assertThat(actions("targetId=" + name + "&actor=admin")).hasSize(3);
        assertThat(actions("targetId=" + name + "&actor=auditor")).isEmpty();
        assertThat(actions("targetId=" + name + "&targetType=USER&actor=admin&action=USER_CREATE"))
                .containsExactly("USER_CREATE");
        assertThat(actions("targetId=" + name + "&targetType=WARNING")).isEmpty();
        assertThat(actions("targetId=" + name + "&from=" + at(created))).hasSize(3);
        assertThat(actions("targetId=" + name + "&to=" + at(created))).as("to is excluded").isEmpty();
        // Whole seconds: Connector/J drops the fraction of bound DATETIME(3) values against MariaDB 10.x.
        assertThat(actions("targetId=" + name + "&from=" + at(last.plusSeconds(1)))).isEmpty();
        assertThat(actions("targetId=" + name + "&from=" + at(created) + "&to=" + at(last.plusSeconds(1)))).hasSize(3);
        assertThat(actions("targetId=" + name + "&from=" + at(created.minus(1, ChronoUnit.HOURS)) + "&to="
                + at(created))).isEmpty();
        String withOffset = created.atOffset(ZoneOffset.ofHours(8)).toString();
        assertThat(actions("targetId=" + name + "&from=" + at(withOffset))).hasSize(3);
        assertThat(actions("targetId=" + name + "&action=&actor=")).as("blank filters are none").hasSize(3);

        JsonNode byAction = list("action=USER_PASSWORD&size=500", "auditor");
        assertThat(items(byAction)).extracting(item -> item.get("action").asString()).containsOnly("USER_PASSWORD");
        assertThat(items(byAction)).extracting(item -> item.get("targetId").asString()).contains(name);
    }

    @Test
    void theTrailIsPagedWithTheTotalAndFiftyToAPageByDefault() {
        String target = "paging-" + UUID.randomUUID();
        for (int i = 0; i < 55; i++) {
            recordTestEvent(target, i);
        }

        JsonNode first = list("targetId=" + target, "auditor");
        assertThat(first.get("total").asLong()).isEqualTo(55);
        assertThat(items(first)).hasSize(50);
        assertThat(items(first).get(0).get("detail").get("n").asInt()).isEqualTo(54);
        JsonNode second = list("targetId=" + target + "&page=1", "auditor");
        assertThat(items(second)).hasSize(5);
        assertThat(items(second).get(4).get("detail").get("n").asInt()).isZero();
        assertThat(second.get("total").asLong()).isEqualTo(55);

        List<Integer> paged = new ArrayList<>();
        for (int page = 0; page < 6; page++) {
            JsonNode each = list("targetId=" + target + "&size=10&page=" + page, "auditor");
            assertThat(each.get("total").asLong()).isEqualTo(55);
            items(each).forEach(item -> paged.add(item.get("detail").get("n").asInt()));
        }
        assertThat(paged).hasSize(55).isSortedAccordingTo((a, b) -> Integer.compare(b, a));
        assertThat(items(list("targetId=" + target + "&size=500", "auditor"))).hasSize(55);
        assertThat(items(list("targetId=" + target + "&size=10&page=6", "auditor"))).isEmpty();
        assertThat(items(list("size=500", "admin"))).hasSizeBetween(55, 500);
    }

    @Test
    void onlyAuditorsAndAdminsReadTheTrailAndNobodyChangesIt() {
        String name = userWithThreeChanges();
        long before = records(name);

        assertThat(api.get("/api/v1/audit?targetId=" + name, "auditor").status()).isEqualTo(200);
        assertThat(api.get("/api/v1/audit?targetId=" + name, "admin").status()).isEqualTo(200);
        for (String user : List.of("underwriter", "analyst", "approver", "crm")) {
            Response forbidden = api.get("/api/v1/audit?targetId=" + name, user);
            assertThat(forbidden.status()).as(user).isEqualTo(403);
            assertThat(forbidden.contentType()).startsWith("application/problem+json");
        }
        assertThat(api.get("/api/v1/audit", null).status()).isEqualTo(401);
        for (String user : List.of("admin", "auditor")) {
            assertThat(api.post("/api/v1/audit", "{}", user).status()).as(user).isEqualTo(403);
            assertThat(api.put("/api/v1/audit", "{}", user).status()).as(user).isEqualTo(403);
            assertThat(api.get("/api/v1/audit/1", user).status()).as(user).isEqualTo(403);
        }
        assertThat(records(name)).isEqualTo(before);
    }

    @Test
    void aTargetIdThatReadsLikeSqlIsBoundAsAValue() {
        assertThat(api.get("/api/v1/audit?targetId=x'%20OR%20'1'='1", "auditor").json().get("total").asLong())
                .as("values are bound, never SQL").isZero();
    }

    /** A user created with role UNDERWRITER in GD, then made a disabled ANALYST in GD-SZ, then given a password. */
    private String userWithThreeChanges() {
        String name = "t-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(api.post("/api/v1/users", """
                {"username": "%s", "password": "a long enough password", "roles": ["UNDERWRITER"], "branchCode": "GD"}
                """.formatted(name), "admin").status()).isEqualTo(201);
        assertThat(api.put("/api/v1/users/" + name, """
                {"roles": ["ANALYST"], "branchCode": "GD-SZ", "enabled": false}""", "admin").status()).isEqualTo(200);
        assertThat(api.post("/api/v1/users/" + name + "/password", """
                {"password": "another long password"}""", "admin").status()).isEqualTo(204);
        return name;
    }

    private void recordTestEvent(String target, int n) {
        audit.record("audit-test", "TEST_EVENT", "TEST", target, Map.of("n", n));
    }

    private List<String> actions(String query) {
        return items(list(query, "auditor")).stream().map(item -> item.get("action").asString()).toList();
    }

    private JsonNode list(String query, String user) {
        return api.getJson("/api/v1/audit?" + query, user);
    }

    private long records(String targetId) {
        return jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE target_id = :id").param("id", targetId)
                .query(Long.class).single();
    }

    private static String at(Instant instant) {
        return at(instant.toString());
    }

    private static String at(String instant) {
        return URLEncoder.encode(instant, StandardCharsets.UTF_8);
    }
}
