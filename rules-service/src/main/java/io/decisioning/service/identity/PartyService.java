package io.decisioning.service.identity;

import io.decisioning.rules.engine.Sentence;
import io.decisioning.service.audit.AuditTrail;
import io.decisioning.service.export.Rows;
import io.decisioning.service.system.ConflictException;
import io.decisioning.service.system.NotFoundException;
import io.decisioning.service.system.UserAccount;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What people see and do about parties (DESIGN.md section 10): a customer's party, the review queue, and
 * the merges, rejections and splits that overrule the identity pack. Each change is one transaction that
 * records the person's decision, resolves the records involved again and is audited; once it commits, the
 * records are evaluated again ({@link PartiesChanged}). Members outside the caller's branch are counted,
 * never named.
 */
@Service
public class PartyService {

    private final PartyRepository repository;
    private final PartyPolicyRepository policies;
    private final PartyResolver resolver;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate tx;
    private final Clock clock;

    PartyService(PartyRepository repository, PartyPolicyRepository policies, PartyResolver resolver, AuditTrail audit,
                 ApplicationEventPublisher events, PlatformTransactionManager transactions, Clock clock) {
        this.repository = repository;
        this.policies = policies;
        this.resolver = resolver;
        this.audit = audit;
        this.events = events;
        this.tx = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    /**
     * The party of a customer the user may see (404 otherwise, as for a customer that does not exist); a
     * record never resolved is resolved first.
     */
    public PartyView party(String customerNo, UserAccount user) {
        return tx.execute(status -> {
            PartyRepository.RecordRef record = visibleRecord(customerNo, user);
            Long partyNo = record.partyNo();
            if (partyNo == null) {
                resolver.resolve(List.of(record.customerId()));
                partyNo = repository.recordByNo(customerNo).map(PartyRepository.RecordRef::partyNo).orElseThrow();
            }
            return view(partyNo, user);
        });
    }

    /**
     * The policies and claims of the records of a customer's party that the user may see (the unified view
     * of the party), the newest {@code limit} of each; 404 as for {@link #party}.
     */
    public PartyPolicies policies(String customerNo, int limit, UserAccount user) {
        PartyView party = party(customerNo, user);
        List<String> records = party.members().stream().map(PartyView.Member::customerNo).toList();
        return new PartyPolicies(party.partyNo(), records, party.hiddenMembers(), policies.policies(records, limit),
                policies.countPolicies(records), policies.claims(records, limit), policies.countClaims(records));
    }

    /** A page of candidates in this status whose two records the user may see, newest first. */
    public CandidateView.Page candidates(CandidateStatus status, int page, int size, UserAccount user) {
        return repository.candidates(status, page, size, user);
    }

    /** Every candidate {@link #candidates} finds, for an export: counted first, then read newest first as written. */
    public Rows<CandidateView> candidateRows(CandidateStatus status, UserAccount user) {
        return Rows.of(() -> repository.countCandidates(status, user),
                each -> repository.forEachCandidate(status, user, each));
    }

    /**
     * Merges the parties of a pending candidate's two records: a person confirmed they are one. 409 when the
     * candidate is decided already, or when the merge would put two different valid resident IDs (or
     * organization codes) in one party, naming them.
     */
    public CandidateView merge(long candidateId, @Nullable String note, UserAccount user) {
        List<Long> changed = new ArrayList<>();
        CandidateView merged = tx.execute(status -> {
            PartyRepository.CandidateRow candidate = pendingCandidate(candidateId, user);
            repository.lockNumbers();
            Set<Long> involved = new TreeSet<>(membersOfPartiesOf(candidate.customerIdA(), candidate.customerIdB()));
            Map<Long, IdentityRecord> records = repository.records(involved);
            conflict(records.values()).ifPresent(message -> {
                throw new ConflictException(new Sentence("Candidate " + candidateId + " cannot be merged: " + message.en()
                        + ". Different valid identity numbers are different people; keep them apart.",
                        "候选 " + candidateId + " 不能合并：" + message.zh() + "。不同的有效证件号码属于不同的人，请保持分开。"));
            });
            Instant now = now();
            repository.saveDecision(records.get(candidate.customerIdA()), records.get(candidate.customerIdB()),
                    Linker.Decision.Kind.CONFIRMED, user.getUsername(), now, note);
            repository.decideCandidate(candidateId, CandidateStatus.MERGED, user.getUsername(), now, note);
            repository.recountCandidates(List.of(candidate.customerIdA(), candidate.customerIdB()));
            resolver.resolve(involved);
            changed.addAll(involved);
            audit.record(user.getUsername(), "IDENTITY_MERGE", "IDENTITY_CANDIDATE", Long.toString(candidateId),
                    Map.of("customerNoA", candidate.view().customerNoA(), "customerNoB", candidate.view().customerNoB(),
                            "evidence", candidate.view().evidence(), "note", note == null ? "" : note));
            return repository.lockCandidate(candidateId).orElseThrow().view();
        });
        events.publishEvent(new PartiesChanged(changed, "merge of candidate " + candidateId));
        return merged;
    }

    /** Keeps a pending candidate's records apart: not proposed again while both are as they are now. */
    public CandidateView reject(long candidateId, @Nullable String note, UserAccount user) {
        List<Long> changed = new ArrayList<>();
        CandidateView rejected = tx.execute(status -> {
            PartyRepository.CandidateRow candidate = pendingCandidate(candidateId, user);
            repository.lockNumbers();
            Map<Long, IdentityRecord> records = repository.records(List.of(candidate.customerIdA(), candidate.customerIdB()));
            Instant now = now();
            repository.saveDecision(records.get(candidate.customerIdA()), records.get(candidate.customerIdB()),
                    Linker.Decision.Kind.APART, user.getUsername(), now, note);
            repository.decideCandidate(candidateId, CandidateStatus.REJECTED, user.getUsername(), now, note);
            repository.recountCandidates(List.of(candidate.customerIdA(), candidate.customerIdB()));
            changed.addAll(List.of(candidate.customerIdA(), candidate.customerIdB()));
            audit.record(user.getUsername(), "IDENTITY_REJECT", "IDENTITY_CANDIDATE", Long.toString(candidateId),
                    Map.of("customerNoA", candidate.view().customerNoA(), "customerNoB", candidate.view().customerNoB(),
                            "evidence", candidate.view().evidence(), "note", note == null ? "" : note));
            return repository.lockCandidate(candidateId).orElseThrow().view();
        });
        events.publishEvent(new PartiesChanged(changed, "rejection of candidate " + candidateId));
        return rejected;
    }

    /**
     * Takes a record out of its party: it gets a party of its own with a new number and is kept apart from
     * every record it leaves (until its or their keys change). 404 for a party the user does not see, or a
     * record not in it.
     */
    public PartyView split(long partyNo, String customerNo, String reason, UserAccount user) {
        List<Long> changed = new ArrayList<>();
        PartyView after = tx.execute(status -> {
            long next = repository.lockNumbers();
            List<PartyRepository.MemberRow> members = repository.membersOfParty(partyNo);
            if (members.isEmpty() || members.stream().noneMatch(m -> user.canSee(m.branchCode()))) {
                throw new NotFoundException(new Sentence("No party " + partyNo + ".", "客户主体 " + partyNo + " 不存在。"));
            }
            PartyRepository.MemberRow leaving = members.stream().filter(m -> m.customerNo().equals(customerNo))
                    .filter(m -> user.canSee(m.branchCode())).findFirst()
                    .orElseThrow(() -> new NotFoundException(new Sentence("Customer " + customerNo + " is not in party "
                            + partyNo + ".", "客户 " + customerNo + " 不在客户主体 " + partyNo + " 中。")));
            if (members.size() == 1) {
                throw new ConflictException(new Sentence("Customer " + customerNo + " is alone in party " + partyNo
                        + ": nothing to split.", "客户主体 " + partyNo + " 中只有客户 " + customerNo + "，无可拆分。"));
            }
            List<Long> ids = members.stream().map(PartyRepository.MemberRow::customerId).toList();
            Map<Long, IdentityRecord> records = repository.records(ids);
            Instant now = now();
            IdentityRecord split = records.get(leaving.customerId());
            for (long other : ids) {
                if (other != leaving.customerId() && records.containsKey(other)) {
                    repository.saveDecision(split, records.get(other), Linker.Decision.Kind.APART, user.getUsername(), now,
                            reason);
                }
            }
            repository.moveToNewParty(leaving.customerId(), next, now);
            repository.setNextNumber(next + 1);
            resolver.resolve(ids);
            changed.addAll(ids);
            audit.record(user.getUsername(), "PARTY_SPLIT", "PARTY", Long.toString(partyNo),
                    Map.of("customerNo", customerNo, "newPartyNo", next, "reason", reason,
                            "members", members.stream().map(PartyRepository.MemberRow::customerNo).toList()));
            return view(repository.recordByNo(customerNo).map(PartyRepository.RecordRef::partyNo).orElseThrow(), user);
        });
        events.publishEvent(new PartiesChanged(changed, "split of party " + partyNo));
        return after;
    }

    private PartyRepository.RecordRef visibleRecord(String customerNo, UserAccount user) {
        return repository.recordByNo(customerNo).filter(r -> user.canSee(r.branchCode()))
                .orElseThrow(() -> new NotFoundException(new Sentence("No customer " + customerNo + ".",
                        "客户 " + customerNo + " 不存在。")));
    }

    private PartyRepository.CandidateRow pendingCandidate(long candidateId, UserAccount user) {
        PartyRepository.CandidateRow candidate = repository.lockCandidate(candidateId)
                .filter(c -> user.canSee(c.branchA()) && user.canSee(c.branchB()))
                .orElseThrow(() -> new NotFoundException(new Sentence("No candidate " + candidateId + ".",
                        "候选 " + candidateId + " 不存在。")));
        if (candidate.view().status() != CandidateStatus.PENDING) {
            String decided = candidate.view().status() == CandidateStatus.MERGED ? "合并" : "拒绝";
            throw new ConflictException(new Sentence("Candidate " + candidateId + " was "
                    + candidate.view().status().name().toLowerCase() + " by " + candidate.view().decidedBy() + " already.",
                    "候选 " + candidateId + " 已由 " + candidate.view().decidedBy() + " " + decided + "。"));
        }
        return candidate;
    }

    /** The records of the parties of these records (the records themselves when they have none yet). */
    private Set<Long> membersOfPartiesOf(long... customerIds) {
        Set<Long> ids = new HashSet<>();
        Set<Long> parties = new HashSet<>();
        for (long id : customerIds) {
            ids.add(id);
        }
        repository.memberships(ids).values().forEach(m -> parties.add(m.partyNo()));
        ids.addAll(repository.membersOf(parties));
        return ids;
    }

    /** Two different valid resident IDs or organization codes among these records, as a sentence; empty if none. */
    private static java.util.Optional<Sentence> conflict(java.util.Collection<IdentityRecord> records) {
        Map<String, IdentityRecord> byKind = new LinkedHashMap<>();
        for (IdentityRecord record : records) {
            String kind = record.strongIdentityKind();
            if (kind == null) {
                continue;
            }
            IdentityRecord other = byKind.putIfAbsent(kind, record);
            if (other != null && !other.keys().identity().equals(record.keys().identity())) {
                boolean resident = kind.equals(MatchKeys.RESIDENT_ID_PREFIX);
                String what = resident ? "resident IDs" : "organization codes";
                String whatZh = resident ? "居民身份证号码" : "组织机构代码";
                return java.util.Optional.of(new Sentence(other.customerNo() + " and " + record.customerNo()
                        + " have different " + what + " (" + number(other) + " and " + number(record) + ")",
                        other.customerNo() + " 与 " + record.customerNo() + " 的" + whatZh + "不同（" + number(other) + " 与 "
                                + number(record) + "）"));
            }
        }
        return java.util.Optional.empty();
    }

    private static String number(IdentityRecord record) {
        String identity = record.keys().identity();
        return identity.substring(identity.indexOf('|') + 1);
    }

    private PartyView view(long partyNo, UserAccount user) {
        List<PartyRepository.MemberRow> members = repository.membersOfParty(partyNo);
        List<PartyView.Member> visible = new ArrayList<>();
        String primaryNo = null;
        for (PartyRepository.MemberRow member : members) {
            boolean seen = user.canSee(member.branchCode());
            if (member.customerId() == member.primaryCustomerId() && seen) {
                primaryNo = member.customerNo();
            }
            if (seen) {
                visible.add(new PartyView.Member(member.customerNo(), member.branchCode(), member.link(),
                        member.linkedAt().toInstant(ZoneOffset.UTC), List.copyOf(member.evidence())));
            }
        }
        return new PartyView(partyNo, primaryNo, visible, members.size() - visible.size());
    }

    private Instant now() {
        return clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    }
}
