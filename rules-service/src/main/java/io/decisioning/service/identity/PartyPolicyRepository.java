package io.decisioning.service.identity;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The CRM's policies and claims of a few records (the members of one party), newest first: read for people
 * looking at a party, never for grading (that is {@code customer.PolicyClaimFacts}).
 */
@Repository
class PartyPolicyRepository {

    private final JdbcClient jdbc;

    PartyPolicyRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The newest policies of these records (by start date), at most {@code limit}, each with its number of claims. */
    List<PartyPolicies.Policy> policies(Collection<String> customerNos, int limit) {
        return jdbc.sql("""
                        SELECT p.policy_no, c.customer_no, p.product_line, p.channel, p.start_date, p.end_date, p.premium,
                               p.status, (SELECT COUNT(*) FROM claim cl WHERE cl.policy_id = p.id) AS claims
                          FROM customer c JOIN policy p ON p.customer_id = c.id
                         WHERE c.customer_no IN (:customerNos)
                         ORDER BY p.start_date DESC, p.id DESC
                         LIMIT :limit""")
                .param("customerNos", customerNos)
                .param("limit", limit)
                .query((rs, row) -> new PartyPolicies.Policy(rs.getString("policy_no"), rs.getString("customer_no"),
                        rs.getString("product_line"), rs.getString("channel"), rs.getObject("start_date", LocalDate.class),
                        rs.getObject("end_date", LocalDate.class), rs.getBigDecimal("premium"), rs.getString("status"),
                        rs.getLong("claims")))
                .list();
    }

    long countPolicies(Collection<String> customerNos) {
        return jdbc.sql("""
                        SELECT COUNT(*) FROM customer c JOIN policy p ON p.customer_id = c.id
                         WHERE c.customer_no IN (:customerNos)""")
                .param("customerNos", customerNos)
                .query(Long.class).single();
    }

    /** The newest claims of these records (by date of loss), at most {@code limit}, each with its policy's number. */
    List<PartyPolicies.Claim> claims(Collection<String> customerNos, int limit) {
        return jdbc.sql("""
                        SELECT cl.claim_no, p.policy_no, c.customer_no, cl.loss_date, cl.reported_at, cl.status,
                               cl.claimed_amount, cl.paid_amount
                          FROM customer c JOIN claim cl ON cl.customer_id = c.id JOIN policy p ON p.id = cl.policy_id
                         WHERE c.customer_no IN (:customerNos)
                         ORDER BY cl.loss_date DESC, cl.id DESC
                         LIMIT :limit""")
                .param("customerNos", customerNos)
                .param("limit", limit)
                .query((rs, row) -> new PartyPolicies.Claim(rs.getString("claim_no"), rs.getString("policy_no"),
                        rs.getString("customer_no"), rs.getObject("loss_date", LocalDate.class),
                        rs.getObject("reported_at", LocalDateTime.class).toInstant(ZoneOffset.UTC), rs.getString("status"),
                        rs.getBigDecimal("claimed_amount"), rs.getBigDecimal("paid_amount")))
                .list();
    }

    long countClaims(Collection<String> customerNos) {
        return jdbc.sql("""
                        SELECT COUNT(*) FROM customer c JOIN claim cl ON cl.customer_id = c.id
                         WHERE c.customer_no IN (:customerNos)""")
                .param("customerNos", customerNos)
                .query(Long.class).single();
    }
}
