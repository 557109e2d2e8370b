package io.decisioning.service.system;

import io.decisioning.rules.engine.Sentence;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes RFC 9457 problems for the filters (security, content type), which answer before any controller runs, in the
 * language of the request's {@code Accept-Language} (English without one).
 */
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
        Locale reader = Problems.reader(request);
        if (e instanceof SignInRefusedException refused) {
            write(request, response, Problems.of(HttpStatus.FORBIDDEN, "sign-in-refused",
                    new Sentence("Sign-in refused", "登录被拒绝"), refused.reason(), reader));
            return;
        }
        if (e instanceof AuthenticationServiceException) {
            write(request, response, Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "sign-in-unavailable",
                    new Sentence("Sign-in unavailable", "暂时无法登录"),
                    new Sentence("The company's identity provider could not be asked to check this sign-in. Try again "
                            + "shortly; if it lasts, tell the service's operators.",
                            "暂时无法向公司的身份提供方核验此次登录。请稍后重试；如持续出现，请联系服务运维人员。"), reader));
            return;
        }
        if (e instanceof OAuth2AuthenticationException token) {
            String why = token.getError().getDescription() == null ? token.getError().getErrorCode()
                    : token.getError().getDescription();
            response.setHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
            write(request, response, Problems.of(HttpStatus.UNAUTHORIZED, "invalid-token",
                    new Sentence("Invalid bearer token", "访问令牌无效"),
                    new Sentence("The bearer token was refused: " + why + ". Sign in again with the company's identity "
                            + "provider.", "访问令牌被拒绝：" + why + "。请通过公司的身份提供方重新登录。"), reader));
            return;
        }
        // The admin UI marks its calls as XMLHttpRequest: without the challenge header the browser shows
        // the UI's own sign-in form instead of its native credentials dialog.
        if (!"XMLHttpRequest".equals(request.getHeader("X-Requested-With"))) {
            response.setHeader("WWW-Authenticate", "Basic realm=\"decisioning\"");
        }
        if (e instanceof AccountLockedException locked) {
            String until = WHEN.format(locked.until().atZone(zone)) + " (" + zone + ")";
            ProblemDetail problem = Problems.of(HttpStatus.UNAUTHORIZED, "account-locked",
                    new Sentence("Account locked", "账户已锁定"),
                    new Sentence("This account is locked after " + locked.attempts() + " wrong passwords in a row, until "
                            + until + ". Sign in again after that, or ask an administrator to unlock it.",
                            "连续 " + locked.attempts() + " 次密码错误，此账户已锁定至 " + until + "。请在此之后重新登录，或请管理员解锁。"),
                    reader);
            problem.setProperty("lockedUntil", locked.until().toString());
            problem.setProperty("failedSignIns", locked.attempts());
            write(request, response, problem);
            return;
        }
        write(request, response, Problems.of(HttpStatus.UNAUTHORIZED, "unauthorized",
                new Sentence("Authentication required", "需要登录"),
                new Sentence("Sign in with HTTP Basic authentication, or with a bearer token of the company's identity "
                        + "provider where the service accepts them.", "请使用 HTTP Basic 认证登录，或在服务支持时使用公司身份提供方签发的访问令牌。"),
                reader));
    }

    void forbidden(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e) throws IOException {
        String what = request.getMethod() + " " + request.getRequestURI();
        write(request, response, Problems.of(HttpStatus.FORBIDDEN, "forbidden", new Sentence("Not allowed", "不允许"),
                new Sentence("Your role does not allow " + what + ".", "您的角色不允许 " + what + "。"),
                Problems.reader(request)));
    }

    /** The firewall's refusals: the path of such a request may not even be a URI, so it is not repeated. */
    void rejected(HttpServletRequest request, HttpServletResponse response, RequestRejectedException e) throws IOException {
        write(response, rejected(Problems.reader(request)));
    }

    /** What the firewall refuses, also when it finds out late: a parameter name read while Spring MVC reads a form body. */
    static ProblemDetail rejected(Locale reader) {
        return Problems.of(HttpStatus.BAD_REQUEST, "rejected", new Sentence("Request rejected", "请求被拒绝"),
                new Sentence("The request's path, headers or parameters hold characters the service refuses, "
                        + "such as an encoded '%' or ';' or a control character.",
                        "请求的路径、请求头或参数中含有服务拒绝的字符，例如编码的 '%' 或 ';'，或控制字符。"), reader);
    }

    void payloadTooLarge(HttpServletRequest request, HttpServletResponse response, long maxBytes) throws IOException {
        write(request, response, Problems.payloadTooLarge(maxBytes, Problems.reader(request)));
    }

    void unsupportedMediaType(HttpServletRequest request, HttpServletResponse response) throws IOException {
        write(request, response, Problems.of(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type",
                new Sentence("Unsupported media type", "不支持的媒体类型"),
                new Sentence("Content-Type must name one media type, such as application/json.",
                        "Content-Type 必须是一种媒体类型，例如 application/json。"), Problems.reader(request)));
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
