package io.decisioning.service.assessment;

import io.decisioning.service.identity.PartiesChanged;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Evaluates again, once a merge, rejection or split commits, the records whose party changed (their
 * outcomes are their party's, DESIGN.md section 10), in a transaction of its own; a failure is logged and
 * left to the next evaluation (the nightly run at the latest).
 */
@Component
class PartyReevaluation {

    private static final Logger log = LoggerFactory.getLogger(PartyReevaluation.class);

    private final AssessmentPipeline pipeline;
    private final EvaluationDate evaluationDate;
    private final TransactionTemplate newTransaction;

    PartyReevaluation(AssessmentPipeline pipeline, EvaluationDate evaluationDate, PlatformTransactionManager transactions) {
        this.pipeline = pipeline;
        this.evaluationDate = evaluationDate;
        this.newTransaction = new TransactionTemplate(transactions);
        this.newTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    @TransactionalEventListener(fallbackExecution = true)
    void reevaluate(PartiesChanged change) {
        if (change.customerIds().isEmpty()) {
            return;
        }
        try {
            newTransaction.execute(status -> pipeline.assess(Selection.ids(List.copyOf(change.customerIds())), Trigger.EVENT,
                    evaluationDate.today()));
        } catch (RuntimeException e) {
            log.error("Evaluating {} records again after the {} failed; the nightly run will", change.customerIds().size(),
                    change.cause(), e);
        }
    }
}
