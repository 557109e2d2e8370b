package io.decisioning.service.system;

import io.decisioning.rules.engine.Sentence;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.Locale;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/**
 * Builds the service's RFC 9457 problems, whose {@code type} names the kind of problem, with their title and detail
 * in the reader's language (DESIGN.md section 14): Chinese for an {@code Accept-Language} of zh, English otherwise.
 */
public final class Problems {

    public static final String TYPE_BASE = "https://decisioning.io/problems/";

    private Problems() {
    }

    /** A problem for the reader of the current request (the locale Spring MVC resolved, English without one). */
    public static ProblemDetail of(HttpStatusCode status, String type, Sentence title, Sentence detail) {
        return of(status, type, title, detail, LocaleContextHolder.getLocale());
    }

    /** A problem for a reader of this locale. */
    public static ProblemDetail of(HttpStatusCode status, String type, Sentence title, Sentence detail, Locale reader) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail.in(reader));
        problem.setType(URI.create(TYPE_BASE + type));
        problem.setTitle(title.in(reader));
        return problem;
    }

    /**
     * The reader's locale for a request answered before Spring MVC resolves one (the filters): its
     * {@code Accept-Language}, English when it has none (not the server's own locale, which the servlet container
     * would give).
     */
    static Locale reader(HttpServletRequest request) {
        return request.getHeader(HttpHeaders.ACCEPT_LANGUAGE) == null ? Locale.ENGLISH : request.getLocale();
    }

    /** 413: a request body beyond the service's limit. */
    static ProblemDetail payloadTooLarge(long maxBytes, Locale reader) {
        return of(HttpStatus.PAYLOAD_TOO_LARGE, "payload-too-large", new Sentence("Request body too large", "请求体过大"),
                new Sentence("The request body is larger than the limit of " + maxBytes + " bytes.",
                        "请求体超过了 " + maxBytes + " 字节的上限。"), reader);
    }
}
