package io.decisioning.service.system;

import static io.decisioning.service.system.Role.ACCOUNT_MANAGER;
import static io.decisioning.service.system.Role.ADMIN;
import static io.decisioning.service.system.Role.ANALYST;
import static io.decisioning.service.system.Role.APPROVER;
import static io.decisioning.service.system.Role.AUDITOR;
import static io.decisioning.service.system.Role.INTEGRATION;
import static io.decisioning.service.system.Role.METRICS;
import static io.decisioning.service.system.Role.UNDERWRITER;
import static org.assertj.core.api.Assertions.assertThat;

import io.decisioning.service.ApiClient;
import io.decisioning.service.ApiClient.Response;
import io.decisioning.service.customer.CrmFixtures;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.api.SoftAssertions;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.server.PathContainer;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Who may call what, over real HTTP: every API endpoint the application maps, called as each role's
 * demo user and as nobody. The {@link #MATRIX} below is the expected answer, written out from
 * DESIGN.md section 6 and {@link SecurityConfiguration}; an endpoint added without a row here (and
 * so, likely, without a rule there) fails the build.
 *
 * <p>Each row carries a harmless request: an unknown id or customer, or a body that fails validation,
 * so a role that passes security gets 400, 404 or 409 and nothing changes. "Allowed" means any
 * answer but 401 and 403; "denied" means exactly 403; nobody signed in gets 401 everywhere but on {@link #OPEN}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RoleMatrixTests {

    /** The demo user of each role (password "demo"). */
    private static final Map<Role, String> USERS = Map.of(UNDERWRITER, "underwriter", ANALYST, "analyst",
            APPROVER, "approver", ADMIN, "admin", AUDITOR, "auditor", INTEGRATION, "crm", ACCOUNT_MANAGER, "am.gdsz.03", METRICS, "prometheus");

    /** Path variables of the harmless requests: things that do not exist, or the shipped pack's first version. */
    private static final Map<String, String> UNKNOWN = Map.of(
            "customerNo", CrmFixtures.uniqueNumber(),
            "id", Long.toString(Long.MAX_VALUE),
            "partyNo", Long.toString(Long.MAX_VALUE),
            "eventId", "no-such-event",
            "username", "no-such-user",
            "name", "grading",
            "version", "1",
            "file", "grade-thresholds.drl.csv",
            "month", "1999-01",
            "code", "no-such-manager");

    /** A body that names a field no request has: 400 before anything runs. */
    private static final String UNKNOWN_FIELD = "{\"noSuchField\": true}";

    /** Everyone who reads customers, warnings, the blacklist and batch runs. */
    private static final Role[] READERS = {UNDERWRITER, ANALYST, APPROVER, ADMIN};

    /**
     * The expected matrix: method and path as mapped, the roles allowed through, and the harmless
     * request. Rows marked "beyond section 6" grant more than DESIGN.md section 6 spells out.
     */
    private static final List<Endpoint> MATRIX = List.of(
            // check
            post("/api/v1/checks/pre-bind", "{}", UNDERWRITER, ADMIN),
            // customer
            get("/api/v1/customers", READERS),
            get("/api/v1/customers/{customerNo}", READERS),
            get("/api/v1/customers/{customerNo}/assessment", READERS),
            get("/api/v1/customers/{customerNo}/assessments", READERS),
            post("/api/v1/customers/{customerNo}/evaluate", null, UNDERWRITER, APPROVER, ADMIN),   // approver: beyond section 6
            // event (INTEGRATION is the CRM's role, an addition to section 6)
            post("/api/v1/events", "{}", INTEGRATION, ADMIN),
            post("/api/v1/events/batch", "{}", INTEGRATION, ADMIN),
            get("/api/v1/events", INTEGRATION, ANALYST, ADMIN),
            get("/api/v1/events/{eventId}", INTEGRATION, ANALYST, ADMIN),
            post("/api/v1/events/{eventId}/retry", null, ADMIN),
            // warning
            get("/api/v1/warnings", READERS),
            get("/api/v1/warnings/{id}", READERS),
            post("/api/v1/warnings/{id}/acknowledge", "{}", APPROVER, ADMIN),
            post("/api/v1/warnings/{id}/resolve", "{}", APPROVER, ADMIN),
            // blacklist (underwriter reads: beyond section 6)
            get("/api/v1/blacklist", READERS),
            get("/api/v1/blacklist/{id}", READERS),
            post("/api/v1/blacklist", "{}", APPROVER, ADMIN),
            post("/api/v1/blacklist/{id}/lift", "{}", APPROVER, ADMIN),
            // identity (DESIGN.md section 10): a customer's party, the review queue, merge, reject, split
            get("/api/v1/customers/{customerNo}/party", READERS),
            get("/api/v1/customers/{customerNo}/party/policies", READERS),   // the party's policies and claims: beyond section 10
            get("/api/v1/identity/candidates", ANALYST, APPROVER, ADMIN),
            post("/api/v1/identity/candidates/{id}/merge", "{}", APPROVER, ADMIN),
            post("/api/v1/identity/candidates/{id}/reject", "{}", APPROVER, ADMIN),
            post("/api/v1/parties/{partyNo}/split", "{}", APPROVER, ADMIN),
            // batch (underwriter and approver read: beyond section 6); a start is refused with 409, see below
            post("/api/v1/batch-runs", null, ADMIN),
            get("/api/v1/batch-runs", READERS),
            get("/api/v1/batch-runs/{id}", READERS),
            // rulepack
            get("/api/v1/rule-packs", ANALYST, APPROVER, ADMIN),
            get("/api/v1/rule-packs/nodes", ANALYST, APPROVER, ADMIN),
            get("/api/v1/rule-packs/{name}/versions/{version}", ANALYST, APPROVER, ADMIN),
            get("/api/v1/rule-packs/{name}/versions/{version}/simulation", ANALYST, APPROVER, ADMIN),
            get("/api/v1/rule-packs/{name}/versions/{version}/files/{file}/grid", ANALYST, APPROVER, ADMIN),
            get("/api/v1/rule-packs/{name}/versions/{version}/files/{file}", ANALYST, APPROVER, ADMIN),
            get("/api/v1/rule-packs/{name}/versions/{version}/export", ANALYST, APPROVER, ADMIN),
            get("/api/v1/rule-packs/{name}/versions/{version}/simulation/changes", ANALYST, APPROVER, ADMIN),
            post("/api/v1/rule-packs/{name}/versions/import", "{}", ANALYST, ADMIN),   // JSON is not a zip: 415
            get("/api/v1/rule-packs/{name}/versions/{version}/backtest", ANALYST, APPROVER, ADMIN),
            post("/api/v1/rule-packs/{name}/versions", "{}", ANALYST, ADMIN),
            post("/api/v1/rule-packs/{name}/versions/{version}/test", UNKNOWN_FIELD, ANALYST, ADMIN),
            post("/api/v1/rule-packs/{name}/versions/{version}/simulate", null, ANALYST, ADMIN)
                    .probing("/api/v1/rule-packs/grading/versions/0/simulate"),
            post("/api/v1/rule-packs/{name}/versions/{version}/backtest", "{}", ANALYST, ADMIN),
            post("/api/v1/rule-packs/{name}/versions/{version}/publish", null, APPROVER, ADMIN)
                    .probing("/api/v1/rule-packs/grading/versions/0/publish"),
            post("/api/v1/rule-packs/{name}/rollback", UNKNOWN_FIELD, APPROVER, ADMIN),
            // due lists (DESIGN.md section 11; ACCOUNT_MANAGER of section 12 for their own items); a month 1999-01 is a 400
            get("/api/v1/due-lists", ANALYST, APPROVER, ADMIN, ACCOUNT_MANAGER),
            get("/api/v1/due-lists/{month}", ANALYST, APPROVER, ADMIN, ACCOUNT_MANAGER),
            post("/api/v1/due-lists/{month}", null, ADMIN),
            post("/api/v1/due-lists/{month}/items/{id}/outcome", "{}", ACCOUNT_MANAGER, APPROVER, ADMIN),
            // account managers, contacts, proposals (DESIGN.md section 12)
            get("/api/v1/account-managers", UNDERWRITER, ANALYST, APPROVER, ADMIN, ACCOUNT_MANAGER),
            get("/api/v1/account-managers/{code}", UNDERWRITER, ANALYST, APPROVER, ADMIN, ACCOUNT_MANAGER),
            get("/api/v1/account-managers/{code}/book", UNDERWRITER, ANALYST, APPROVER, ADMIN, ACCOUNT_MANAGER),
            get("/api/v1/reports/visits", ANALYST, APPROVER, ADMIN),
            get("/api/v1/complaints", UNDERWRITER, ANALYST, APPROVER, ADMIN),
            get("/api/v1/customers/{customerNo}/complaints", UNDERWRITER, ANALYST, APPROVER, ADMIN),
            get("/api/v1/reports/complaints", ANALYST, APPROVER, ADMIN),
            post("/api/v1/account-managers", "{}", ADMIN),
            put("/api/v1/account-managers/{code}", "{}", ADMIN),
            get("/api/v1/customers/{customerNo}/contacts", UNDERWRITER, ANALYST, APPROVER, ADMIN, ACCOUNT_MANAGER, INTEGRATION),
            post("/api/v1/customers/{customerNo}/contacts", "{}", ACCOUNT_MANAGER, INTEGRATION, ADMIN),
            get("/api/v1/assignment-proposals", APPROVER, ADMIN),
            get("/api/v1/assignment-proposals/unplaced", APPROVER, ADMIN),
            post("/api/v1/assignment-proposals/{id}/accept", null, APPROVER, ADMIN),
            post("/api/v1/assignment-proposals/{id}/reject", "{}", APPROVER, ADMIN),
            // user
            get("/api/v1/sign-in", Role.values()),
            get("/api/v1/me", Role.values()),
            get("/api/v1/dashboard", READERS),
            get("/api/v1/users", ADMIN),
            get("/api/v1/users/{username}", ADMIN),
            post("/api/v1/users", "{}", ADMIN),
            put("/api/v1/users/{username}", "{}", ADMIN),
            post("/api/v1/users/{username}/password", "{}", ADMIN),
            post("/api/v1/users/{username}/unlock", null, ADMIN).probing("/api/v1/users/no.such.user/unlock"),
            post("/api/v1/me/password", "{}", Role.values()),
            // audit
            get("/api/v1/audit", AUDITOR, ADMIN));

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    ApiClient api;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
    }

    @Test
    void everyApiEndpointTheApplicationMapsHasARowInTheMatrixAndEveryRowIsMapped() {
        Set<String> mapped = new TreeSet<>();
        mappings.getHandlerMethods().keySet().forEach(info -> mapped.addAll(endpoints(info)));
        mapped.removeIf(endpoint -> !endpoint.contains(" /api/"));
        Set<String> inMatrix = new TreeSet<>(MATRIX.stream().map(Endpoint::key).toList());

        SoftAssertions softly = new SoftAssertions();
        softly.assertThat(mapped).as("mapped API endpoints without a row in the matrix (give each a rule in "
                + "SecurityConfiguration and a row here)").isSubsetOf(inMatrix);
        softly.assertThat(inMatrix).as("rows of the matrix that the application does not map").isSubsetOf(mapped);
        softly.assertThat(MATRIX.stream().map(Endpoint::key)).as("rows given twice").doesNotHaveDuplicates();
        softly.assertAll();
    }

    @Test
    void theMatrixHasADemoUserForEveryRoleAndEveryRequestMatchesItsRow() {
        assertThat(USERS.keySet()).containsExactlyInAnyOrderElementsOf(EnumSet.allOf(Role.class));
        for (Endpoint endpoint : MATRIX) {
            String path = endpoint.probe().replaceFirst("\\?.*", "");
            assertThat(PathPatternParser.defaultInstance.parse(endpoint.path()).matches(PathContainer.parsePath(path)))
                    .as(endpoint.probe() + " is a request to " + endpoint.key())
                    .isTrue();
        }
    }

    @Test
    void eachRoleGetsThroughWhereTheMatrixAllowsAndIs403EverywhereElse() {
        boolean blocking = blockBatchRuns();
        try {
            SoftAssertions softly = new SoftAssertions();
            for (Endpoint endpoint : MATRIX) {
                for (Role role : Role.values()) {
                    Response response = call(endpoint, USERS.get(role));
                    String what = role + " " + endpoint.key() + " -> " + response;
                    if (endpoint.allowed().contains(role)) {
                        softly.assertThat(response.status()).as(what).isNotIn(401, 403);
                        if (!endpoint.method().equals("GET")) {
                            softly.assertThat(response.status()).as(what + " (the request must be harmless)")
                                    .isBetween(400, 499);
                        }
                    } else {
                        softly.assertThat(response.status()).as(what).isEqualTo(403);
                        softly.assertThat(response.contentType()).as(what).startsWith("application/problem+json");
                    }
                }
            }
            softly.assertAll();
        } finally {
            if (blocking) {
                unblockBatchRuns();
            }
        }
    }

    /** The API's one endpoint for nobody signed in: how to sign in, asked by the sign-in page. */
    private static final Set<String> OPEN = Set.of("GET /api/v1/sign-in");

    @Test
    void nobodySignedInIs401OnEveryApiEndpoint() {
        SoftAssertions softly = new SoftAssertions();
        for (Endpoint endpoint : MATRIX) {
            Response response = call(endpoint, null);
            if (OPEN.contains(endpoint.key())) {
                softly.assertThat(response.status()).as(endpoint.key() + " -> " + response).isEqualTo(200);
                continue;
            }
            softly.assertThat(response.status()).as(endpoint.key() + " -> " + response).isEqualTo(401);
            softly.assertThat(response.contentType()).as(endpoint.key()).startsWith("application/problem+json");
        }
        softly.assertAll();
    }

    private Response call(Endpoint endpoint, @Nullable String user) {
        return switch (endpoint.method()) {
            case "GET" -> api.get(endpoint.probe(), user);
            case "POST" -> api.post(endpoint.probe(), endpoint.body(), user);
            case "PUT" -> api.put(endpoint.probe(), endpoint.body() == null ? "" : endpoint.body(), user);
            default -> throw new IllegalArgumentException("No request for " + endpoint.key());
        };
    }

    /**
     * Marks a batch run as running, as another node would, so that an admin's start is refused with
     * 409 instead of running over the book. Phase PARTITIONED with no partitions: no node's
     * supervisor schedules work for it. False when a run is running already (the start is refused
     * just the same).
     */
    private boolean blockBatchRuns() {
        return jdbc.sql("""
                        INSERT IGNORE INTO batch_run (status, phase, run_trigger, requested_by, as_of_date, started_at, running)
                        VALUES ('RUNNING', 'PARTITIONED', 'MANUAL', 'role-matrix-test', CURRENT_DATE, CURRENT_TIMESTAMP(3), 1)
                        """).update() == 1;
    }

    private void unblockBatchRuns() {
        jdbc.sql("""
                        UPDATE batch_run SET status = 'FAILED', phase = 'FINISHED', running = NULL
                         WHERE running = 1 AND requested_by = 'role-matrix-test'
                        """).update();
    }

    /** "METHOD /path" for each method and path of a mapping; "ANY /path" for a mapping without methods. */
    private static List<String> endpoints(RequestMappingInfo info) {
        Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
        List<String> endpoints = new ArrayList<>();
        for (String path : info.getPatternValues()) {
            if (methods.isEmpty()) {
                endpoints.add("ANY " + path);
            }
            methods.forEach(method -> endpoints.add(method.name() + " " + path));
        }
        return endpoints;
    }

    private static Endpoint get(String path, Role... allowed) {
        return new Endpoint("GET", path, Set.of(allowed), null, null);
    }

    private static Endpoint post(String path, @Nullable String body, Role... allowed) {
        return new Endpoint("POST", path, Set.of(allowed), body, null);
    }

    private static Endpoint put(String path, String body, Role... allowed) {
        return new Endpoint("PUT", path, Set.of(allowed), body, null);
    }

    /**
     * A row of the matrix.
     *
     * @param probePath the request's path when the path with {@link #UNKNOWN} values would not be
     *                  harmless; null for that default
     */
    private record Endpoint(String method, String path, Set<Role> allowed, @Nullable String body,
                            @Nullable String probePath) {

        private static final Pattern VARIABLE = Pattern.compile("\\{(\\w+)}");

        Endpoint probing(String path) {
            return new Endpoint(method, this.path, allowed, body, path);
        }

        String key() {
            return method + " " + path;
        }

        /** The path to call: {@link #probePath}, or the mapped path with its variables filled in. */
        String probe() {
            if (probePath != null) {
                return probePath;
            }
            Matcher variable = VARIABLE.matcher(path);
            StringBuilder probe = new StringBuilder();
            while (variable.find()) {
                String value = UNKNOWN.get(variable.group(1));
                if (value == null) {
                    throw new IllegalStateException("No value for {" + variable.group(1) + "} of " + key());
                }
                variable.appendReplacement(probe, Matcher.quoteReplacement(value));
            }
            return variable.appendTail(probe).toString();
        }
    }
}
