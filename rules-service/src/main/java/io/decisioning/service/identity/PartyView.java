package io.decisioning.service.identity;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A customer's party as {@code GET /api/v1/customers/{customerNo}/party} shows it (DESIGN.md section 10):
 * the members the caller's branch may see, and how many others there are.
 */
public record PartyView(long partyNo, @Nullable String primaryCustomerNo, List<Member> members, int hiddenMembers) {

    public PartyView {
        members = List.copyOf(members);
    }

    /** A record of the party: how it is in it, since when, and what it has in common with the rest. */
    public record Member(String customerNo, String branchCode, LinkKind link, Instant linkedAt, List<Evidence> evidence) {

        public Member {
            Objects.requireNonNull(customerNo, "customerNo");
            evidence = List.copyOf(evidence);
        }
    }
}
