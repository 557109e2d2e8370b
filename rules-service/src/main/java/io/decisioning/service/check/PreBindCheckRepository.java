package io.decisioning.service.check;

import io.decisioning.rules.Decision;
import io.decisioning.rules.Grade;
import io.decisioning.rules.Tier;
import io.decisioning.service.audit.AuditTrail;
import io.decisioning.service.system.SignIn;
import io.decisioning.service.system.SignInChangedException;
import io.decisioning.service.system.UserAccount;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** Every pre-bind check, with what was asked and what was answered, and its line in the audit trail. */
@Repository
class PreBindCheckRepository {

    /** A check's record, written only while its user is as they signed in ({@link SignIn}). */
    private static final String INSERT = """
            INSERT INTO pre_bind_check (check_id, customer_no, request, decision, grade, tier, response, checked_by,
                checked_at)
            VALUES (:checkId, :customerNo, :request, :decision, :grade, :tier, :response, %s, :at)
            """.formatted(SignIn.ifUnchanged("signed_in.username"));

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
     * @return the result, as recorded (with its sentences in both languages: the reply has the reader's)
     * @throws SignInChangedException when they are not: nothing is recorded
     */
    PreBindResult record(PreBindResult result, PreBindRequest request, UserAccount signedIn) {
        String user = signedIn.getUsername();
        String answer = json.writeValueAsString(result);
        try {
            jdbc.sql(INSERT)
                    .params(SignIn.params(signedIn))
                    .param("checkId", result.checkId())
                    .param("customerNo", result.customerNo())
                    .param("request", json.writeValueAsString(request))
                    .param("decision", result.decision().name())
                    .param("grade", result.grade() == null ? null : result.grade().name())
                    .param("tier", result.tier() == null ? null : result.tier().name())
                    .param("response", answer)
                    .param("at", LocalDateTime.ofInstant(result.evaluatedAt(), ZoneOffset.UTC))
                    .update();
        } catch (DataIntegrityViolationException e) {
            if (SignIn.refused(e, "checked_by")) {
                throw new SignInChangedException(user);
            }
            throw e;
        }
        audit.record(user, "PRE_BIND_CHECK", result.customerNo() != null ? "CUSTOMER" : "APPLICANT",
                result.customerNo() != null ? result.customerNo() : result.checkId(),
                new AuditDetail(result.decision(), result.grade(), result.tier(), result.rulePacks()));
        return result;
    }

    /** What the audit trail keeps of a check (a record: Jackson writes it with a serializer it keeps, not a map's). */
    record AuditDetail(Decision decision, @Nullable Grade grade, @Nullable Tier tier, Map<String, Integer> rulePacks) {
    }
}
