package io.decisioning.service.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The headers a browser gets from the admin UI and the API: no sniffing, no framing, no caching, no referrer.
 * They are the security configuration's, on every answer: an API answer here comes from a stand-in controller.
 */
@WebSliceTest(SecurityHeadersTests.AnApiAnswer.class)
@Import(SecurityHeadersTests.AnApiAnswer.class)
class SecurityHeadersTests {

    @Autowired
    MockMvc mvc;

    @Test
    void theAdminUiComesWithAContentSecurityPolicyAndTheUsualProtections() throws Exception {
        MockHttpServletResponse page = get("/admin/index.html", null);

        assertThat(page.getStatus()).isEqualTo(200);
        assertThat(page.getHeader("Content-Security-Policy")).satisfies(csp -> assertThat(csp)
                .contains("default-src 'self'", "script-src 'self'", "frame-ancestors 'none'", "object-src 'none'")
                .doesNotContain("unsafe-inline", "unsafe-eval"));
        assertThat(page.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(page.getHeader("X-Frame-Options")).isEqualTo("DENY");
        assertThat(page.getHeader("Referrer-Policy")).isEqualTo("no-referrer");
    }

    @Test
    void apiAnswersAreNotCachedNorSniffedAndSetNoSessionCookie() throws Exception {
        MockHttpServletResponse answer = get("/api/v1/batch-runs", "underwriter");

        assertThat(answer.getStatus()).isEqualTo(200);
        assertThat(answer.getHeader("Cache-Control")).contains("no-store");
        assertThat(answer.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(answer.getHeader("Set-Cookie")).as("stateless: nothing for a forged request to ride on").isNull();
        assertThat(answer.getCookies()).isEmpty();
    }

    @Test
    void credentialsInTheUrlAreNotAcceptedInsteadOfTheAuthorizationHeader() throws Exception {
        MockHttpServletResponse answer = get("/api/v1/batch-runs?username=underwriter&password=demo", null);

        assertThat(answer.getStatus()).isEqualTo(401);
    }

    private MockHttpServletResponse get(String path, @Nullable String user) throws Exception {
        MockHttpServletRequestBuilder request = MockMvcRequestBuilders.get(path);
        if (user != null) {
            request.with(httpBasic(user, WebSliceConfiguration.PASSWORD));
        }
        return mvc.perform(request).andReturn().getResponse();
    }

    /** An API answer like any other (the list of batch runs, empty), for the headers the security chain adds. */
    @RestController
    static class AnApiAnswer {

        @GetMapping("/api/v1/batch-runs")
        List<String> batchRuns() {
            return List.of();
        }
    }
}
