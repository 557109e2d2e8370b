package io.decisioning.service.warning;

import static io.decisioning.service.ProblemAssertions.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;

import io.decisioning.service.MockApiClient;
import io.decisioning.service.system.WebSliceTest;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/** How the warnings API maps its parameters to answers; the warnings themselves are WarningApiTests'. */
@WebSliceTest(WarningController.class)
class WarningControllerTests {

    @MockitoBean
    WarningService warnings;

    @Autowired
    MockMvc mvc;

    MockApiClient api;

    @BeforeEach
    void setUp() {
        api = new MockApiClient(mvc);
        given(warnings.list(any(), any(), anyInt(), anyInt())).willReturn(new WarningPage(List.of(), 0));
    }

    @Test
    void invalidFiltersAndPagingAre400NamingTheParameter() {
        assertInvalid(api.get("/api/v1/warnings?status=CLOSED", "underwriter"), "status");
        assertInvalid(api.get("/api/v1/warnings?type=LATE_PAYMENT", "underwriter"), "type");
        assertInvalid(api.get("/api/v1/warnings?severity=CRITICAL", "underwriter"), "severity");
        assertInvalid(api.get("/api/v1/warnings?size=0", "underwriter"), "size");
        assertInvalid(api.get("/api/v1/warnings?size=501", "underwriter"), "size");
        assertInvalid(api.get("/api/v1/warnings?size=ten", "underwriter"), "size");
        assertInvalid(api.get("/api/v1/warnings?page=-1", "underwriter"), "page");
        assertInvalid(api.get("/api/v1/warnings?page=first", "underwriter"), "page");
        assertInvalid(api.get("/api/v1/warnings?customerNo=" + "C".repeat(33), "underwriter"), "customerNo");
        assertInvalid(api.get("/api/v1/warnings/not-a-number", "underwriter"), "id");
        then(warnings).shouldHaveNoInteractions();
        assertThat(api.get("/api/v1/warnings?size=500&status=&type=", "underwriter").status()).isEqualTo(200);
    }
}
