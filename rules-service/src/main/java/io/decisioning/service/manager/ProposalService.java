package io.decisioning.service.manager;

import io.decisioning.rules.engine.Sentence;
import io.decisioning.service.audit.AuditTrail;
import io.decisioning.service.batch.RunSucceeded;
import io.decisioning.service.export.Rows;
import io.decisioning.service.system.ConflictException;
import io.decisioning.service.system.NotFoundException;
import io.decisioning.service.system.UserAccount;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Assignment proposals (DESIGN.md section 12): after each nightly run, every VIP record whose manager is not an ACTIVE
 * manager of the tier's level, or whose manager is over capacity, gets one PENDING proposal ({@link ProposalPlanner}
 * chooses the manager); a manager set to LEFT gets proposals for their whole book at once, and the open proposals to
 * them are withdrawn and proposed again to others. Approvers accept or reject; a proposal is APPLIED once the CRM
 * names its manager. A VIP for whom no manager is possible keeps its warning and is listed as unplaced.
 */
@Service
public class ProposalService {

    private static final Logger log = LoggerFactory.getLogger(ProposalService.class);

    private final ProposalRepository proposals;
    private final AuditTrail audit;
    private final Clock clock;
    private final TransactionTemplate newTransaction;

    ProposalService(ProposalRepository proposals, AuditTrail audit, Clock clock, PlatformTransactionManager transactions) {
        this.proposals = proposals;
        this.audit = audit;
        this.clock = clock;
        this.newTransaction = new TransactionTemplate(transactions);
        this.newTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** After a run over the whole book: proposals for the VIPs that need a manager. A failure is logged, never the run's. */
    @TransactionalEventListener(fallbackExecution = true)
    void afterRun(RunSucceeded run) {
        try {
            Plan plan = newTransaction.execute(status -> proposeForBook());
            log.info("After run {}: {} assignment proposals, {} VIPs without a possible manager, {} proposals applied",
                    run.runId(), Objects.requireNonNull(plan).proposed(), plan.unplaced(), plan.applied());
        } catch (RuntimeException e) {
            log.error("Assignment proposals after run {} failed; the next run proposes again", run.runId(), e);
        }
    }

    /** What a planning did: proposals made, customers nobody can take, accepted proposals the CRM applied since. */
    public record Plan(int proposed, int unplaced, int applied) {
    }

    /** Proposals for every VIP record that needs a manager, in the caller's transaction (see the class comment). */
    @Transactional
    public Plan proposeForBook() {
        LocalDateTime now = now();
        int applied = proposals.markApplied(now);
        List<ProposalPlanner.Candidate> candidates = proposals.candidates();
        List<ProposalRepository.Needing> needs = new ArrayList<>(proposals.vipNeeds(null));
        Set<Long> seen = new HashSet<>();
        needs.forEach(n -> seen.add(n.customerId()));
        proposals.overCapacity(candidates).stream().filter(n -> seen.add(n.customerId())).forEach(needs::add);
        Plan plan = plan(needs, candidates, null, Map.of(), now);
        return new Plan(plan.proposed(), plan.unplaced(), applied);
    }

    /**
     * A manager is leaving: their open proposals are withdrawn, and every record they look after and every customer
     * of a withdrawn proposal is proposed to another manager, in the caller's transaction (the status change's).
     */
    public Plan managerLeft(String code, String by) {
        LocalDateTime now = now();
        Map<Long, ProposalReason> withdrawn = proposals.withdrawTo(code, now);
        if (!withdrawn.isEmpty()) {
            audit.record(by, "ASSIGNMENT_WITHDRAW", "ACCOUNT_MANAGER", code, Map.of("proposals", withdrawn.size()));
        }
        List<ProposalRepository.Needing> needs = new ArrayList<>(proposals.bookOf(code));
        Set<Long> seen = new HashSet<>();
        needs.forEach(n -> seen.add(n.customerId()));
        proposals.records(withdrawn.keySet()).stream().filter(n -> seen.add(n.customerId())).forEach(needs::add);
        return plan(needs, proposals.candidates().stream().filter(c -> !c.code().equals(code)).toList(), code, withdrawn, now);
    }

    /** Plans and stores proposals for the needs, in order; answers how many were proposed and how many nobody can take. */
    private Plan plan(List<ProposalRepository.Needing> needs, List<ProposalPlanner.Candidate> candidates,
                      @Nullable String leaving, Map<Long, ProposalReason> withdrawnReasons, LocalDateTime now) {
        if (needs.isEmpty()) {
            return new Plan(0, 0, 0);
        }
        ProposalPlanner planner = new ProposalPlanner(candidates);
        Map<Long, Set<String>> partyManagers = proposals.partyManagers(
                needs.stream().map(ProposalRepository.Needing::partyNo).filter(Objects::nonNull).distinct().toList());
        Map<Long, Set<String>> rejected = proposals.rejected(ids(needs));
        // the most valuable first: PLATINUM before GOLD before the rest, each by record
        List<ProposalRepository.Needing> ordered = new ArrayList<>(needs);
        ordered.sort(java.util.Comparator.comparingInt((ProposalRepository.Needing n) -> rank(n.tier()))
                .thenComparingLong(ProposalRepository.Needing::customerId));
        List<Object[]> rows = new ArrayList<>();
        int unplaced = 0;
        for (ProposalRepository.Needing need : ordered) {
            ProposalReason reason = withdrawnReasons.containsKey(need.customerId()) && !Objects.equals(need.manager(), leaving)
                    ? withdrawnReasons.get(need.customerId()) : reason(need, leaving);
            Set<String> excluded = new HashSet<>(rejected.getOrDefault(need.customerId(), Set.of()));
            if (need.manager() != null) {
                excluded.add(need.manager());
            }
            Set<String> party = need.partyNo() == null ? Set.of() : partyManagers.getOrDefault(need.partyNo(), Set.of());
            Optional<String> target = planner.choose(new ProposalPlanner.Need(need.customerId(), need.customerNo(),
                    need.branchCode(), ProposalPlanner.minimumFor(Objects.toString(need.tier(), "")), need.manager(), reason,
                    party, excluded));
            if (target.isPresent()) {
                rows.add(new Object[] {need.customerId(), need.customerNo(), need.manager(), target.get(), reason.name()});
            } else {
                unplaced++;
            }
        }
        proposals.insert(rows, now);
        return new Plan(rows.size(), unplaced, 0);
    }

    private static ProposalReason reason(ProposalRepository.Needing need, @Nullable String leaving) {
        if (need.manager() != null && need.manager().equals(leaving) || need.managerStatus() == ManagerState.LEFT) {
            return ProposalReason.MANAGER_LEFT;
        }
        if (need.managerStatus() != ManagerState.ACTIVE) {
            return ProposalReason.NO_MANAGER;
        }
        if (need.managerLevel() != null && need.tier() != null
                && need.managerLevel().compareTo(ProposalPlanner.minimumFor(need.tier())) < 0) {
            return ProposalReason.LEVEL_TOO_LOW;
        }
        return ProposalReason.OVER_CAPACITY;
    }

    private static int rank(@Nullable String tier) {
        return "PLATINUM".equals(tier) ? 0 : "GOLD".equals(tier) ? 1 : 2;
    }

    private static List<Long> ids(Collection<ProposalRepository.Needing> needs) {
        return needs.stream().map(ProposalRepository.Needing::customerId).toList();
    }

    /** A page of proposals of the caller's branch scope, newest first. */
    public ProposalPage page(@Nullable ProposalStatus status, UserAccount user, int page, int size) {
        return new ProposalPage(proposals.page(status, user, page, size), proposals.count(status, user));
    }

    /** Every proposal {@link #page} finds, for an export: counted first, then read newest first as it is written. */
    public Rows<AssignmentProposal> rows(@Nullable ProposalStatus status, UserAccount user) {
        return Rows.of(() -> proposals.count(status, user), each -> proposals.forEach(status, user, each));
    }

    /** A page of proposals and the total matching. */
    public record ProposalPage(List<AssignmentProposal> items, long total) {
    }

    /** The VIP records of the caller's scope that need a manager and have no open proposal: nobody is possible. */
    public List<Unplaced> unplaced(UserAccount user) {
        return proposals.vipNeeds(user).stream()
                .map(n -> new Unplaced(n.customerNo(), n.branchCode(), n.tier(), n.manager(), reason(n, null)))
                .toList();
    }

    /** A VIP record no manager can be proposed for (none of the tier's level with free capacity in its branch tree). */
    public record Unplaced(String customerNo, String branchCode, @Nullable String tier, @Nullable String accountManager,
                           ProposalReason reason) {
    }

    @Transactional
    public AssignmentProposal accept(long id, UserAccount user) {
        return decide(id, ProposalStatus.ACCEPTED, null, user);
    }

    @Transactional
    public AssignmentProposal reject(long id, @Nullable String note, UserAccount user) {
        return decide(id, ProposalStatus.REJECTED, note, user);
    }

    private AssignmentProposal decide(long id, ProposalStatus decision, @Nullable String note, UserAccount user) {
        AssignmentProposal proposal = proposals.find(id).filter(p -> user.canSee(p.branchCode()))
                .orElseThrow(() -> new NotFoundException(new Sentence("No assignment proposal " + id + ".",
                        "分配建议 " + id + " 不存在。")));
        ProposalStatus status = proposals.lockStatus(id).orElseThrow();
        if (status != ProposalStatus.PENDING) {
            throw new ConflictException(new Sentence("Assignment proposal " + id + " is " + status
                    + "; only a PENDING one is decided.", "分配建议 " + id + " 的状态为 " + status + "，只能处理 PENDING 状态的建议。"));
        }
        proposals.decide(id, decision, user.getUsername(), note, now());
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("customerNo", proposal.customerNo());
        detail.put("toManager", proposal.toManager());
        detail.put("note", note);
        audit.record(user.getUsername(), decision == ProposalStatus.ACCEPTED ? "ASSIGNMENT_ACCEPT" : "ASSIGNMENT_REJECT",
                "ASSIGNMENT_PROPOSAL", Long.toString(id), detail);
        return proposals.find(id).orElseThrow();
    }

    private LocalDateTime now() {
        return LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    }
}
