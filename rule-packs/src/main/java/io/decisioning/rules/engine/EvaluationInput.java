package io.decisioning.rules.engine;

import io.decisioning.rules.BlacklistHit;
import io.decisioning.rules.Complaint;
import io.decisioning.rules.CustomerProfile;
import java.util.List;
import java.util.Objects;

/**
 * The facts about one customer handed to the rules: the profile, the blacklist entries that match, and the complaints
 * of the party (DESIGN.md section 13), each a fact of this customer ({@link Complaint#customerNo}).
 */
public record EvaluationInput(CustomerProfile profile, List<BlacklistHit> blacklistHits, List<Complaint> complaints) {

    public EvaluationInput(CustomerProfile profile, List<BlacklistHit> blacklistHits) {
        this(profile, blacklistHits, List.of());
    }

    public EvaluationInput {
        Objects.requireNonNull(profile, "profile");
        blacklistHits = List.copyOf(blacklistHits);
        complaints = List.copyOf(complaints);
        for (BlacklistHit hit : blacklistHits) {
            if (!hit.customerNo().equals(profile.customerNo())) {
                throw new IllegalArgumentException("hit for " + hit.customerNo() + " given with " + profile.customerNo());
            }
        }
        java.util.Set<String> numbers = new java.util.HashSet<>();
        for (Complaint complaint : complaints) {
            if (!profile.customerNo().equals(complaint.customerNo())) {
                throw new IllegalArgumentException("complaint " + complaint.complaintNo() + " of " + complaint.customerNo()
                        + " given with " + profile.customerNo() + ": a party's complaints are facts of the customer evaluated");
            }
            if (!numbers.add(complaint.complaintNo())) {
                throw new IllegalArgumentException("complaint " + complaint.complaintNo() + " is twice in the facts of "
                        + profile.customerNo());
            }
        }
    }

    /** The complaint of this number among the customer's, or null. */
    public Complaint complaint(String complaintNo) {
        for (Complaint complaint : complaints) {
            if (complaint.complaintNo().equals(complaintNo)) {
                return complaint;
            }
        }
        return null;
    }
}
