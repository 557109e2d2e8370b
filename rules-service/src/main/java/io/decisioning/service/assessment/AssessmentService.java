package io.decisioning.service.assessment;

import io.decisioning.rules.engine.Sentence;
import io.decisioning.service.system.NotFoundException;
import io.decisioning.service.system.UserAccount;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A customer's assessment for people: the current one (evaluated and stored first when there is none),
 * a fresh evaluation, and the history. A customer outside the user's branch is reported exactly like
 * one that does not exist, so existence does not leak.
 */
@Service
class AssessmentService {

    private final SubjectRepository subjects;
    private final AssessmentPipeline pipeline;
    private final AssessmentRepository assessments;
    private final EvaluationDate evaluationDate;

    AssessmentService(SubjectRepository subjects, AssessmentPipeline pipeline, AssessmentRepository assessments,
                      EvaluationDate evaluationDate) {
        this.subjects = subjects;
        this.pipeline = pipeline;
        this.assessments = assessments;
        this.evaluationDate = evaluationDate;
    }

    /** The current assessment; evaluated and stored first when the customer has none yet. */
    @Transactional
    Assessment current(String customerNo, UserAccount user) {
        Subject customer = visible(customerNo, user);
        return assessments.current(customer.customerId()).orElseGet(() -> evaluate(customerNo, user));
    }

    /** Evaluates the customer now and stores the outcome. */
    @Transactional
    Assessment evaluate(String customerNo, UserAccount user) {
        visible(customerNo, user);
        return pipeline.assess(Selection.customerNo(customerNo), Trigger.MANUAL, evaluationDate.today()).one(customerNo)
                .assessment();
    }

    @Transactional(readOnly = true)
    List<Assessment> history(String customerNo, UserAccount user, int limit) {
        return assessments.history(visible(customerNo, user).customerId(), limit);
    }

    private Subject visible(String customerNo, UserAccount user) {
        return subjects.byCustomerNo(customerNo)
                .filter(customer -> user.canSee(customer.branchCode()))
                .orElseThrow(() -> notFound(customerNo));
    }

    private static NotFoundException notFound(String customerNo) {
        return new NotFoundException(new Sentence("No customer " + customerNo + ".", "客户 " + customerNo + " 不存在。"));
    }
}
