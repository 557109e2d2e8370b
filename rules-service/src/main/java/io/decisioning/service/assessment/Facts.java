package io.decisioning.service.assessment;

import io.decisioning.rules.BlacklistHit;
import io.decisioning.rules.engine.EvaluationInput;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What the fact sources found about the subjects of one evaluation, collected customer by customer
 * until the rule packs get them ({@link #inputs()}).
 */
public final class Facts {

    private final Map<Subject, ProfileFacts> profiles = new LinkedHashMap<>();
    private final Map<Long, ProfileFacts> byCustomerId = new HashMap<>();
    private final Map<Subject, List<BlacklistHit>> hits = new HashMap<>();

    Facts() {
    }

    Facts(Subjects subjects) {
        subjects.all().forEach(this::add);
    }

    /** A subject more, with no facts yet. */
    void add(Subject subject) {
        ProfileFacts profile = new ProfileFacts(subject);
        profiles.put(subject, profile);
        if (!subject.applicant()) {
            byCustomerId.put(subject.customerId(), profile);
        }
    }

    /** The subjects, in the order they were added. */
    List<Subject> subjects() {
        return List.copyOf(profiles.keySet());
    }

    /** The profile of the customer with this id; null when it is not one of the subjects. */
    public @Nullable ProfileFacts profile(long customerId) {
        return byCustomerId.get(customerId);
    }

    public ProfileFacts profile(Subject subject) {
        ProfileFacts profile = profiles.get(subject);
        if (profile == null) {
            throw new IllegalArgumentException("not a subject of this evaluation: " + subject.customerNo());
        }
        return profile;
    }

    /**
     * Whether the customers were read with the CRM keeping a premium schedule (DESIGN.md section 11): they then
     * have retention figures to fill in ({@link ProfileFacts#scheduleKept}); an applicant alone never has.
     */
    public boolean scheduleKept() {
        for (ProfileFacts profile : byCustomerId.values()) {
            return profile.hasRetention();
        }
        return false;
    }

    /** A blacklist entry that matches the subject; one per entry, with every field it matched on. */
    public void hit(Subject subject, BlacklistHit hit) {
        if (!hit.customerNo().equals(subject.customerNo())) {
            throw new IllegalArgumentException("a hit for " + hit.customerNo() + " given for " + subject.customerNo());
        }
        hits.computeIfAbsent(subject, s -> new ArrayList<>()).add(hit);
    }

    /** The rule packs' input of every subject, in the subjects' order. */
    List<EvaluationInput> inputs() {
        List<EvaluationInput> inputs = new ArrayList<>(profiles.size());
        profiles.forEach((subject, profile) -> inputs.add(
                new EvaluationInput(profile.toProfile(), hits.getOrDefault(subject, List.of()), profile.complaintFacts())));
        return inputs;
    }
}
