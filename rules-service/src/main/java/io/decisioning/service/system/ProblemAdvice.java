package io.decisioning.service.system;

import io.decisioning.rules.engine.EvaluationException;
import io.decisioning.rules.engine.Sentence;
import io.decisioning.service.system.InvalidInputException.FieldProblem;
import jakarta.validation.ConstraintViolationException;
import java.util.ArrayList;
import java.util.List;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.i18n.LocaleContextHolder;
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
 * of {@code {field, message}}; domain exceptions keep HTTP out of the domain code. Titles, details and the fields'
 * messages are in the reader's language (Bean Validation's own messages are interpolated in it too).
 */
@RestControllerAdvice
class ProblemAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemAdvice.class);

    private static final Sentence INVALID_PARAMETERS = new Sentence("The request has invalid parameters.", "请求中有无效的参数。");

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
                .body(Problems.of(HttpStatus.UNAUTHORIZED, "sign-in-changed", new Sentence("Sign in again", "请重新登录"),
                        new Sentence("Your account was changed (enabled, password, roles or branch) since you signed in. "
                                + "Nothing was stored; sign in again.", "您登录后账户已被修改（启用状态、密码、角色或机构），"
                                + "本次操作未保存任何内容，请重新登录。")));
    }

    @ExceptionHandler
    ProblemDetail notFound(NotFoundException e) {
        return Problems.of(HttpStatus.NOT_FOUND, "not-found", new Sentence("Not found", "未找到"), e.detail());
    }

    @ExceptionHandler
    ProblemDetail invalid(InvalidInputException e) {
        return invalidInput(e.detail(), e.errors());
    }

    @ExceptionHandler
    ProblemDetail forbidden(ForbiddenException e) {
        return Problems.of(HttpStatus.FORBIDDEN, "forbidden", new Sentence("Forbidden", "不允许"), e.detail());
    }

    @ExceptionHandler
    ProblemDetail conflict(ConflictException e) {
        return Problems.of(HttpStatus.CONFLICT, "conflict", new Sentence("Conflict", "操作冲突"), e.detail());
    }

    @ExceptionHandler
    ProblemDetail typeMismatch(MethodArgumentTypeMismatchException e) {
        return invalidInput(new Sentence("Invalid value for " + e.getName() + ".", e.getName() + " 的值无效。"),
                List.of(new FieldProblem(e.getName(), new Sentence("invalid value", "值无效"))));
    }

    @ExceptionHandler
    ProblemDetail constraintViolation(ConstraintViolationException e) {
        List<FieldProblem> errors = e.getConstraintViolations().stream()
                .map(violation -> new FieldProblem(lastNode(violation.getPropertyPath().toString()), violation.getMessage()))
                .toList();
        return invalidInput(INVALID_PARAMETERS, errors);
    }

    /** Tomcat cannot decode the query string or the form body: a '%' without two hex digits, bytes that are not UTF-8. */
    @ExceptionHandler
    ProblemDetail undecodableParameters(InvalidParameterException e) {
        return invalidInput(new Sentence("The request's query string or form body cannot be decoded.",
                        "请求的查询字符串或表单内容无法解码。"),
                List.of(new FieldProblem("parameters", new Sentence("cannot be decoded", "无法解码"))));
    }

    /** The firewall checks parameter names when they are read: for a form body, while Spring MVC reads it. */
    @ExceptionHandler
    ProblemDetail rejected(RequestRejectedException e) {
        return ProblemWriter.rejected(LocaleContextHolder.getLocale());
    }

    /** The rules could not evaluate: the answer is an error, never a default outcome. */
    @ExceptionHandler
    ProblemDetail evaluationFailed(EvaluationException e) {
        log.error("Evaluation failed", e);
        return Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, "evaluation-failed", new Sentence("Evaluation failed", "评估失败"),
                new Sentence("The rules could not evaluate the customer; the error is logged. Nothing was stored.",
                        "规则无法评估该客户，错误已记录，未保存任何内容。"));
    }

    @ExceptionHandler
    ProblemDetail unexpected(Exception e) {
        log.error("Unexpected error", e);
        return Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", new Sentence("Internal error", "内部错误"),
                new Sentence("The service failed to handle the request; the error is logged.", "服务处理请求失败，错误已记录。"));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        List<FieldProblem> errors = new ArrayList<>();
        e.getBindingResult().getFieldErrors()
                .forEach(error -> errors.add(new FieldProblem(error.getField(), String.valueOf(error.getDefaultMessage()))));
        e.getBindingResult().getGlobalErrors()
                .forEach(error -> errors.add(new FieldProblem(error.getObjectName(), String.valueOf(error.getDefaultMessage()))));
        return ResponseEntity.badRequest().body(invalidInput(new Sentence("The request has invalid fields.",
                "请求中有无效的字段。"), errors));
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
        return ResponseEntity.badRequest().body(invalidInput(INVALID_PARAMETERS, errors));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof BodySizeFilter.BodyTooLargeException tooLarge) {
                return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE)
                        .body(Problems.payloadTooLarge(tooLarge.maxBytes, LocaleContextHolder.getLocale()));
            }
        }
        String field = "body";
        Sentence message = new Sentence("is not valid JSON for this request", "不是本请求的有效 JSON");
        if (e.getCause() instanceof JacksonException jackson) {
            String path = path(jackson);
            if (jackson instanceof UnrecognizedPropertyException unknown) {
                field = path != null ? path : unknown.getPropertyName();
                message = new Sentence("is not a known field", "不是已知的字段");
            } else if (path != null) {
                field = path;
                message = new Sentence("has an invalid value", "的值无效");
            }
        }
        return ResponseEntity.badRequest().body(invalidInput(new Sentence(
                        "The request body cannot be read: " + field + " " + message.en() + ".",
                        "无法读取请求体：" + field + " " + message.zh() + "。"),
                List.of(new FieldProblem(field, message))));
    }

    private static String lastNode(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? path : path.substring(dot + 1);
    }

    private static ProblemDetail invalidInput(Sentence detail, List<FieldProblem> errors) {
        ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "invalid-input", new Sentence("Invalid input", "输入无效"),
                detail);
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
