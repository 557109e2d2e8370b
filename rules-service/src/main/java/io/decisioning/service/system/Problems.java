package io.decisioning.service.system;

import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/** Builds the service's RFC 9457 problems, whose {@code type} names the kind of problem. */
public final class Problems {

    public static final String TYPE_BASE = "https://decisioning.io/problems/";

    private Problems() {
    }

    public static ProblemDetail of(HttpStatusCode status, String type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE_BASE + type));
        problem.setTitle(title);
        return problem;
    }

    /** 413: a request body beyond the service's limit. */
    static ProblemDetail payloadTooLarge(long maxBytes) {
        return of(HttpStatus.PAYLOAD_TOO_LARGE, "payload-too-large", "Request body too large",
                "The request body is larger than the limit of " + maxBytes + " bytes.");
    }
}
