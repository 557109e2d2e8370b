package io.decisioning.service;

import io.decisioning.service.ApiClient.Response;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/**
 * {@link ApiClient}'s calls, made to a {@code @WebMvcTest} slice through MockMvc instead of to a running
 * server, as one of the demo users (password "demo"); the answers are the same {@link Response}s.
 */
public final class MockApiClient {

    private final MockMvc mvc;

    public MockApiClient(MockMvc mvc) {
        this.mvc = mvc;
    }

    public Response get(String path, @Nullable String user) {
        return send(MockMvcRequestBuilders.get(URI.create(path)), user);
    }

    public Response post(String path, @Nullable String body, @Nullable String user) {
        MockHttpServletRequestBuilder request = MockMvcRequestBuilders.post(URI.create(path))
                .header(HttpHeaders.CONTENT_TYPE, "application/json");
        return send(body == null ? request : request.content(body), user);
    }

    private Response send(MockHttpServletRequestBuilder request, @Nullable String user) {
        if (user != null) {
            request.header(HttpHeaders.AUTHORIZATION, "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8)));
        }
        try {
            MockHttpServletResponse response = mvc.perform(request).andReturn().getResponse();
            String contentType = response.getContentType();
            return new Response(response.getStatus(), contentType == null ? "" : contentType,
                    response.getContentAsString(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException("MockMvc failed on " + request, e);
        }
    }
}
