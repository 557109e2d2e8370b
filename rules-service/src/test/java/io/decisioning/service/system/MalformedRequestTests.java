package io.decisioning.service.system;

import static io.decisioning.service.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.decisioning.service.ApiClient;
import io.decisioning.service.ApiClient.Response;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Requests malformed below the JSON (content type, path) that once failed with a 500 or answered
 * without a problem; found by HostileInputProperties. Each must get a 4xx problem and store nothing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class MalformedRequestTests {

    @LocalServerPort
    int port;

    ApiClient api;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
    }

    @Test
    void aBodyThatSaysMultipartIsRefusedAsAnUnsupportedMediaType() {
        Response response = api.send("POST", "/api/v1/events", "multipart/form-data",
                "{\"eventId\": \"E-1\"}".getBytes(StandardCharsets.UTF_8), "crm");

        assertProblem(response, 415);
    }

    @Test
    void anEndpointWithoutABodyIgnoresAMultipartOne() {
        Response response = api.send("POST", "/api/v1/customers/NO-SUCH-CUSTOMER/evaluate", "multipart/form-data",
                "not multipart".getBytes(StandardCharsets.UTF_8), "underwriter");

        assertProblem(response, 404);
    }

    @Test
    void aWildcardContentTypeIsRefusedAsAnUnsupportedMediaType() {
        for (String contentType : new String[] {"*/*", "application/*", "application/json; charset=no-such-charset"}) {
            Response response = api.send("POST", "/api/v1/warnings/1/acknowledge", contentType,
                    "{\"note\": \"x\"}".getBytes(StandardCharsets.UTF_8), "approver");

            assertProblem(response, 415);
        }
    }

    @Test
    void aPathTheFirewallRefusesGetsAProblem() {
        for (String customerNo : new String[] {"%25s%25n", "A%3BB", "%27%3B%20DROP%20TABLE%20customer%3B"}) {
            Response response = api.post("/api/v1/customers/" + customerNo + "/evaluate", null, "underwriter");

            assertProblem(response, 400);
            assertThat(response.json().get("type").asString()).endsWith("/rejected");
        }
    }

    @Test
    void aFormBodyTomcatCannotDecodeIsRefusedAsInvalidInput() {
        Response response = api.send("POST", "/api/v1/warnings/1/acknowledge", "application/x-www-form-urlencoded",
                "note=%' OR '%'='".getBytes(StandardCharsets.UTF_8), "approver");

        assertProblem(response, 400);
    }

    @Test
    void aQueryStringTomcatCannotDecodeIsRefusedAsInvalidInput() {
        Response response = api.get("/api/v1/blacklist?query=%C3%28", "underwriter");

        assertProblem(response, 400);
    }

    @Test
    void aFormBodyOnAPutIsRefusedAsAnUnsupportedMediaType() {
        Response response = api.send("PUT", "/api/v1/users/analyst", "application/x-www-form-urlencoded",
                "roles=%ZZ".getBytes(StandardCharsets.UTF_8), "admin");

        assertProblem(response, 415);
    }

    @Test
    void aFormBodyWithAParameterNameTheFirewallRefusesGetsAProblem() {
        Response response = api.send("POST", "/api/v1/warnings/1/acknowledge", "application/x-www-form-urlencoded",
                "note\u0001=x".getBytes(StandardCharsets.UTF_8), "approver");

        assertProblem(response, 400);
        assertThat(response.json().get("type").asString()).endsWith("/rejected");
    }
}
