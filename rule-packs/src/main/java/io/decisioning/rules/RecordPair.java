package io.decisioning.rules;

import java.util.Objects;

/**
 * Two CRM records that share an identity key, a phone, or a name with a birth date: the fact the
 * {@code identity} pack decides on (DESIGN.md section 10). Names, numbers and phones are compared in
 * their normalized forms (full-width to half-width, upper case, without spaces and '-'; a 15-digit
 * resident ID in its 18-digit form). Immutable.
 *
 * @param pairId           a key of the pair within one evaluation
 * @param customerNoA      the record with the smaller CRM id
 * @param customerNoB      the other record
 * @param identityConflict both have a valid resident ID, or both an organization code (of a USCC or an
 *                         OTHER id), and the two differ: two different people or organizations
 * @param sameIdentity     the same identity: resident ID, organization code, or passport number with name
 * @param sameName         the same normalized name
 * @param sameBirthDate    the same birth date (both known)
 * @param samePhone        the same normalized phone (both known)
 * @param sameBranch       the same branch code
 * @param sameCustomerType both PERSON or both ORGANIZATION
 */
public record RecordPair(
        String pairId,
        String customerNoA,
        String customerNoB,
        boolean identityConflict,
        boolean sameIdentity,
        boolean sameName,
        boolean sameBirthDate,
        boolean samePhone,
        boolean sameBranch,
        boolean sameCustomerType) {

    public RecordPair {
        Objects.requireNonNull(pairId, "pairId");
        Objects.requireNonNull(customerNoA, "customerNoA");
        Objects.requireNonNull(customerNoB, "customerNoB");
    }
}
