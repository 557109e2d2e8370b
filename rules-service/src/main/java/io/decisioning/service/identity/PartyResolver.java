package io.decisioning.service.identity;

import io.decisioning.rules.LinkOutcome;
import io.decisioning.rules.RecordPair;
import io.decisioning.rules.engine.LinkDecision;
import io.decisioning.rules.engine.RuleSet;
import io.decisioning.service.engine.RuleEngine;
import io.decisioning.service.system.RulesProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Resolves CRM records into parties (DESIGN.md section 10): finds the pairs of records that share an
 * identity key, a phone, or a name with a birth date, lets the {@code identity} pack decide each pair,
 * and stores the parties and the candidates for review that follow ({@link Linker}).
 *
 * <p>Set-based: pairs come from the match-key index ({@code customer_match_key}), never from all pairs of
 * the book. Resolutions run one after another (they lock the party number counter), so a record is never
 * given two parties by two resolutions at once.
 */
@Service
public class PartyResolver {

    /** Records sharing one key beyond which the key pairs nobody (a placeholder number, a switchboard). */
    static final int GROUP_LIMIT = 50;
    /** The same for a phone: families share phones, call centres more. */
    static final int PHONE_GROUP_LIMIT = 10;
    /**
     * Records new or with changed keys, as a share of the book, beyond which a night resolves the whole book:
     * looking them up one by one would take longer than the one walk of the key index.
     */
    static final double WHOLE_BOOK_SHARE = 0.05;
    /** ... and beyond this many (a small book is resolved from what changed, whatever the share). */
    static final int WHOLE_BOOK_MIN = 10_000;
    /** Pairs decided per call of the rules. */
    static final int PAIRS_PER_BATCH = 5000;
    private static final Logger log = LoggerFactory.getLogger(PartyResolver.class);

    private final PartyRepository repository;
    private final MatchKeyRepository matchKeys;
    private final Supplier<RuleSet> rules;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final Duration wholeBookEvery;

    PartyResolver(PartyRepository repository, MatchKeyRepository matchKeys, RuleEngine engine,
                  ApplicationEventPublisher events, PlatformTransactionManager transactions, Clock clock,
                  RulesProperties settings) {
        this.repository = repository;
        this.matchKeys = matchKeys;
        this.events = events;
        this.rules = engine::current;
        this.tx = new TransactionTemplate(transactions);
        this.clock = clock;
        this.wholeBookEvery = settings.batch().wholeBookResolution();
    }

    /**
     * What a resolution of the book did: the records it looked at (those sharing a key, in parties of several,
     * decided about or candidates), their pairs, the records whose party changed, the candidates, the records
     * that got a party of their own, the records new to it (whose keys it stored first), and the records whose keys
     * had changed since their last resolution; {@code wholeBook} when it resolved the whole book rather than what
     * changed.
     */
    public record Summary(boolean wholeBook, int records, int pairs, int changed, int candidates, int singletons,
                          int fresh, int changedKeys) {
    }

    /**
     * Stores the match keys of the records that were never resolved (new in the CRM since the last run, or the
     * whole book on a first run), so that they are paired with the rest tonight rather than after their first
     * evaluation has stored them.
     */
    private void storeKeys(List<Long> fresh) {
        for (List<Long> chunk : PartyRepository.chunks(fresh)) {
            matchKeys.refresh(repository.records(chunk).values().stream()
                    .map(record -> new CustomerKeys(record.customerId(), record.keys())).toList());
        }
    }

    /**
     * Keeps the book's parties resolved, in one transaction. The whole book (every record that shares a key with
     * another, every member of a party of several, every record a person decided about or a candidate names) on
     * the first run, when the identity pack's version changed since the last whole-book resolution, and every
     * {@code rules.batch.whole-book-resolution}; otherwise only what can have changed since: the records whose
     * identity keys changed ({@code identity_change}) and the records new to the CRM, with the records sharing
     * their keys and their parties' members (the same parties, for a fraction of the work). Every record without
     * a party gets one of its own.
     */
    public Summary resolveBook() {
        return tx.execute(status -> {
            long started = System.nanoTime();
            long next = repository.lockNumbers();
            String linking = rules.get().linking();
            PartyRepository.WholeBook last = repository.wholeBook();
            List<Long> fresh = repository.recordsWithoutParty();
            storeKeys(fresh);
            List<Long> changedKeys = repository.recordsWithChangedKeys();
            Instant now = clock.instant();
            boolean whole = !linking.equals(last.linking()) || last.resolvedAt() == null
                    || !last.resolvedAt().plus(wholeBookEvery).isAfter(now)
                    || manyChanged(fresh.size() + changedKeys.size());
            Scope scope;
            if (whole) {
                scope = wholeBook();
            } else {
                Set<Long> involved = new HashSet<>(fresh);
                involved.addAll(changedKeys);
                scope = withDecisions(scopeOf(repository.records(involved)), false);
            }
            Resolved resolved = resolve(scope.records(), scope.decisions(), next);
            int singletons = fresh.isEmpty() ? 0 : repository.addSingletons(resolved.next(), now);
            repository.setNextNumber(resolved.next() + singletons);
            repository.keysResolved(changedKeys);
            if (whole) {
                repository.wholeBookResolved(linking, now);
            }
            Summary summary = new Summary(whole, scope.records().size(), resolved.pairs(), resolved.changed().size(),
                    resolved.candidates(), singletons, fresh.size(), changedKeys.size());
            log.info("Parties resolved for the book: {} ({} ms)", summary, (System.nanoTime() - started) / 1_000_000);
            return summary;
        });
    }

    /** Whether so many records are new or have other keys that one walk of the whole key index is the cheaper way. */
    private boolean manyChanged(int records) {
        return records > WHOLE_BOOK_MIN && records > WHOLE_BOOK_SHARE * repository.members();
    }

    /** Lists these records as having other identity keys than at their last resolution: the next night resolves them. */
    public void keysChanged(List<Long> customerIds) {
        if (!customerIds.isEmpty()) {
            repository.keysChanged(customerIds);
        }
    }

    /**
     * Resolves the parties of these records in the caller's transaction: the records, those sharing a key
     * with them, the members of their parties and the records a person decided about with them. Records
     * not in the CRM are left out.
     *
     * @return the records whose party changed (joined, left, got another primary) or whose review candidates
     *         changed, these records included when they had none
     */
    public Set<Long> resolve(Collection<Long> customerIds) {
        if (customerIds.isEmpty()) {
            return Set.of();
        }
        long next = repository.lockNumbers();
        Map<Long, IdentityRecord> involved = repository.records(customerIds);
        Scope scope = withDecisions(scopeOf(involved), false);
        Resolved resolved = resolve(scope.records(), scope.decisions(), next);
        repository.setNextNumber(resolved.next());
        // the other records whose party or review candidates changed are evaluated again once this commits
        List<Long> others = resolved.changed().stream().filter(id -> !involved.containsKey(id)).toList();
        if (!others.isEmpty()) {
            events.publishEvent(new PartiesChanged(others, "resolution of " + involved.size() + " records"));
        }
        return resolved.changed();
    }

    /** The records a resolution looks at, and what people decided about them. */
    private record Scope(Set<Long> records, List<Linker.Decision> decisions) {
    }

    /**
     * The whole book's records that can be in a party of several: those sharing a key with another (but in crowds),
     * the members of parties of several, and those people decided about or a candidate names.
     */
    private Scope wholeBook() {
        Set<Long> records = repository.recordsSharingKeys(GROUP_LIMIT, PHONE_GROUP_LIMIT);
        records.addAll(repository.membersOfLargerParties());
        return withDecisions(records, true);
    }

    /**
     * These records with the records people decided about with them and those their pending candidates name
     * ({@code wholeBook}: every decision and candidate of the book, read without a list of ids).
     */
    private Scope withDecisions(Set<Long> records, boolean wholeBook) {
        List<Linker.Decision> decisions = repository.decisions(wholeBook ? null : records);
        for (Linker.Decision decision : decisions) {
            records.add(decision.a());
            records.add(decision.b());
        }
        records.addAll(repository.recordsOfPendingCandidates(wholeBook ? null : records));
        return new Scope(records, decisions);
    }

    /** These records, the records sharing a pairing key with them (but in crowds), and all members of their parties. */
    private Set<Long> scopeOf(Map<Long, IdentityRecord> involved) {
        Set<Long> scope = new HashSet<>(involved.keySet());
        if (involved.isEmpty()) {
            return scope;
        }
        repository.recordsWithKeys(involved.values().stream().map(IdentityRecord::keys).toList()).forEach((type, groups) ->
                groups.values().stream()
                        .filter(ids -> ids.size() <= (type == KeyType.PHONE ? PHONE_GROUP_LIMIT : GROUP_LIMIT))
                        .forEach(scope::addAll));
        Set<Long> parties = new HashSet<>();
        repository.memberships(scope).values().forEach(m -> {
            if (m.records() > 1) {
                parties.add(m.partyNo());
            }
        });
        scope.addAll(repository.membersOf(parties));
        return scope;
    }

    /**
     * The primary record of the record's party (DESIGN.md section 10), resolving the record first, in the
     * caller's transaction, when it has no party yet.
     */
    public long primaryOf(long customerId) {
        return repository.primaryOf(customerId).orElseGet(() -> {
            resolve(List.of(customerId));
            return repository.primaryOf(customerId).orElse(customerId);
        });
    }

    private record Resolved(int pairs, Set<Long> changed, int candidates, long next) {
    }

    private Resolved resolve(Set<Long> scope, List<Linker.Decision> decisions, long firstFreeNumber) {
        Map<Long, IdentityRecord> records = repository.records(scope);
        Map<Long, PartyRepository.Stored> stored = repository.memberships(records.keySet());
        List<Linker.Pair> pairs = decide(records);
        Map<Long, Long> current = new HashMap<>();
        stored.forEach((id, m) -> current.put(id, m.partyNo()));
        long[] next = {firstFreeNumber};
        Linker.Resolution resolution = Linker.link(records, pairs, decisions, current, () -> next[0]++);
        Set<Long> changed = new TreeSet<>(repository.saveMemberships(resolution.members().values(), stored, clock.instant()));
        Set<Long> reviewed = repository.syncCandidates(records.keySet(), resolution.candidates(), clock.instant());
        repository.recountCandidates(reviewed);
        changed.addAll(reviewed);
        return new Resolved(pairs.size(), changed, resolution.candidates().size(), next[0]);
    }

    /** The pairs of records that share a pairing key, each decided by the live identity pack. */
    private List<Linker.Pair> decide(Map<Long, IdentityRecord> records) {
        return decide(pairsOf(records), rules.get(), Supplier::get);
    }

    /** The pairs of records that share a pairing key (keys shared by too many records left out), {@code a < b}. */
    private static List<IdentityRecord[]> pairsOf(Map<Long, IdentityRecord> records) {
        Map<String, List<IdentityRecord>> groups = new HashMap<>();
        for (IdentityRecord record : records.values()) {
            for (KeyType type : PartyRepository.PAIRING_KEYS) {
                String key = record.keys().key(type);
                if (key != null) {
                    groups.computeIfAbsent(type.name() + "|" + key, k -> new ArrayList<>()).add(record);
                }
            }
        }
        Map<String, IdentityRecord[]> pairs = new HashMap<>();
        groups.forEach((key, group) -> {
            int limit = key.startsWith(KeyType.PHONE.name() + "|") ? PHONE_GROUP_LIMIT : GROUP_LIMIT;
            if (group.size() < 2 || group.size() > limit) {
                return;
            }
            group.sort((x, y) -> Long.compare(x.customerId(), y.customerId()));
            for (int i = 0; i < group.size(); i++) {
                for (int j = i + 1; j < group.size(); j++) {
                    IdentityRecord a = group.get(i);
                    IdentityRecord b = group.get(j);
                    pairs.putIfAbsent(IdentityRecord.pairId(a.customerId(), b.customerId()), new IdentityRecord[] {a, b});
                }
            }
        });
        List<IdentityRecord[]> all = new ArrayList<>(pairs.values());
        all.sort((x, y) -> x[0].customerId() != y[0].customerId() ? Long.compare(x[0].customerId(), y[0].customerId())
                : Long.compare(x[1].customerId(), y[1].customerId()));
        return all;
    }

    /**
     * Each pair decided by the identity pack of {@code ruleSet}, in the order given; each batch of pairs is
     * decided inside {@code sandbox}.
     */
    private static List<Linker.Pair> decide(List<IdentityRecord[]> all, RuleSet ruleSet,
                                            Function<Supplier<List<LinkDecision>>, List<LinkDecision>> sandbox) {
        List<Linker.Pair> decided = new ArrayList<>(all.size());
        for (int from = 0; from < all.size(); from += PAIRS_PER_BATCH) {
            List<IdentityRecord[]> batch = all.subList(from, Math.min(all.size(), from + PAIRS_PER_BATCH));
            List<RecordPair> facts = batch.stream().map(p -> p[0].pairWith(p[1])).toList();
            List<LinkDecision> decisions = sandbox.apply(() -> ruleSet.link(facts));
            for (int i = 0; i < batch.size(); i++) {
                IdentityRecord a = batch.get(i)[0];
                IdentityRecord b = batch.get(i)[1];
                LinkDecision decision = decisions.get(i);
                Set<Evidence> evidence = a.evidenceWith(b);
                decided.add(new Linker.Pair(a.customerId(), b.customerId(), decision.outcome(),
                        decision.reason().rule() + " (" + decision.reason().pack() + " v" + decision.reason().version() + ")",
                        evidence.isEmpty() ? EnumSet.noneOf(Evidence.class) : evidence));
            }
        }
        return decided;
    }

    /**
     * What the book's parties would be with {@code draft} instead of {@code live} (a version of the identity
     * pack in its place): the records and people's decisions a resolution of the book would take, each pair
     * decided by both, and the parties and review candidates that follow, compared. Reads only; locks and
     * writes nothing, so the counts are those of the book as the reads found it.
     *
     * @param examples pairs kept as examples of each change of outcome
     * @param sandbox  runs each batch of the draft's decisions (of {@value #PAIRS_PER_BATCH} pairs at most), so
     *                 that the caller can stop a draft rule whose action does not return
     */
    public LinkingImpact simulate(RuleSet live, RuleSet draft, int examples,
                                  Function<Supplier<List<LinkDecision>>, List<LinkDecision>> sandbox) {
        long started = System.nanoTime();
        long book = repository.countRecords();
        Scope scope = wholeBook();
        List<Linker.Decision> decisions = scope.decisions();
        Map<Long, IdentityRecord> records = repository.records(scope.records());
        List<IdentityRecord[]> pairs = pairsOf(records);
        List<Linker.Pair> now = decide(pairs, live, Supplier::get);
        List<Linker.Pair> then = decide(pairs, draft, sandbox);
        long[] number = {1};
        Linker.Resolution partiesNow = Linker.link(records, now, decisions, Map.of(), () -> number[0]++);
        Linker.Resolution partiesThen = Linker.link(records, then, decisions, Map.of(), () -> number[0]++);

        List<LinkingImpact.OutcomeCount> outcomes = new ArrayList<>();
        for (LinkOutcome outcome : LinkOutcome.values()) {
            outcomes.add(new LinkingImpact.OutcomeCount(outcome, count(now, outcome), count(then, outcome),
                    recordsIn(now, outcome), recordsIn(then, outcome)));
        }
        Map<List<LinkOutcome>, List<Integer>> changed = new TreeMap<>(Comparator.comparing((List<LinkOutcome> k) -> k.get(0))
                .thenComparing(k -> k.get(1)));
        for (int i = 0; i < pairs.size(); i++) {
            if (now.get(i).outcome() != then.get(i).outcome()) {
                changed.computeIfAbsent(List.of(now.get(i).outcome(), then.get(i).outcome()), k -> new ArrayList<>()).add(i);
            }
        }
        List<LinkingImpact.Change> changes = new ArrayList<>();
        changed.forEach((change, indexes) -> changes.add(new LinkingImpact.Change(change.get(0), change.get(1), indexes.size(),
                indexes.stream().limit(examples).map(i -> {
                    IdentityRecord a = pairs.get(i)[0];
                    IdentityRecord b = pairs.get(i)[1];
                    return new LinkingImpact.ExamplePair(a.customerNo(), a.branchCode(), b.customerNo(), b.branchCode(),
                            now.get(i).rule(), then.get(i).rule());
                }).toList())));
        long outside = book - records.size();
        LinkingImpact impact = new LinkingImpact(records.size(), pairs.size(),
                changed.values().stream().mapToLong(List::size).sum(), outcomes,
                outside + parties(partiesNow).size(), outside + parties(partiesThen).size(),
                recordsChangingParty(partiesNow, partiesThen), partiesNow.candidates().size(), partiesThen.candidates().size(),
                changes);
        log.info("Linking simulated over {} records and {} pairs in {} ms: {} pairs and {} records' parties change",
                records.size(), pairs.size(), (System.nanoTime() - started) / 1_000_000, impact.changedPairs(),
                impact.recordsChangingParty());
        return impact;
    }

    private static long count(List<Linker.Pair> pairs, LinkOutcome outcome) {
        return pairs.stream().filter(p -> p.outcome() == outcome).count();
    }

    private static long recordsIn(List<Linker.Pair> pairs, LinkOutcome outcome) {
        Set<Long> records = new HashSet<>();
        for (Linker.Pair pair : pairs) {
            if (pair.outcome() == outcome) {
                records.add(pair.a());
                records.add(pair.b());
            }
        }
        return records.size();
    }

    /** The members of each party, by its primary record. */
    private static Map<Long, Set<Long>> parties(Linker.Resolution resolution) {
        Map<Long, Set<Long>> parties = new HashMap<>();
        resolution.members().values().forEach(m ->
                parties.computeIfAbsent(m.primaryCustomerId(), p -> new HashSet<>()).add(m.customerId()));
        return parties;
    }

    /** Records whose party has other members in {@code then} than in {@code now}. */
    private static long recordsChangingParty(Linker.Resolution now, Linker.Resolution then) {
        Map<Long, Set<Long>> before = parties(now);
        Map<Long, Set<Long>> after = parties(then);
        return now.members().values().stream()
                .filter(m -> !before.get(m.primaryCustomerId())
                        .equals(after.get(then.members().get(m.customerId()).primaryCustomerId())))
                .count();
    }
}
