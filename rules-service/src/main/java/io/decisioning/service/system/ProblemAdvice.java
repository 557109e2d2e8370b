package io.decisioning.service.system;

import io.decisioning.rules.engine.EvaluationException;
import io.decisioning.service.system.InvalidInputException.FieldProblem;
import jakarta.validation.ConstraintViolationException;
import java.util.ArrayList;
import java.util.List;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Maps exceptions to RFC 9457 problems. Invalid input gets status 400 and an {@code errors} array
 * of {@code {field, message}}; domain exceptions keep HTTP out of the domain code.
 */
@RestControllerAdvice
class ProblemAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemAdvice.class);

    private final RememberedSignIns signIns;

    ProblemAdvice(RememberedSignIns signIns) {
        this.signIns = signIns;
    }

    /** The user changed since this node remembered their sign-in: nothing was stored; their next request reads them again. */
    @ExceptionHandler
    ResponseEntity<ProblemDetail> signInChanged(SignInChangedException e) {
        signIns.forget(e.username());
        return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
                .header("WWW-Authenticate", "Basic realm=\"decisioning\"")
                .body(Problems.of(HttpStatus.UNAUTHORIZED, "sign-in-changed", "Sign in again",
                        "Your account was changed (enabled, password, roles or branch) since you signed in. "
                                + "Nothing was stored; sign in again."));
    }

    @ExceptionHandler
    ProblemDetail notFound(NotFoundException e) {
        return Problems.of(HttpStatus.NOT_FOUND, "not-found", "Not found", e.getMessage());
    }

    @ExceptionHandler
    ProblemDetail invalid(InvalidInputException e) {
        return invalidInput(e.getMessage(), e.errors());
    }

    @ExceptionHandler
    ProblemDetail forbidden(ForbiddenException e) {
        return Problems.of(HttpStatus.FORBIDDEN, "forbidden", "Forbidden", e.getMessage());
    }

    @ExceptionHandler
    ProblemDetail conflict(ConflictException e) {
        return Problems.of(HttpStatus.CONFLICT, "conflict", "Conflict", e.getMessage());
    }

    @ExceptionHandler
    ProblemDetail typeMismatch(MethodArgumentTypeMismatchException e) {
        return invalidInput("Invalid value for " + e.getName() + ".",
                List.of(new FieldProblem(e.getName(), "invalid value")));
    }

    @ExceptionHandler
    ProblemDetail constraintViolation(ConstraintViolationException e) {
        List<FieldProblem> errors = e.getConstraintViolations().stream()
                .map(violation -> new FieldProblem(lastNode(violation.getPropertyPath().toString()), violation.getMessage()))
                .toList();
        return invalidInput("The request has invalid parameters.", errors);
    }

    /** Tomcat cannot decode the query string or the form body: a '%' without two hex digits, bytes that are not UTF-8. */
    @ExceptionHandler
    ProblemDetail undecodableParameters(InvalidParameterException e) {
        return invalidInput("The request's query string or form body cannot be decoded.",
                List.of(new FieldProblem("parameters", "cannot be decoded")));
    }

    /** The firewall checks parameter names when they are read: for a form body, while Spring MVC reads it. */
    @ExceptionHandler
    ProblemDetail rejected(RequestRejectedException e) {
        return ProblemWriter.rejected();
    }

    /** The rules could not evaluate: the answer is an error, never a default outcome. */
    @ExceptionHandler
    ProblemDetail evaluationFailed(EvaluationException e) {
        log.error("Evaluation failed", e);
        return Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, "evaluation-failed", "Evaluation failed",
                "The rules could not evaluate the customer; the error is logged. Nothing was stored.");
    }

    @ExceptionHandler
    ProblemDetail unexpected(Exception e) {
        log.error("Unexpected error", e);
        return Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "Internal error",
                "The service failed to handle the request; the error is logged.");
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        List<FieldProblem> errors = new ArrayList<>();
        e.getBindingResult().getFieldErrors()
                .forEach(error -> errors.add(new FieldProblem(error.getField(), String.valueOf(error.getDefaultMessage()))));
        e.getBindingResult().getGlobalErrors()
                .forEach(error -> errors.add(new FieldProblem(error.getObjectName(), String.valueOf(error.getDefaultMessage()))));
        return ResponseEntity.badRequest().body(invalidInput("The request has invalid fields.", errors));
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException e,
                                                                            HttpHeaders headers, HttpStatusCode status,
                                                                            WebRequest request) {
        List<FieldProblem> errors = new ArrayList<>();
        // a request body validated with the path variables: its fields are named, not the method's parameter
        e.getParameterValidationResults().forEach(result -> result.getResolvableErrors().forEach(error -> errors.add(
                new FieldProblem(error instanceof FieldError field ? field.getField() : result.getMethodParameter().getParameterName(),
                        String.valueOf(error.getDefaultMessage())))));
        return ResponseEntity.badRequest().body(invalidInput("The request has invalid parameters.", errors));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof BodySizeFilter.BodyTooLargeException tooLarge) {
                return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE).body(Problems.payloadTooLarge(tooLarge.maxBytes));
            }
        }
        String field = "body";
        String message = "is not valid JSON for this request";
        if (e.getCause() instanceof JacksonException jackson) {
            String path = path(jackson);
            if (jackson instanceof UnrecognizedPropertyException unknown) {
                field = path != null ? path : unknown.getPropertyName();
                message = "is not a known field";
            } else if (path != null) {
                field = path;
                message = "has an invalid value";
            }
        }
        return ResponseEntity.badRequest().body(invalidInput("The request body cannot be read: " + field + " " + message + ".",
                List.of(new FieldProblem(field, message))));
    }

    private static String lastNode(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? path : path.substring(dot + 1);
    }

    private static ProblemDetail invalidInput(String detail, List<FieldProblem> errors) {
        ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "invalid-input", "Invalid input", detail);
        problem.setProperty("errors", errors);
        return problem;
    }

    private static @Nullable String path(JacksonException e) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : e.getPath()) {
            if (reference.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? null : path.toString();
    }
}
