package io.decisioning.service.warning;

import io.decisioning.rules.engine.Sentence;
import io.decisioning.service.assessment.AssessmentRepository;
import io.decisioning.service.audit.AuditTrail;
import io.decisioning.service.export.Rows;
import io.decisioning.service.system.ConflictException;
import io.decisioning.service.system.NotFoundException;
import io.decisioning.service.system.UserAccount;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * People's side of the warning lifecycle (DESIGN.md section 4): listing warnings and moving them
 * OPEN -> ACKNOWLEDGED -> RESOLVED. A warning of a customer outside the user's branch is reported
 * exactly like one that does not exist. Each change is audited in the same transaction.
 */
@Service
class WarningService {

    private final WarningReviewRepository warnings;
    private final AssessmentRepository assessments;
    private final AuditTrail audit;
    private final Clock clock;

    WarningService(WarningReviewRepository warnings, AssessmentRepository assessments, AuditTrail audit, Clock clock) {
        this.clock = clock;
        this.warnings = warnings;
        this.assessments = assessments;
        this.audit = audit;
    }

    @Transactional(readOnly = true)
    WarningPage list(WarningFilter filter, UserAccount user, int page, int size) {
        return warnings.list(filter, user, page, size);
    }

    /** The warnings of {@link #list}, all of them, to export. */
    Rows<Warning> rows(WarningFilter filter, UserAccount user) {
        return Rows.of(() -> warnings.count(filter, user), each -> warnings.forEach(filter, user, each));
    }

    /** @throws NotFoundException if there is no such warning or the user may not see its customer */
    @Transactional(readOnly = true)
    Warning find(long id, UserAccount user) {
        return warnings.find(id, user).orElseThrow(() -> notFound(id));
    }

    /**
     * OPEN -> ACKNOWLEDGED: someone has seen the warning and is on it.
     *
     * @throws NotFoundException if there is no such warning or the user may not see its customer
     * @throws ConflictException if the warning is not OPEN
     */
    @Transactional
    Warning acknowledge(long id, @Nullable String note, UserAccount user) {
        WarningStatus from = lockVisible(id, user);
        if (!from.canBeAcknowledged()) {
            throw new ConflictException(new Sentence("Warning " + id + " is " + from
                    + "; only an OPEN warning can be acknowledged.", "预警 " + id + " 的状态为 " + from + "，只有 OPEN 状态的预警才能确认。"));
        }
        warnings.acknowledge(id, user.getUsername(), now(), note);
        return audited(id, user, from, WarningStatus.ACKNOWLEDGED, note);
    }

    /**
     * OPEN or ACKNOWLEDGED -> RESOLVED by a person. If the rule still holds, the next evaluation
     * raises the warning again as a new OPEN one.
     *
     * @throws NotFoundException if there is no such warning or the user may not see its customer
     * @throws ConflictException if the warning is RESOLVED already
     */
    @Transactional
    Warning resolve(long id, String note, UserAccount user) {
        // The customer's assessment is locked before the warning, in the order evaluations lock them, and
        // marked so that its next evaluation raises the warning again if its rule still holds.
        assessments.markForRewrite(warnings.customerId(id).orElseThrow(() -> notFound(id)));
        WarningStatus from = lockVisible(id, user);
        if (!from.canBeResolved()) {
            throw new ConflictException(new Sentence("Warning " + id + " is RESOLVED already.",
                    "预警 " + id + " 已是 RESOLVED 状态。"));
        }
        warnings.resolve(id, user.getUsername(), now(), note);
        return audited(id, user, from, WarningStatus.RESOLVED, note);
    }

    /** Locks the warning's row and returns its status, once the user may see it. */
    private WarningStatus lockVisible(long id, UserAccount user) {
        WarningStatus status = warnings.lockStatus(id).orElseThrow(() -> notFound(id));
        find(id, user);
        return status;
    }

    private Warning audited(long id, UserAccount user, WarningStatus from, WarningStatus to, @Nullable String note) {
        Warning warning = find(id, user);
        Map<String, @Nullable Object> detail = new LinkedHashMap<>();
        detail.put("customerNo", warning.customerNo());
        detail.put("type", warning.type());
        detail.put("severity", warning.severity());
        detail.put("from", from);
        detail.put("to", to);
        detail.put("note", note);
        audit.record(user.getUsername(), to == WarningStatus.RESOLVED ? "WARNING_RESOLVE" : "WARNING_ACKNOWLEDGE",
                "WARNING", Long.toString(id), detail);
        return warning;
    }

    private static NotFoundException notFound(long id) {
        return new NotFoundException(new Sentence("There is no warning " + id + ".", "预警 " + id + " 不存在。"));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
