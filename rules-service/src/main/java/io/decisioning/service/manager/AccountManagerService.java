package io.decisioning.service.manager;

import io.decisioning.rules.engine.Sentence;
import io.decisioning.service.audit.AuditTrail;
import io.decisioning.service.event.EventService;
import io.decisioning.service.event.EventType;
import io.decisioning.service.system.BranchScope;
import io.decisioning.service.system.ConflictException;
import io.decisioning.service.system.InvalidInputException;
import io.decisioning.service.system.NotFoundException;
import io.decisioning.service.system.UserAccount;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The register of account managers (DESIGN.md section 12): administrators add managers and change them; everyone who
 * reads it sees the managers of their branch's subtree. A change of a manager's status or level changes the
 * {@code managerStatus} and {@code managerLevel} of every customer they manage, so those customers are evaluated again
 * through the event path, with the change's transaction. A manager set to LEFT has their whole book proposed to other
 * managers in the same transaction ({@link ProposalService#managerLeft}).
 */
@Service
public class AccountManagerService {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(AccountManagerService.class);

    private final AccountManagerRepository managers;
    private final ProposalService proposals;
    private final EventService events;
    private final AuditTrail audit;
    private final Clock clock;

    AccountManagerService(AccountManagerRepository managers, ProposalService proposals, EventService events,
                          AuditTrail audit, Clock clock) {
        this.managers = managers;
        this.proposals = proposals;
        this.events = events;
        this.audit = audit;
        this.clock = clock;
    }

    /** The managers of {@code branch}'s subtree (the caller's own by default, never beyond it), of one status or all. */
    public List<AccountManager> list(@Nullable String branch, @Nullable ManagerState status, UserAccount user) {
        String scope = branch;
        if (!BranchScope.seesAll(user)) {
            if (branch != null && !within(branch, user.branchCode())) {
                return List.of();
            }
            scope = branch == null ? user.branchCode() : branch;
        }
        return managers.list(scope, status);
    }

    /** The manager, if the caller's branch may see them (404 otherwise, as for an unknown code). */
    public AccountManager find(String code, UserAccount user) {
        AccountManager manager = managers.find(code).orElseThrow(() -> notFound(code));
        if (!BranchScope.seesAll(user) && !within(manager.branchCode(), user.branchCode())) {
            throw notFound(code);
        }
        return manager;
    }

    @Transactional
    public AccountManager add(ManagerRequest request, UserAccount user) {
        String code = request.code();
        if (code == null) {
            throw new InvalidInputException("code", new Sentence("is required", "为必填项"));
        }
        checkBranch(request.branchCode());
        ManagerState status = request.status() == null ? ManagerState.ACTIVE : request.status();
        if (!managers.insert(code, request, status, user.getUsername(), now())) {
            throw new ConflictException(new Sentence("Account manager " + code + " is already in the register.",
                    "客户经理 " + code + " 已在名册中。"));
        }
        audit.record(user.getUsername(), "ACCOUNT_MANAGER_ADD", "ACCOUNT_MANAGER", code, state(request, status));
        // customers the CRM already names them for were UNKNOWN, and now have a manager
        events.enqueue(EventType.ACCOUNT_MANAGER_CHANGED, managers.customersOf(code), user.getUsername());
        return managers.find(code).orElseThrow();
    }

    /**
     * Replaces the manager's name, branch, level, capacity, status and qualification date. The code is the path's; a
     * body that names another is refused.
     */
    @Transactional
    public AccountManager update(String code, ManagerRequest request, UserAccount user) {
        if (request.code() != null && !request.code().equals(code)) {
            throw new InvalidInputException("code", new Sentence("is " + code + " in the path; a manager's code cannot change",
                    "路径中为 " + code + "，客户经理的代码不能更改"));
        }
        if (!managers.lock(code)) {
            throw notFound(code);
        }
        AccountManager before = managers.find(code).orElseThrow();
        checkBranch(request.branchCode());
        ManagerState status = request.status() == null ? before.status() : request.status();
        managers.update(code, request, status, user.getUsername(), now());
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("from", state(before));
        detail.put("to", state(request, status));
        audit.record(user.getUsername(), "ACCOUNT_MANAGER_UPDATE", "ACCOUNT_MANAGER", code, detail);
        if (before.status() != status || before.level() != request.level()) {
            events.enqueue(EventType.ACCOUNT_MANAGER_CHANGED, managers.customersOf(code), user.getUsername());
        }
        if (status == ManagerState.LEFT && before.status() != ManagerState.LEFT) {
            // customers belong to the company, not the manager (seed 000): the whole book is proposed to others at once
            ProposalService.Plan plan = proposals.managerLeft(code, user.getUsername());
            log.info("Account manager {} left: {} assignment proposals, {} customers without a possible manager", code,
                    plan.proposed(), plan.unplaced());
        }
        return managers.find(code).orElseThrow();
    }

    private void checkBranch(String branch) {
        if (!managers.branchKnown(branch)) {
            throw new InvalidInputException("branchCode", new Sentence("is not a branch the service knows: " + branch
                    + " (head office, or a branch of the CRM's customers, users or managers)",
                    "不是本服务已知的机构：" + branch + "（须为总公司，或 CRM 中客户、用户或客户经理所属的机构）"));
        }
    }

    /** Whether {@code branch} is {@code scope} or one of its sub-branches. */
    static boolean within(String branch, String scope) {
        return branch.equals(scope) || branch.startsWith(scope + "-");
    }

    private static NotFoundException notFound(String code) {
        return new NotFoundException(new Sentence("No account manager " + code + ".", "客户经理 " + code + " 不存在。"));
    }

    private static Map<String, Object> state(ManagerRequest m, ManagerState status) {
        return state(m.name(), m.branchCode(), m.level(), m.capacity(), status, m.qualifiedUntil());
    }

    private static Map<String, Object> state(AccountManager m) {
        return state(m.name(), m.branchCode(), m.level(), m.capacity(), m.status(), m.qualifiedUntil());
    }

    /** A manager's fields as the audit trail keeps them. */
    private static Map<String, Object> state(String name, String branchCode, ManagerLevel level, int capacity,
                                             ManagerState status, java.time.@Nullable LocalDate qualifiedUntil) {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("name", name);
        state.put("branchCode", branchCode);
        state.put("level", level.name());
        state.put("capacity", capacity);
        state.put("status", status.name());
        state.put("qualifiedUntil", Objects.toString(qualifiedUntil, null));
        return state;
    }

    private LocalDateTime now() {
        return LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    }
}
