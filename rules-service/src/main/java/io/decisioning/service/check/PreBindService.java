package io.decisioning.service.check;

import io.decisioning.service.engine.RuleMetrics;
import io.decisioning.rules.BlacklistHit;
import io.decisioning.rules.CustomerProfile;
import io.decisioning.rules.Decision;
import io.decisioning.rules.engine.Evaluation;
import io.decisioning.rules.engine.Reason;
import io.decisioning.service.blacklist.BlacklistMatchRepository;
import io.decisioning.service.identity.MatchKeys;
import io.decisioning.service.check.PreBindRequest.Applicant;
import io.decisioning.service.assessment.AssessmentService;
import io.decisioning.service.customer.Customer;
import io.decisioning.service.customer.CustomerRepository;
import io.decisioning.service.assessment.EvaluationDate;
import io.decisioning.service.identity.IdType;
import io.decisioning.service.identity.ResidentId;
import io.decisioning.service.assessment.Trigger;
import io.decisioning.service.identity.UnifiedSocialCreditCode;
import io.decisioning.service.system.InvalidInputException;
import io.decisioning.service.system.InvalidInputException.FieldProblem;
import io.decisioning.service.system.NotFoundException;
import io.decisioning.service.system.UserAccount;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The pre-bind check (DESIGN.md section 4 and 5): resolves the customer or applicant, evaluates with
 * the live rules and records the check. It fails closed: when anything inside the service fails,
 * the answer is REFER with the reason ENGINE_ERROR, never ACCEPT.
 */
@Service
class PreBindService {

    static final String ENGINE_ERROR = "ENGINE_ERROR";
    private static final Logger log = LoggerFactory.getLogger(PreBindService.class);

    private final AssessmentService assessments;
    private final CustomerRepository customers;
    private final BlacklistMatchRepository blacklist;
    private final EvaluationDate evaluationDate;
    private final PreBindCheckRepository checks;
    private final TransactionTemplate transaction;
    private final RuleMetrics metrics;
    private final Clock clock = Clock.systemUTC();

    PreBindService(AssessmentService assessments, CustomerRepository customers, BlacklistMatchRepository blacklist,
                   EvaluationDate evaluationDate, PreBindCheckRepository checks, PlatformTransactionManager transactions,
                   RuleMetrics metrics) {
        this.assessments = assessments;
        this.customers = customers;
        this.blacklist = blacklist;
        this.evaluationDate = evaluationDate;
        this.checks = checks;
        this.transaction = new TransactionTemplate(transactions);
        this.metrics = metrics;
    }

    PreBindResult check(PreBindRequest request, UserAccount user) {
        validate(request);
        String checkId = UUID.randomUUID().toString();
        Customer customer = null;
        try {
            customer = request.customerNo() != null
                    ? assessments.visibleCustomer(request.customerNo(), user)
                    : existingCustomer(request.applicant()).orElse(null);
            Customer resolved = customer;
            boolean visible = resolved == null || user.canSee(resolved.branchCode());
            // One transaction: the assessment the check stored and the record of the check commit together.
            return transaction.execute(status -> {
                PreBindResult result = answer(checkId, request, resolved);
                PreBindResult shown = visible ? result : result.withoutCustomerNo();
                checks.record(shown, request, user.getUsername());
                return shown;
            });
        } catch (NotFoundException e) {
            throw e;
        } catch (RuntimeException e) {
            log.error("Pre-bind check {} failed; answering REFER", checkId, e);
            metrics.failed("pre-bind", e);
            boolean visible = customer != null && user.canSee(customer.branchCode());
            PreBindResult failed = failed(checkId, visible ? customer : null);
            try {
                transaction.executeWithoutResult(status -> checks.record(failed, request, user.getUsername()));
            } catch (RuntimeException recordFailed) {
                log.error("Pre-bind check {} could not be recorded", checkId, recordFailed);
            }
            return failed;
        }
    }

    private PreBindResult answer(String checkId, PreBindRequest request, @Nullable Customer customer) {
        Applicant applicant = request.applicant();
        MatchKeys applicantKeys = applicant == null ? null
                : MatchKeys.of(applicant.idType().name(), applicant.idNumber(), applicant.name(), applicant.birthDate(),
                applicant.phone());
        if (customer != null) {
            List<BlacklistHit> applicantHits = applicantKeys == null ? List.of()
                    : blacklist.hitsFor(customer.customerNo(), applicantKeys, evaluationDate.today());
            Evaluation evaluation = assessments.evaluateAndStore(customer, Trigger.CHECK, applicantHits).evaluation();
            return result(checkId, customer.customerNo(), evaluation);
        }
        String key = "APPLICANT-" + checkId;
        String type = applicant.idType() == IdType.USCC ? "ORGANIZATION" : "PERSON";
        List<BlacklistHit> hits = blacklist.hitsFor(key, applicantKeys, evaluationDate.today());
        Evaluation evaluation = assessments.evaluateApplicant(CustomerProfile.newApplicant(key, type), hits);
        return result(checkId, null, evaluation);
    }

    /**
     * An applicant is the customer with the same identity document, when there is one, whichever
     * branch holds it: the decision must weigh the customer's whole record. The answer only names a
     * customer the user may see.
     */
    private Optional<Customer> existingCustomer(Applicant applicant) {
        String normalized = MatchKeys.normalize(applicant.idNumber());
        List<Customer> found = customers.findByIdNumber(applicant.idType().name(), normalized);
        if (found.isEmpty()) {
            found = customers.findByIdNumberKey(MatchKeys.idNumberKey(applicant.idType().name(), applicant.idNumber()));
        }
        return found.stream().findFirst();
    }

    private PreBindResult result(String checkId, @Nullable String customerNo, Evaluation e) {
        return new PreBindResult(checkId, e.decision(), customerNo, e.grade(), e.tier(), e.vip(), e.warnings(),
                e.blacklistHits().stream().map(PreBindResult.Hit::of).toList(), e.reasons(), e.rulePacks(), now(),
                e.nearMisses());
    }

    private PreBindResult failed(String checkId, @Nullable Customer customer) {
        Reason reason = new Reason("engine", 0, ENGINE_ERROR,
                "The customer could not be evaluated; refer to a person. The error is logged with check " + checkId + ".");
        return new PreBindResult(checkId, Decision.REFER, customer == null ? null : customer.customerNo(), null, null, null,
                List.of(), List.of(), List.of(reason), Map.of(), now(), List.of());
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private static void validate(PreBindRequest request) {
        List<FieldProblem> errors = new ArrayList<>();
        Applicant applicant = request.applicant();
        if (request.customerNo() == null && applicant == null) {
            errors.add(new FieldProblem("customerNo", "give either customerNo or applicant"));
        } else if (request.customerNo() != null && applicant != null) {
            errors.add(new FieldProblem("applicant", "give either customerNo or applicant, not both"));
        } else if (applicant != null) {
            if (request.productLine() == null) {
                errors.add(new FieldProblem("productLine", "is required for an applicant"));
            }
            if (request.premium() == null) {
                errors.add(new FieldProblem("premium", "is required for an applicant"));
            }
            // People paste numbers with spaces or dashes ("110105 19491231 002X"): check the normalized form.
            String idNumber = MatchKeys.normalize(applicant.idNumber());
            if (applicant.idType() == IdType.RESIDENT_ID && !ResidentId.isValid(idNumber)) {
                errors.add(new FieldProblem("applicant.idNumber", "is not a valid resident identity number (GB 11643 check digit)"));
            }
            if (applicant.idType() == IdType.USCC && !UnifiedSocialCreditCode.isValid(idNumber)) {
                errors.add(new FieldProblem("applicant.idNumber", "is not a valid unified social credit code (GB 32100 check digit)"));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
    }
}
