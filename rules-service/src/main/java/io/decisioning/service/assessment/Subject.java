package io.decisioning.service.assessment;

import io.decisioning.service.identity.MatchKeys;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A customer being evaluated, as the CRM's customer table names it, or an applicant of a pre-bind check
 * who is not a customer yet.
 *
 * @param customerId 0 for an applicant
 * @param customerNo the CRM customer number; for an applicant a key of the check ("APPLICANT-...")
 * @param branchCode the customer's branch; null for an applicant
 * @param keys       the identity keys of the CRM row (of the stated details, for an applicant)
 * @param stated     identity details an applicant stated for this customer, or null
 * @param keysStored whether {@code customer_match_key} holds exactly {@code keys} for this customer (the
 *                   digest stored with its assessment is theirs), so that a source may join those rows
 *                   instead of sending the keys; false for an applicant and a customer never evaluated
 * @param party      its party (DESIGN.md section 10); null for an applicant and a record never resolved
 */
public record Subject(long customerId, String customerNo, String customerType, @Nullable String branchCode,
                      MatchKeys keys, @Nullable MatchKeys stated, boolean keysStored, @Nullable Party party) {

    public Subject {
        Objects.requireNonNull(customerNo, "customerNo");
        Objects.requireNonNull(customerType, "customerType");
        Objects.requireNonNull(keys, "keys");
    }

    /** An applicant of a pre-bind check who is not a customer: nothing is read for them but what they stated. */
    public static Subject applicant(String key, String customerType, MatchKeys stated) {
        return new Subject(0, key, customerType, null, stated, null, false, null);
    }

    public boolean applicant() {
        return customerId == 0;
    }

    /** Whether its party has other records, whose facts are its facts. */
    public boolean inLargerParty() {
        return party != null && !party.alone();
    }

    /**
     * The customer id's hash (an applicant's number's): subjects key the maps of an evaluation's facts, and the
     * record's own hash over every key and the party cost more than the lookups it serves. Equal subjects have
     * equal ids, so this agrees with {@link #equals}.
     */
    @Override
    public int hashCode() {
        return applicant() ? customerNo.hashCode() : Long.hashCode(customerId);
    }
}
