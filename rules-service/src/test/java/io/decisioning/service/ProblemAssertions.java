package io.decisioning.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.decisioning.service.ApiClient.Response;

/** What every refused request is answered with: an RFC 9457 problem, and for invalid input the fields at fault. */
public final class ProblemAssertions {

    private ProblemAssertions() {
    }

    /** A problem with this status, as the answer's status and in its body. */
    public static void assertProblem(Response response, int status) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("status").asInt()).isEqualTo(status);
    }

    /** A 400 invalid-input problem that names {@code field} among its errors. */
    public static void assertInvalid(Response response, String field) {
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("type").asString()).endsWith("/invalid-input");
        assertThat(response.json().get("errors").valueStream().map(error -> error.get("field").asString()))
                .as(response.body())
                .contains(field);
    }

    /** A 409 conflict problem. */
    public static void assertConflict(Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(409);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("type").asString()).endsWith("/conflict");
    }
}
