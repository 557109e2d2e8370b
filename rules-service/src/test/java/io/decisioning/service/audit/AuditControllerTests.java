package io.decisioning.service.audit;

import static io.decisioning.service.ProblemAssertions.assertInvalid;
import static org.mockito.BDDMockito.then;

import io.decisioning.service.MockApiClient;
import io.decisioning.service.system.WebSliceTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/** How the audit API maps its parameters to answers; the trail itself is AuditApiTests'. */
@WebSliceTest(AuditController.class)
class AuditControllerTests {

    @MockitoBean
    AuditTrail audit;

    @Autowired
    MockMvc mvc;

    MockApiClient api;

    @BeforeEach
    void setUp() {
        api = new MockApiClient(mvc);
    }

    @Test
    void invalidParametersAre400NamingTheParameter() {
        assertInvalid(api.get("/api/v1/audit?from=yesterday", "auditor"), "from");
        assertInvalid(api.get("/api/v1/audit?from=2026-03-01", "auditor"), "from");
        assertInvalid(api.get("/api/v1/audit?to=2026-13-01T00:00:00Z", "auditor"), "to");
        assertInvalid(api.get("/api/v1/audit?from=2026-03-02T00:00:00Z&to=2026-03-01T00:00:00Z", "auditor"), "to");
        assertInvalid(api.get("/api/v1/audit?size=0", "auditor"), "size");
        assertInvalid(api.get("/api/v1/audit?size=501", "auditor"), "size");
        assertInvalid(api.get("/api/v1/audit?size=fifty", "auditor"), "size");
        assertInvalid(api.get("/api/v1/audit?page=-1", "auditor"), "page");
        assertInvalid(api.get("/api/v1/audit?actor=" + "a".repeat(65), "auditor"), "actor");
        assertInvalid(api.get("/api/v1/audit?targetId=" + "1".repeat(101), "auditor"), "targetId");
        then(audit).shouldHaveNoInteractions();
    }
}
