package io.decisioning.service.check;

import io.decisioning.rules.Decision;
import io.decisioning.rules.engine.Evaluation;
import io.decisioning.rules.engine.Reason;
import io.decisioning.rules.engine.Sentence;
import io.decisioning.service.assessment.Assessed;
import io.decisioning.service.assessment.AssessmentPipeline;
import io.decisioning.service.assessment.EvaluationDate;
import io.decisioning.service.assessment.Party;
import io.decisioning.service.assessment.Selection;
import io.decisioning.service.assessment.Subject;
import io.decisioning.service.assessment.Trigger;
import io.decisioning.service.check.PreBindRequest.Applicant;
import io.decisioning.service.customer.Customer;
import io.decisioning.service.customer.CustomerRepository;
import io.decisioning.service.engine.RuleMetrics;
import io.decisioning.service.identity.IdType;
import io.decisioning.service.identity.InvalidIdNumberException;
import io.decisioning.service.identity.MatchKeys;
import io.decisioning.service.identity.PartyResolver;
import io.decisioning.service.identity.ResidentId;
import io.decisioning.service.identity.UnifiedSocialCreditCode;
import io.decisioning.service.system.InvalidInputException.FieldProblem;
import io.decisioning.service.system.InvalidInputException;
import io.decisioning.service.system.NotFoundException;
import io.decisioning.service.system.SignInChangedException;
import io.decisioning.service.system.UserAccount;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
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

    private final AssessmentPipeline pipeline;
    private final CustomerRepository customers;
    private final EvaluationDate evaluationDate;
    private final PreBindCheckRepository checks;
    private final PartyResolver parties;
    private final TransactionTemplate transaction;
    private final RuleMetrics metrics;
    private final Clock clock;

    PreBindService(AssessmentPipeline pipeline, CustomerRepository customers, EvaluationDate evaluationDate,
                   PreBindCheckRepository checks, PartyResolver parties, PlatformTransactionManager transactions,
                   RuleMetrics metrics, Clock clock) {
        this.pipeline = pipeline;
        this.customers = customers;
        this.evaluationDate = evaluationDate;
        this.checks = checks;
        this.parties = parties;
        this.transaction = new TransactionTemplate(transactions);
        this.metrics = metrics;
        this.clock = clock;
    }

    /** The check's answer, as it was recorded. */
    PreBindResult check(PreBindRequest request, UserAccount user) {
        validate(request);
        String checkId = UUID.randomUUID().toString();
        try {
            // One transaction: the assessment the check stored and the record of the check commit together.
            return transaction.execute(status -> checks.record(answer(checkId, request, user), request, user));
        } catch (NotFoundException | SignInChangedException e) {
            throw e;
        } catch (RuntimeException e) {
            return failed(checkId, request, user, e);
        }
    }

    /**
     * The check's answer. A customer the user may not see is not named (an applicant's record may be in
     * any branch: the decision must weigh it all the same); one asked for by number is not found. The
     * answer is the party's (DESIGN.md section 10): every record of it is evaluated with the customer.
     */
    private PreBindResult answer(String checkId, PreBindRequest request, UserAccount user) {
        Applicant applicant = request.applicant();
        LocalDate today = evaluationDate.today();
        if (applicant == null) {
            Assessed assessed = pipeline.assess(Selection.customerNo(request.customerNo()), Trigger.CHECK, today);
            Subject customer = subjectOf(assessed, request.customerNo());
            if (customer == null || !user.canSee(customer.branchCode())) {
                throw new NotFoundException(new Sentence("No customer " + request.customerNo() + ".",
                        "客户 " + request.customerNo() + " 不存在。")); // rolls back what was stored
            }
            return answer(checkId, assessed, customer, user, null);
        }
        MatchKeys stated = MatchKeys.of(applicant.idType().name(), applicant.idNumber(), applicant.name(),
                applicant.birthDate(), applicant.phone());
        List<Customer> matched = existingCustomers(applicant, stated);
        if (!matched.isEmpty()) {
            // the applicant is the party of the records with its identity, answered for by its primary record
            long primaryId = parties.primaryOf(matched.get(0).id());
            String primaryNo = primaryId == matched.get(0).id() ? matched.get(0).customerNo()
                    : customers.findById(primaryId).map(Customer::customerNo).orElse(matched.get(0).customerNo());
            Assessed assessed = pipeline.assess(Selection.customerNo(primaryNo, stated)
                    .with(matched.stream().map(Customer::id).toList()), Trigger.CHECK, today);
            Subject customer = subjectOf(assessed, primaryNo);
            if (customer != null) {
                List<String> visible = matched.stream().filter(c -> user.canSee(c.branchCode())).map(Customer::customerNo)
                        .toList();
                return answer(checkId, assessed, customer, user, visible);
            }
        }
        String type = applicant.idType() == IdType.USCC ? "ORGANIZATION" : "PERSON";
        Evaluation evaluation = pipeline.evaluateApplicant(Subject.applicant("APPLICANT-" + checkId, type, stated), today);
        return result(checkId, null, evaluation, null, null);
    }

    private PreBindResult answer(String checkId, Assessed assessed, Subject customer, UserAccount user,
                                 @Nullable List<String> matchedRecords) {
        boolean visible = user.canSee(customer.branchCode());
        if (assessed.failures().stream().anyMatch(f -> f.subject().customerId() == customer.customerId())) {
            return failedResult(checkId, visible ? customer.customerNo() : null, assessed.failures().get(0).error());
        }
        return result(checkId, visible ? customer.customerNo() : null, assessed.one(customer.customerNo()).evaluation(),
                partyOf(assessed, customer, user), matchedRecords);
    }

    /** The party of the customer the check is about, the primary's number hidden from a user outside its branch. */
    private static PreBindResult.@Nullable PartyInfo partyOf(Assessed assessed, Subject customer, UserAccount user) {
        Party party = customer.party();
        if (party == null) {
            return new PreBindResult.PartyInfo(null, 1, user.canSee(customer.branchCode()) ? customer.customerNo() : null);
        }
        String primaryBranch = assessed.assessed().stream()
                .filter(one -> one.subject().customerId() == party.primaryCustomerId())
                .map(one -> one.subject().branchCode())
                .findFirst().orElse(customer.branchCode());
        return new PreBindResult.PartyInfo(party.partyNo(), party.records(),
                user.canSee(primaryBranch) ? party.primaryCustomerNo() : null);
    }

    /** The evaluated customer with this number (failed or not), or null when there is none. */
    private static @Nullable Subject subjectOf(Assessed assessed, String customerNo) {
        for (Assessed.Failure failure : assessed.failures()) {
            if (failure.subject().customerNo().equals(customerNo)) {
                return failure.subject();
            }
        }
        return assessed.assessed().stream().map(Assessed.One::subject)
                .filter(subject -> subject.customerNo().equals(customerNo)).findFirst().orElse(null);
    }

    private PreBindResult result(String checkId, @Nullable String customerNo, Evaluation e,
                                 PreBindResult.@Nullable PartyInfo party, @Nullable List<String> matchedRecords) {
        return new PreBindResult(checkId, e.decision(), customerNo, e.grade(), e.tier(), e.vip(), e.churnScore(),
                e.warnings(),
                e.blacklistHits().stream().map(PreBindResult.Hit::of).toList(), e.reasons(), e.rulePacks(), now(),
                e.nearMisses(), party == null ? null : party.partyNo(), party == null ? null : party.records(),
                party == null ? null : party.primaryCustomerNo(), matchedRecords, e.entitlements());
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    /** REFER with the reason ENGINE_ERROR, recorded in a transaction of its own: the check's failed. */
    private PreBindResult failed(String checkId, PreBindRequest request, UserAccount user, RuntimeException error) {
        PreBindResult failed = failedResult(checkId, null, error);
        try {
            return transaction.execute(status -> checks.record(failed, request, user));
        } catch (SignInChangedException e) {
            throw e;
        } catch (RuntimeException recordFailed) {
            log.error("Pre-bind check {} could not be recorded", checkId, recordFailed);
            return failed;
        }
    }

    /** REFER with the reason ENGINE_ERROR: the rules could not evaluate the customer (fail closed, never ACCEPT). */
    private PreBindResult failedResult(String checkId, @Nullable String customerNo, RuntimeException error) {
        log.error("Pre-bind check {} failed; answering REFER", checkId, error);
        metrics.failed("pre-bind", error);
        Reason reason = new Reason("engine", 0, ENGINE_ERROR, new Sentence(
                "The customer could not be evaluated; refer to a person. The error is logged with check " + checkId + ".",
                "无法评估该客户，请转人工处理。错误已记录，检查编号 " + checkId + "。"));
        return new PreBindResult(checkId, Decision.REFER, customerNo, null, null, null, null, List.of(), List.of(),
                List.of(reason),
                Map.of(), now(), List.of(), null, null, null, null, List.of());
    }

    /**
     * The customers an applicant is (DESIGN.md section 10): those with the same identity document, in its
     * 15- or 18-digit form, whichever branch holds them (the decision must weigh the customer's whole record),
     * and those with the same identity key (a USCC's organization code on an OTHER id, a passport with the
     * name), by ascending id.
     */
    private List<Customer> existingCustomers(Applicant applicant, MatchKeys stated) {
        Map<Long, Customer> found = new TreeMap<>();
        String normalized = MatchKeys.normalize(applicant.idNumber());
        customers.findByIdNumber(applicant.idType().name(), normalized).forEach(c -> found.put(c.id(), c));
        if (stated.idNumber() != null) {
            customers.findByIdNumberKey(stated.idNumber()).forEach(c -> found.put(c.id(), c));
        }
        if (stated.identity() != null) {
            customers.findByIdentityKey(stated.identity()).forEach(c -> found.put(c.id(), c));
        }
        return List.copyOf(found.values());
    }

    private static void validate(PreBindRequest request) {
        List<FieldProblem> errors = new ArrayList<>();
        Applicant applicant = request.applicant();
        if (request.customerNo() == null && applicant == null) {
            errors.add(new FieldProblem("customerNo", new Sentence("give either customerNo or applicant",
                    "请提供 customerNo 或 applicant")));
        } else if (request.customerNo() != null && applicant != null) {
            errors.add(new FieldProblem("applicant", new Sentence("give either customerNo or applicant, not both",
                    "customerNo 与 applicant 只能提供其一，不能同时提供")));
        } else if (applicant != null) {
            if (request.productLine() == null) {
                errors.add(new FieldProblem("productLine", new Sentence("is required for an applicant", "提供 applicant 时必填")));
            }
            if (request.premium() == null) {
                errors.add(new FieldProblem("premium", new Sentence("is required for an applicant", "提供 applicant 时必填")));
            }
            // People paste numbers with spaces or dashes ("110105 19491231 002X"): check the normalized form.
            String idNumber = MatchKeys.normalize(applicant.idNumber());
            if (applicant.idType() == IdType.RESIDENT_ID) {
                try {
                    LocalDate born = ResidentId.parse(idNumber).birthDate();
                    if (applicant.birthDate() != null && !applicant.birthDate().equals(born)) {
                        Sentence problem = new Sentence("applicant.birthDate is " + applicant.birthDate()
                                + " but applicant.idNumber says " + born,
                                "applicant.birthDate 为 " + applicant.birthDate() + "，但 applicant.idNumber 中的出生日期为 " + born);
                        errors.add(new FieldProblem("applicant.birthDate", problem));
                        errors.add(new FieldProblem("applicant.idNumber", problem));
                    }
                } catch (IllegalArgumentException e) {
                    Sentence why = InvalidIdNumberException.problemOf(e);
                    errors.add(new FieldProblem("applicant.idNumber", new Sentence(
                            "is not a valid resident identity number (GB 11643, 18 or 15 digits): " + why.en(),
                            "不是有效的居民身份证号码（GB 11643，18 位或 15 位）：" + why.zh())));
                }
            }
            if (applicant.idType() == IdType.USCC && !UnifiedSocialCreditCode.isValid(idNumber)) {
                errors.add(new FieldProblem("applicant.idNumber", new Sentence(
                        "is not a valid unified social credit code (GB 32100 check digit)",
                        "不是有效的统一社会信用代码（GB 32100 校验码）")));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
    }
}
