package io.decisioning.service.system;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Writes RFC 9457 problems for the filters (security, content type), which answer before any controller runs. */
@Component
class ProblemWriter {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final JsonMapper json;
    private final ZoneId zone;

    ProblemWriter(JsonMapper json, RulesProperties properties) {
        this.json = json;
        this.zone = properties.zone();
    }

    void unauthorized(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        // The admin UI marks its calls as XMLHttpRequest: without the challenge header the browser shows
        // the UI's own sign-in form instead of its native credentials dialog.
        if (!"XMLHttpRequest".equals(request.getHeader("X-Requested-With"))) {
            response.setHeader("WWW-Authenticate", "Basic realm=\"decisioning\"");
        }
        if (e instanceof AccountLockedException locked) {
            ProblemDetail problem = Problems.of(HttpStatus.UNAUTHORIZED, "account-locked", "Account locked",
                    "This account is locked after " + locked.attempts() + " wrong passwords in a row, until "
                            + WHEN.format(locked.until().atZone(zone)) + " (" + zone + "). Sign in again after that, "
                            + "or ask an administrator to unlock it.");
            problem.setProperty("lockedUntil", locked.until().toString());
            problem.setProperty("failedSignIns", locked.attempts());
            write(request, response, problem);
            return;
        }
        write(request, response, Problems.of(HttpStatus.UNAUTHORIZED, "unauthorized", "Authentication required",
                "Sign in with HTTP Basic authentication."));
    }

    void forbidden(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e) throws IOException {
        write(request, response, Problems.of(HttpStatus.FORBIDDEN, "forbidden", "Not allowed",
                "Your role does not allow " + request.getMethod() + " " + request.getRequestURI() + "."));
    }

    /** The firewall's refusals: the path of such a request may not even be a URI, so it is not repeated. */
    void rejected(HttpServletRequest request, HttpServletResponse response, RequestRejectedException e) throws IOException {
        write(response, rejected());
    }

    /** What the firewall refuses, also when it finds out late: a parameter name read while Spring MVC reads a form body. */
    static ProblemDetail rejected() {
        return Problems.of(HttpStatus.BAD_REQUEST, "rejected", "Request rejected",
                "The request's path, headers or parameters hold characters the service refuses, "
                        + "such as an encoded '%' or ';' or a control character.");
    }

    void payloadTooLarge(HttpServletRequest request, HttpServletResponse response, long maxBytes) throws IOException {
        write(request, response, Problems.payloadTooLarge(maxBytes));
    }

    void unsupportedMediaType(HttpServletRequest request, HttpServletResponse response) throws IOException {
        write(request, response, Problems.of(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type",
                "Unsupported media type", "Content-Type must name one media type, such as application/json."));
    }

    private void write(HttpServletRequest request, HttpServletResponse response, ProblemDetail problem)
            throws IOException {
        problem.setInstance(URI.create(request.getRequestURI()));
        write(response, problem);
    }

    private void write(HttpServletResponse response, ProblemDetail problem) throws IOException {
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }
}
