package io.decisioning.service.complaint;

import io.decisioning.rules.ComplaintCategory;
import io.decisioning.rules.engine.Sentence;
import io.decisioning.service.assessment.EvaluationDate;
import io.decisioning.service.customer.Customer;
import io.decisioning.service.customer.CustomerRepository;
import io.decisioning.service.export.Rows;
import io.decisioning.service.system.InvalidInputException;
import io.decisioning.service.system.NotFoundException;
import io.decisioning.service.system.UserAccount;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The time-limit work queue of complaints (DESIGN.md section 13), and one customer's complaints. */
@Service
public class ComplaintQueueService {

    private final QueueRepository queue;
    private final OrphanClocks orphans;
    private final CustomerRepository customers;
    private final EvaluationDate evaluationDate;

    ComplaintQueueService(QueueRepository queue, OrphanClocks orphans, CustomerRepository customers,
                          EvaluationDate evaluationDate) {
        this.queue = queue;
        this.orphans = orphans;
        this.customers = customers;
        this.evaluationDate = evaluationDate;
    }

    /**
     * A page of the queue, OVERDUE and AT_RISK first; complaints without a customer not clocked yet are clocked first.
     *
     * @param state    one of {@link QueueState}'s names, or null for every state; a 400 naming {@code state} otherwise
     * @param category PRODUCT, SERVICE or COMPLIANCE, or null; a 400 naming {@code category} otherwise
     */
    @Transactional
    public QueuePage page(@Nullable String state, @Nullable String branch, @Nullable String category, UserAccount user,
                          int page, int size) {
        QueueRepository.Filter filter = new QueueRepository.Filter(state(state), branch, category(category), null);
        orphans.clockMissing();
        List<QueueItem> items = queue.page(filter, user, evaluationDate.today(), page, size);
        return new QueuePage(items, page == 0 && items.size() < size ? items.size() : queue.count(filter, user));
    }

    /** The customer's complaints (of this CRM record), in the queue's order; 404 outside the caller's scope. */
    @Transactional(readOnly = true)
    /** The queue of {@link #page}, all of it, to export. */
    Rows<QueueItem> rows(@Nullable String state, @Nullable String branch, @Nullable String category, UserAccount user) {
        QueueRepository.Filter filter = new QueueRepository.Filter(state(state), branch, category(category), null);
        LocalDate today = evaluationDate.today();
        return Rows.of(() -> queue.count(filter, user), each -> queue.forEach(filter, user, today, each));
    }

    public List<QueueItem> ofCustomer(String customerNo, UserAccount user) {
        Customer customer = customers.findByCustomerNo(customerNo)
                .filter(c -> user.canSee(c.branchCode()))
                .orElseThrow(() -> new NotFoundException(new Sentence("No customer " + customerNo + ".",
                        "客户 " + customerNo + " 不存在。")));
        return queue.page(new QueueRepository.Filter(null, null, null, customer.id()), user, evaluationDate.today(), 0, 500);
    }

    static @Nullable QueueState state(@Nullable String state) {
        if (state == null || state.isBlank()) {
            return null;
        }
        try {
            return QueueState.valueOf(state.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            String states = Arrays.toString(QueueState.values());
            throw new InvalidInputException("state", new Sentence("must be one of " + states, "必须是以下之一：" + states));
        }
    }

    static @Nullable String category(@Nullable String category) {
        if (category == null || category.isBlank()) {
            return null;
        }
        try {
            return ComplaintCategory.valueOf(category.trim().toUpperCase(Locale.ROOT)).name();
        } catch (IllegalArgumentException e) {
            String categories = Arrays.toString(ComplaintCategory.values());
            throw new InvalidInputException("category", new Sentence("must be one of " + categories,
                    "必须是以下之一：" + categories));
        }
    }
}
