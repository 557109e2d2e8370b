package io.decisioning.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Calls the running service over real HTTP as one of the demo users (password "demo"), or with
 * another password ({@link #withPassword}).
 */
public final class ApiClient {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final int port;
    private final String password;
    private final @Nullable String language;
    private final @Nullable String bearer;

    public ApiClient(int port) {
        this(port, "demo", null, null);
    }

    private ApiClient(int port, String password, @Nullable String language, @Nullable String bearer) {
        this.port = port;
        this.password = password;
        this.language = language;
        this.bearer = bearer;
    }

    /** A client that signs in with this password instead of "demo". */
    public ApiClient withPassword(String password) {
        return new ApiClient(port, password, language, bearer);
    }

    /** A client that sends this {@code Accept-Language} ("zh-CN,zh;q=0.9", say); none by default. */
    public ApiClient inLanguage(String acceptLanguage) {
        return new ApiClient(port, password, acceptLanguage, bearer);
    }

    /** A client that signs in with this bearer token (an OpenID Connect provider's access token), whatever user is named. */
    public ApiClient withBearer(String token) {
        return new ApiClient(port, password, language, token);
    }

    public Response get(String path, @Nullable String user) {
        return send(request(path, user).GET());
    }

    /** GETs {@code path} and gives the JSON body, failing the test unless the answer is a 200. */
    public JsonNode getJson(String path, @Nullable String user) {
        Response response = get(path, user);
        assertThat(response.status()).as(path + " -> " + response.body()).isEqualTo(200);
        return response.json();
    }

    public Response post(String path, @Nullable String body, @Nullable String user) {
        HttpRequest.Builder request = request(path, user).header("Content-Type", "application/json");
        return send(request.POST(body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)));
    }

    public Response put(String path, String body, @Nullable String user) {
        HttpRequest.Builder request = request(path, user).header("Content-Type", "application/json");
        return send(request.PUT(HttpRequest.BodyPublishers.ofString(body)));
    }

    /**
     * Sends {@code body} byte for byte with this content type (no Content-Type header when null):
     * for requests no well-behaved client would make, such as broken JSON or a wrong charset.
     */
    public Response send(String method, String path, @Nullable String contentType, byte[] body, @Nullable String user) {
        HttpRequest.Builder request = request(path, user);
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return send(request.method(method, body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    /** GETs {@code path} asking for {@code accept} (an export, say) and gives the answer's bytes as they came. */
    public Download download(String path, String accept, @Nullable String user) {
        try {
            HttpResponse<byte[]> response = HTTP.send(request(path, user).header("Accept", accept).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            return new Download(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.headers().firstValue("Content-Disposition").orElse(""),
                    response.headers().firstValueAsLong("Content-Length").orElse(-1), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private HttpRequest.Builder request(String path, @Nullable String user) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30));
        if (language != null) {
            request.header("Accept-Language", language);
        }
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        } else if (user != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        return request;
    }

    private static Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * An answer as bytes: status, content type, content disposition (empty when none), content length (-1 when the
     * server sent none: a body streamed in chunks) and body.
     */
    public record Download(int status, String contentType, String contentDisposition, long contentLength, byte[] body) {

        /** The body read as UTF-8 text. */
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        /** The body parsed as JSON (a problem, say). */
        public JsonNode json() {
            return JSON.readTree(body);
        }

        @Override
        public String toString() {
            return status + " " + contentType + " " + (contentType.startsWith("application/") && !contentType.contains("json")
                    ? body.length + " bytes" : text());
        }
    }

    /** An answer: status, content type and body, with the body parsed as JSON on demand. */
    public record Response(int status, String contentType, String body) {
        public JsonNode json() {
            return JSON.readTree(body);
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }
}
