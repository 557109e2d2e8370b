package io.decisioning.service.blacklist;

import io.decisioning.service.assessment.FactSource;
import io.decisioning.service.assessment.Facts;
import io.decisioning.service.assessment.Subject;
import io.decisioning.service.assessment.Subjects;
import io.decisioning.service.identity.MatchKeys;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The blacklist entries each customer or applicant matches (DESIGN.md section 4), with what matched:
 * on the CRM row's identity keys and on what an applicant stated in a pre-bind check. One statement for
 * any set of customers.
 */
@Component
@Order(BlacklistFacts.ORDER)
class BlacklistFacts implements FactSource {

    static final int ORDER = 300;

    private final BlacklistMatchRepository matches;

    BlacklistFacts(BlacklistMatchRepository matches) {
        this.matches = matches;
    }

    @Override
    public void read(Subjects subjects, Facts facts) {
        List<MatchKeys> keys = new ArrayList<>(subjects.all().size() + 1);
        for (Subject subject : subjects.all()) {
            keys.add(subject.keys());
            if (subject.stated() != null) {
                keys.add(subject.stated());
            }
        }
        List<BlacklistMatchRepository.ActiveEntry> entries = matches.activeEntriesMatching(keys, subjects.asOf());
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
            candidates.values().stream()
                    .sorted(Comparator.comparingLong(BlacklistMatchRepository.ActiveEntry::id))
                    .forEach(entry -> entry.hitFor(subject.customerNo(), subject.keys(), subject.stated())
                            .ifPresent(hit -> facts.hit(subject, hit)));
        }
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
