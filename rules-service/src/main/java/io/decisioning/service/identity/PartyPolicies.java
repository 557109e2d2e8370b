package io.decisioning.service.identity;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The policies and claims of all the records of a customer's party that the caller may see (the unified
 * view of {@code GET /api/v1/customers/{customerNo}/party/policies}), each with the record it belongs to:
 * the newest first, at most the limit asked for of each, and how many there are in all.
 */
public record PartyPolicies(long partyNo, List<String> customerNos, int hiddenMembers, List<Policy> policies,
                            long totalPolicies, List<Claim> claims, long totalClaims) {

    public PartyPolicies {
        customerNos = List.copyOf(customerNos);
        policies = List.copyOf(policies);
        claims = List.copyOf(claims);
    }

    /** A policy of one of the party's records, with how many claims were made on it. */
    public record Policy(String policyNo, String customerNo, String productLine, String channel, LocalDate startDate,
                         LocalDate endDate, BigDecimal premium, String status, long claims) {
    }

    /** A claim of one of the party's records, with the policy it was made on. */
    public record Claim(String claimNo, String policyNo, String customerNo, LocalDate lossDate, Instant reportedAt,
                        String status, BigDecimal claimedAmount, BigDecimal paidAmount) {
    }
}
