package io.decisioning.service.check;

import io.decisioning.service.audit.AuditTrail;
import io.decisioning.service.system.SignIn;
import io.decisioning.service.system.SignInChangedException;
import io.decisioning.service.system.UserAccount;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** Every pre-bind check, with what was asked and what was answered, and its line in the audit trail. */
@Repository
class PreBindCheckRepository {

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final AuditTrail audit;

    PreBindCheckRepository(JdbcClient jdbc, JsonMapper json, AuditTrail audit) {
        this.jdbc = jdbc;
        this.json = json;
        this.audit = audit;
    }

    /**
     * Records the check, with its line in the audit trail, in the caller's transaction: only if the user
     * is still as they signed in ({@link SignIn}).
     *
     * @return the answer as JSON, as recorded: the same bytes answer the request
     * @throws SignInChangedException when they are not: nothing is recorded
     */
    String record(PreBindResult result, PreBindRequest request, UserAccount signedIn) {
        String user = signedIn.getUsername();
        String answer = json.writeValueAsString(result);
        int recorded = jdbc.sql("""
                        INSERT INTO pre_bind_check (check_id, customer_no, request, decision, grade, tier, response,
                            checked_by, checked_at)
                        SELECT :checkId, :customerNo, :request, :decision, :grade, :tier, :response, :user, :at FROM DUAL
                         WHERE\s""" + SignIn.STILL_VALID)
                .params(SignIn.params(signedIn))
                .param("checkId", result.checkId())
                .param("customerNo", result.customerNo())
                .param("request", json.writeValueAsString(request))
                .param("decision", result.decision().name())
                .param("grade", result.grade() == null ? null : result.grade().name())
                .param("tier", result.tier() == null ? null : result.tier().name())
                .param("response", answer)
                .param("user", user)
                .param("at", LocalDateTime.ofInstant(result.evaluatedAt(), ZoneOffset.UTC))
                .update();
        if (recorded == 0) {
            throw new SignInChangedException(user);
        }
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("decision", result.decision());
        detail.put("grade", result.grade());
        detail.put("tier", result.tier());
        detail.put("rulePacks", result.rulePacks());
        audit.record(user, "PRE_BIND_CHECK", result.customerNo() != null ? "CUSTOMER" : "APPLICANT",
                result.customerNo() != null ? result.customerNo() : result.checkId(), detail);
        return answer;
    }
}
