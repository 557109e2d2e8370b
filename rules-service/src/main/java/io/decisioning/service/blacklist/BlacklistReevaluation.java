package io.decisioning.service.blacklist;

import io.decisioning.service.blacklist.BlacklistChanged;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;
import io.decisioning.service.assessment.AssessmentService;
import io.decisioning.service.assessment.Trigger;

/**
 * Re-evaluates at once the customers a blacklist entry matches, when it is added or lifted: after
 * the change commits, each customer in a transaction of its own, so one failure does not hold up
 * the others (the nightly run catches any that fail here).
 */
@Component
class BlacklistReevaluation {

    private static final Logger log = LoggerFactory.getLogger(BlacklistReevaluation.class);

    private final AssessmentService assessments;
    private final TransactionTemplate newTransaction;

    BlacklistReevaluation(AssessmentService assessments, PlatformTransactionManager transactions) {
        this.assessments = assessments;
        this.newTransaction = new TransactionTemplate(transactions);
        this.newTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    @TransactionalEventListener
    void reevaluate(BlacklistChanged change) {
        for (long customerId : change.customerIds()) {
            try {
                newTransaction.executeWithoutResult(status -> assessments.reevaluate(customerId, Trigger.EVENT));
            } catch (RuntimeException e) {
                log.error("Re-evaluating customer id {} after blacklist entry {} changed failed; the nightly run will retry",
                        customerId, change.entryId(), e);
            }
        }
    }
}
