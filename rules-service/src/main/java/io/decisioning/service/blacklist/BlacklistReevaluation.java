package io.decisioning.service.blacklist;

import io.decisioning.service.assessment.Assessed;
import io.decisioning.service.assessment.AssessmentPipeline;
import io.decisioning.service.assessment.EvaluationDate;
import io.decisioning.service.assessment.Selection;
import io.decisioning.service.assessment.Trigger;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Re-evaluates at once the customers a blacklist entry matches, when it is added or lifted: after
 * the change commits, each customer in a transaction of its own, so one failure does not hold up
 * the others (the nightly run catches any that fail here).
 */
@Component
class BlacklistReevaluation {

    private static final Logger log = LoggerFactory.getLogger(BlacklistReevaluation.class);

    private final AssessmentPipeline pipeline;
    private final EvaluationDate evaluationDate;
    private final TransactionTemplate newTransaction;

    BlacklistReevaluation(AssessmentPipeline pipeline, EvaluationDate evaluationDate,
                          PlatformTransactionManager transactions) {
        this.pipeline = pipeline;
        this.evaluationDate = evaluationDate;
        this.newTransaction = new TransactionTemplate(transactions);
        this.newTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    @TransactionalEventListener
    void reevaluate(BlacklistChanged change) {
        for (long customerId : change.customerIds()) {
            try {
                Assessed assessed = newTransaction.execute(status -> pipeline.assess(Selection.ids(List.of(customerId)),
                        Trigger.EVENT, evaluationDate.today()));
                if (assessed != null && !assessed.failures().isEmpty()) {
                    throw assessed.failures().get(0).error();
                }
            } catch (RuntimeException e) {
                log.error("Re-evaluating customer id {} after blacklist entry {} changed failed; the nightly run will retry",
                        customerId, change.entryId(), e);
            }
        }
    }
}
