package io.decisioning.service.assessment;

import io.decisioning.rules.BlacklistHit;
import io.decisioning.rules.CustomerProfile;
import io.decisioning.rules.MatchField;
import io.decisioning.rules.MatchStrength;
import io.decisioning.rules.engine.Evaluation;
import io.decisioning.rules.engine.EvaluationInput;
import io.decisioning.service.blacklist.BlacklistMatchRepository;
import io.decisioning.service.identity.CustomerKeys;
import io.decisioning.service.identity.MatchKeys;
import io.decisioning.service.engine.RuleEngine;
import io.decisioning.service.engine.RuleMetrics;
import io.decisioning.service.system.NotFoundException;
import io.decisioning.service.system.UserAccount;
import io.decisioning.service.warning.WarningRepository;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import io.decisioning.service.customer.Customer;
import io.decisioning.service.customer.CustomerFeatureRepository;
import io.decisioning.service.customer.CustomerRepository;

/**
 * Evaluates customers with the live rules and keeps their assessments: features from the CRM
 * tables, blacklist hits from the normalized keys, the rule packs' outcome, then the current
 * assessment, its history and the warnings are brought up to date together.
 */
@Service
public class AssessmentService {

    private final CustomerRepository customers;
    private final CustomerFeatureRepository features;
    private final BlacklistMatchRepository blacklist;
    private final RuleEngine engine;
    private final AssessmentRepository assessments;
    private final WarningRepository warnings;
    private final EvaluationDate evaluationDate;
    private final RuleMetrics metrics;
    private final Clock clock = Clock.systemUTC();

    AssessmentService(CustomerRepository customers, CustomerFeatureRepository features,
                      BlacklistMatchRepository blacklist, RuleEngine engine, AssessmentRepository assessments,
                      WarningRepository warnings, EvaluationDate evaluationDate, RuleMetrics metrics) {
        this.customers = customers;
        this.features = features;
        this.blacklist = blacklist;
        this.engine = engine;
        this.assessments = assessments;
        this.warnings = warnings;
        this.evaluationDate = evaluationDate;
        this.metrics = metrics;
    }

    /**
     * The customer with this number if the user may see it. A customer outside the user's branch is
     * reported exactly like one that does not exist, so existence does not leak.
     */
    public Customer visibleCustomer(String customerNo, UserAccount user) {
        return customers.findByCustomerNo(customerNo)
                .filter(customer -> user.canSee(customer.branchCode()))
                .orElseThrow(() -> new NotFoundException("No customer " + customerNo + "."));
    }

    /** The current assessment; evaluated and stored first when the customer has none yet. */
    @Transactional
    public Assessment current(String customerNo, UserAccount user) {
        Customer customer = visibleCustomer(customerNo, user);
        return assessments.current(customer.id())
                .orElseGet(() -> evaluateAndStore(customer, Trigger.MANUAL, List.of()).assessment());
    }

    @Transactional
    public Assessment evaluate(String customerNo, UserAccount user) {
        return evaluateAndStore(visibleCustomer(customerNo, user), Trigger.MANUAL, List.of()).assessment();
    }

    @Transactional(readOnly = true)
    public List<Assessment> history(String customerNo, UserAccount user, int limit) {
        return assessments.history(visibleCustomer(customerNo, user).id(), limit);
    }

    /**
     * Evaluates one customer now and stores the outcome.
     *
     * @param extraHits blacklist hits found from data outside the CRM row, such as the details an
     *                  applicant gave in a pre-bind check; merged with the customer's own hits
     */
    @Transactional
    public Evaluated evaluateAndStore(Customer customer, Trigger trigger, List<BlacklistHit> extraHits) {
        LocalDate today = evaluationDate.today();
        Optional<AssessmentRepository.StoredHashes> previous = assessments.lock(customer.id());
        CustomerProfile profile = features.forCustomer(customer.id(), today)
                .orElseThrow(() -> new NotFoundException("No customer " + customer.customerNo() + "."))
                .toProfile();
        MatchKeys keys = MatchKeys.of(customer.idType(), customer.idNumber(), customer.name(), customer.birthDate(),
                customer.phone());
        String matchKeys = AssessmentRepository.matchKeysHash(keys);
        if (previous.map(stored -> !stored.hasMatchKeys(matchKeys)).orElse(true)) {
            blacklist.refreshKeys(List.of(new CustomerKeys(customer.id(), keys)));
        }
        List<BlacklistHit> hits = merge(blacklist.hitsFor(customer.customerNo(), keys, today), extraHits);
        Evaluation evaluation = evaluate(new EvaluationInput(profile, hits));
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        assessments.save(customer.id(), evaluation, matchKeys, trigger, now, previous);
        warnings.sync(customer.id(), customer.customerNo(), evaluation.warnings(), now);
        return new Evaluated(evaluation, toAssessment(evaluation, trigger, now));
    }

    /** Evaluates an applicant who is not a customer: nothing is stored. */
    public Evaluation evaluateApplicant(CustomerProfile profile, List<BlacklistHit> hits) {
        return evaluate(new EvaluationInput(profile, hits));
    }

    private Evaluation evaluate(EvaluationInput input) {
        try {
            Evaluation evaluation = engine.current().evaluate(input);
            metrics.fired(evaluation);
            return evaluation;
        } catch (RuntimeException e) {
            metrics.failed("single", e);
            throw e;
        }
    }

    /** Re-evaluates a customer by id, e.g. after a blacklist change; false when it no longer exists. */
    @Transactional
    public boolean reevaluate(long customerId, Trigger trigger) {
        return customers.findById(customerId)
                .map(customer -> evaluateAndStore(customer, trigger, List.of()))
                .isPresent();
    }

    static Assessment toAssessment(Evaluation e, Trigger trigger, Instant evaluatedAt) {
        return new Assessment(e.customerNo(), e.grade(), e.tier(), e.vip(), e.valueScore(), e.riskScore(),
                e.blacklisted(), e.warnings(), Features.of(e.profile()), e.reasons(), e.rulePacks(), evaluatedAt,
                trigger, e.nearMisses());
    }

    /** One hit per entry: the same entry found through several sources keeps every field it matched. */
    static List<BlacklistHit> merge(List<BlacklistHit> own, List<BlacklistHit> extra) {
        if (extra.isEmpty()) {
            return own;
        }
        Map<Long, BlacklistHit> byEntry = new LinkedHashMap<>();
        for (BlacklistHit hit : own) {
            byEntry.put(hit.entryId(), hit);
        }
        for (BlacklistHit hit : extra) {
            byEntry.merge(hit.entryId(), hit, (a, b) -> {
                Set<MatchField> fields = EnumSet.copyOf(a.matchedOn());
                fields.addAll(b.matchedOn());
                MatchStrength strength = fields.contains(MatchField.ID_NUMBER) ? MatchStrength.STRONG : MatchStrength.WEAK;
                return new BlacklistHit(a.customerNo(), a.entryId(), strength, new ArrayList<>(fields), a.reasonCode());
            });
        }
        return List.copyOf(byEntry.values());
    }

    /** An evaluation and the assessment stored from it. */
    public record Evaluated(Evaluation evaluation, Assessment assessment) {
    }
}
