package io.decisioning.service.manager;

import io.decisioning.rules.engine.Sentence;
import io.decisioning.service.audit.AuditTrail;
import io.decisioning.service.customer.Customer;
import io.decisioning.service.customer.CustomerRepository;
import io.decisioning.service.event.EventService;
import io.decisioning.service.event.EventType;
import io.decisioning.service.system.ForbiddenException;
import io.decisioning.service.system.InvalidInputException;
import io.decisioning.service.system.NotFoundException;
import io.decisioning.service.system.Role;
import io.decisioning.service.system.UserAccount;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Contacts with customers (DESIGN.md section 12): an account manager logs them for their own customers, the CRM posts
 * them (role INTEGRATION) for any, an administrator for any; the service's readers see them. A contact stored queues a
 * re-evaluation of its customer through the event path, which resolves a VISIT_OVERDUE or CARE_DUE warning it answers.
 * A customer outside the caller's book is reported exactly like an unknown one (404).
 */
@Service
public class ContactService {

    /** How far ahead of this server's clock a contact may be dated: the clocks of a CRM and the service may differ a little. */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(2);
    static final int MAX_LISTED = 200;
    private static final Set<Role> LOG_ANY = EnumSet.of(Role.INTEGRATION, Role.ADMIN);
    private static final Set<Role> READ_ANY = EnumSet.of(Role.UNDERWRITER, Role.ANALYST, Role.APPROVER, Role.ADMIN,
            Role.INTEGRATION);

    private final CustomerRepository customers;
    private final ContactRepository contacts;
    private final EventService events;
    private final AuditTrail audit;
    private final Clock clock;

    ContactService(CustomerRepository customers, ContactRepository contacts, EventService events, AuditTrail audit,
                   Clock clock) {
        this.customers = customers;
        this.contacts = contacts;
        this.events = events;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    public Contact log(String customerNo, NewContact request, UserAccount user) {
        Customer customer = customer(customerNo, user, LOG_ANY);
        Instant now = clock.instant();
        if (request.occurredAt().toInstant().isAfter(now.plus(CLOCK_SKEW))) {
            throw new InvalidInputException("occurredAt", new Sentence("is in the future; log a contact once it has happened",
                    "是未来的时间，请在联系发生后再记录"));
        }
        if (request.kind() == ContactKind.SURVEY && request.satisfaction() == null) {
            throw new InvalidInputException("satisfaction", new Sentence(
                    "is required for a SURVEY: 1 (very unhappy) to 5 (very happy)",
                    "SURVEY 必须填写：1（非常不满意）到 5（非常满意）"));
        }
        if (request.kind() != ContactKind.SURVEY && request.satisfaction() != null) {
            throw new InvalidInputException("satisfaction", new Sentence("is only for a SURVEY", "仅适用于 SURVEY"));
        }
        long id = contacts.insert(customer.id(), customer.customerNo(), request, user.getUsername(),
                customer.accountManager(), LocalDateTime.ofInstant(now, ZoneOffset.UTC));
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("customerNo", customer.customerNo());
        detail.put("kind", request.kind().name());
        detail.put("occurredAt", request.occurredAt().toInstant().toString());
        audit.record(user.getUsername(), "CONTACT_LOG", "CONTACT", Long.toString(id), detail);
        events.enqueue(EventType.CONTACT_LOGGED, List.of(customer.customerNo()), user.getUsername());
        return new Contact(id, customer.customerNo(), request.kind(), request.occurredAt().toInstant(), user.getUsername(),
                request.satisfaction(), request.note());
    }

    /** The customer's contacts, latest first (at most {@value #MAX_LISTED}). */
    public List<Contact> list(String customerNo, UserAccount user) {
        Customer customer = customer(customerNo, user, READ_ANY);
        return contacts.list(customer.id(), MAX_LISTED);
    }

    /**
     * The customer, if the caller may work with them: within their branch scope, and (without one of {@code anyOf}'s
     * roles) an account manager's own customer.
     */
    private Customer customer(String customerNo, UserAccount user, Set<Role> anyOf) {
        Customer customer = customers.findByCustomerNo(customerNo)
                .filter(c -> user.canSee(c.branchCode()))
                .orElseThrow(() -> notFound(customerNo));
        if (user.roles().stream().anyMatch(anyOf::contains)) {
            return customer;
        }
        if (user.roles().contains(Role.ACCOUNT_MANAGER)) {
            if (user.getUsername().equals(customer.accountManager())) {
                return customer;
            }
            throw notFound(customerNo);
        }
        throw new ForbiddenException(new Sentence("Contacts are logged by account managers and the CRM.",
                "联系记录由客户经理和 CRM 登记。"));
    }

    private static NotFoundException notFound(String customerNo) {
        return new NotFoundException(new Sentence("No customer " + customerNo + ".", "客户 " + customerNo + " 不存在。"));
    }
}
