package io.decisioning.service.assessment;

import io.decisioning.service.identity.MatchKeys;
import java.util.Objects;

/**
 * The party of a customer being evaluated (DESIGN.md section 10), as resolution stored it.
 *
 * @param partyNo           the party's stable number
 * @param primaryCustomerId the member with the smallest CRM id: the warnings people work on are under it
 * @param primaryCustomerNo its customer number
 * @param records           how many CRM records the party has (1 when the customer is alone)
 * @param candidates        the customer's own pending review candidates (DESIGN.md section 10)
 */
public record Party(long partyNo, long primaryCustomerId, String primaryCustomerNo, int records, int candidates) {

    /** A record of a party of several, as the fact sources need it when it is not itself being evaluated. */
    public record Member(long customerId, String customerNo, String branchCode, MatchKeys keys, int candidates) {

        public Member {
            Objects.requireNonNull(customerNo, "customerNo");
            Objects.requireNonNull(branchCode, "branchCode");
            Objects.requireNonNull(keys, "keys");
        }
    }

    public boolean alone() {
        return records <= 1;
    }
}
