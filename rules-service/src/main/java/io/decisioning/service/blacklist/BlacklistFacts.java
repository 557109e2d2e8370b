package io.decisioning.service.blacklist;

import io.decisioning.service.assessment.FactSource;
import io.decisioning.service.assessment.Facts;
import io.decisioning.service.assessment.Party;
import io.decisioning.service.assessment.Subject;
import io.decisioning.service.assessment.Subjects;
import io.decisioning.service.identity.MatchKeys;
import io.decisioning.service.system.BulkSql;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The blacklist entries each customer or applicant matches (DESIGN.md section 4), with what matched:
 * on the CRM row's identity keys and on what an applicant stated in a pre-bind check. One statement for
 * any set of customers.
 *
 * <p>A small set sends its keys. A large one (a nightly chunk) whose customers' keys are mostly stored
 * already ({@link Subject#keysStored()}) joins their {@code customer_match_key} rows with the entries
 * instead, and sends only the keys that are not stored: three thousand keys in a statement cost
 * MariaDB more to parse and look up than the join costs (BENCHMARKS.md section 6).
 */
@Component
@Order(BlacklistFacts.ORDER)
class BlacklistFacts implements FactSource {

    static final int ORDER = 300;
    /** From this many customers with stored keys on, their keys are joined in the database rather than sent. */
    static final int JOIN_STORED_KEYS_FROM = 100;

    private final BlacklistMatchRepository matches;

    BlacklistFacts(BlacklistMatchRepository matches) {
        this.matches = matches;
    }

    @Override
    public void read(Subjects subjects, Facts facts) {
        List<Long> keysStored = subjects.all().stream().filter(Subject::keysStored).map(Subject::customerId).toList();
        boolean join = keysStored.size() >= JOIN_STORED_KEYS_FROM;
        List<MatchKeys> keys = new ArrayList<>(subjects.all().size() + 1);
        for (Subject subject : subjects.all()) {
            if (!join || !subject.keysStored()) {
                keys.add(subject.keys());
            }
            if (subject.stated() != null) {
                keys.add(subject.stated());
            }
        }
        // a match of any record of a party counts for the whole party (DESIGN.md section 10)
        Set<Long> ids = new HashSet<>(subjects.customerIds());
        subjects.parties().values().forEach(members -> members.stream()
                .filter(member -> !ids.contains(member.customerId()))
                .forEach(member -> keys.add(member.keys())));
        // Within a selected range, rows of customers whose stored keys are out of date join too: harmless, as a
        // hit is only ever taken on a customer's current keys below.
        Subjects.Condition storedKeysOf = !join ? null
                : subjects.range() != null ? subjects.customersIn("k.customer_id", "k")
                : condition(BulkSql.ids("k.customer_id", keysStored, "k"));
        List<BlacklistMatchRepository.ActiveEntry> entries = matches.activeEntriesMatching(keys, storedKeysOf,
                subjects.asOf());
        if (entries.isEmpty()) {
            return;
        }
        Map<String, List<BlacklistMatchRepository.ActiveEntry>> byKey = new HashMap<>();
        for (BlacklistMatchRepository.ActiveEntry entry : entries) {
            for (String key : new String[] {entry.keys().idNumber(), entry.keys().nameBirthDate(), entry.keys().phone()}) {
                if (key != null) {
                    byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(entry);
                }
            }
        }
        for (Subject subject : subjects.all()) {
            Map<Long, BlacklistMatchRepository.ActiveEntry> candidates = new TreeMap<>();
            collect(subject.keys(), byKey, candidates);
            collect(subject.stated(), byKey, candidates);
            List<MatchKeys> more = new ArrayList<>();
            more.add(subject.stated());
            if (subject.inLargerParty()) {
                for (Party.Member member : subjects.membersOf(subject)) {
                    if (member.customerId() != subject.customerId()) {
                        collect(member.keys(), byKey, candidates);
                        more.add(member.keys());
                    }
                }
            }
            MatchKeys[] others = more.toArray(MatchKeys[]::new);
            candidates.values().stream()
                    .sorted(Comparator.comparingLong(BlacklistMatchRepository.ActiveEntry::id))
                    .forEach(entry -> entry.hitFor(subject.customerNo(), subject.keys(), others)
                            .ifPresent(hit -> facts.hit(subject, hit)));
        }
    }

    private static Subjects.Condition condition(BulkSql.IdCondition ids) {
        return new Subjects.Condition(ids.sql(), ids.params());
    }

    private static void collect(MatchKeys keys, Map<String, List<BlacklistMatchRepository.ActiveEntry>> byKey,
                                Map<Long, BlacklistMatchRepository.ActiveEntry> into) {
        if (keys == null) {
            return;
        }
        for (String key : new String[] {keys.idNumber(), keys.nameBirthDate(), keys.phone()}) {
            if (key != null) {
                byKey.getOrDefault(key, List.of()).forEach(entry -> into.put(entry.id(), entry));
            }
        }
    }
}
