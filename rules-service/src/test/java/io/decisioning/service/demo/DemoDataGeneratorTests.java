package io.decisioning.service.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.decisioning.rules.CustomerProfile;
import io.decisioning.rules.engine.EvaluationInput;
import io.decisioning.service.assessment.AssessmentPipeline;
import io.decisioning.service.assessment.IdRange;
import io.decisioning.service.assessment.Selection;
import io.decisioning.service.customer.CrmFixtures;
import io.decisioning.service.demo.DemoClaim;
import io.decisioning.service.demo.DemoCustomer;
import io.decisioning.service.demo.DemoDataGenerator;
import io.decisioning.service.demo.DemoPolicy;
import io.decisioning.service.demo.DemoProfile;
import io.decisioning.service.system.DatabaseTest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A demo book written to the real database (under a number prefix of its own, so that it can be
 * added to a shared database), then read back with the feature query: the rows are the generated
 * ones, and each profile has the features it was generated for.
 */
@DatabaseTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DemoDataGeneratorTests {

    private static final LocalDate TODAY = LocalDate.of(2026, 5, 10);
    private static final int SIZE = 3_000;

    @Autowired
    DataSource dataSource;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    AssessmentPipeline pipeline;

    DemoBook book;
    DemoDataGenerator.Summary summary;
    Map<String, DemoCustomer> generated;
    Map<String, CustomerProfile> computed;
    IdRange range;

    @BeforeAll
    void writeABook() {
        book = new DemoBook(SIZE, 7, TODAY, CrmFixtures.uniquePrefix());
        summary = new DemoDataGenerator(dataSource).write(book);
        generated = book.customers().collect(Collectors.toMap(DemoCustomer::customerNo, Function.identity()));
        range = jdbc.sql("SELECT MIN(id) AS from_id, MAX(id) AS to_id FROM customer WHERE customer_no IN (:numbers)")
                .param("numbers", List.of(book.customer(1).customerNo(), book.customer(SIZE).customerNo()))
                .query((rs, row) -> new IdRange(rs.getLong("from_id"), rs.getLong("to_id")))
                .single();
        computed = pipeline.read(Selection.range(range), TODAY).inputs().stream()
                .map(EvaluationInput::profile)
                .filter(f -> generated.containsKey(f.customerNo()))
                .collect(Collectors.toMap(CustomerProfile::customerNo, Function.identity()));
    }

    @Test
    void everyGeneratedRowIsWritten() {
        long policies = book.customers().mapToLong(c -> c.policies().size()).sum();
        long claims = book.customers().flatMap(c -> c.policies().stream()).mapToLong(p -> p.claims().size()).sum();
        assertThat(summary.customers()).isEqualTo(SIZE);
        assertThat(summary.policies()).isEqualTo(policies);
        assertThat(summary.claims()).isEqualTo(claims);
        assertThat(computed).hasSize(SIZE);
        assertThat(databaseDigest()).isEqualTo(generatedDigest());
    }

    @Test
    void eachProfileHasTheFeaturesItWasGeneratedFor() {
        Map<DemoProfile, Long> profiles = new EnumMap<>(DemoProfile.class);
        generated.values().forEach(c -> profiles.merge(c.profile(), 1L, Long::sum));
        assertThat(profiles.keySet()).containsAll(List.of(DemoProfile.values()));

        for (CustomerProfile f : computed.values()) {
            DemoProfile profile = generated.get(f.customerNo()).profile();
            switch (profile) {
                case KEY_ACCOUNT -> assertThat(f.annualPremium()).as(f.customerNo()).isGreaterThanOrEqualTo(500000.0);
                case VETERAN -> {
                    assertThat(f.tenureYears()).as(f.customerNo()).isGreaterThanOrEqualTo(3);
                    assertThat(f.claimFreeYears()).as(f.customerNo()).isGreaterThanOrEqualTo(3);
                }
                case REPEAT_CLAIMANT -> assertThat(f.claims12m()).as(f.customerNo()).isBetween(3, 6);
                case HIGH_LOSS_RATIO -> assertThat(f.lossRatio3y()).as(f.customerNo()).isBetween(1.0, 2.6);
                case EARLY_CLAIM -> assertThat(f.earlyClaims12m()).as(f.customerNo()).isGreaterThanOrEqualTo(1);
                default -> {
                }
            }
        }
        long poorQuality = computed.values().stream()
                .filter(f -> f.claims12m() >= 3 || (f.lossRatio3y() != null && f.lossRatio3y() >= 1.0)).count();
        long intendedPoor = profiles.get(DemoProfile.REPEAT_CLAIMANT) + profiles.get(DemoProfile.HIGH_LOSS_RATIO);
        assertThat(poorQuality).isBetween(intendedPoor, intendedPoor * 2);
        long withPremium = computed.values().stream().filter(f -> f.annualPremium() > 0).count();
        assertThat(withPremium).isGreaterThan(SIZE * 7L / 10);
    }

    @Test
    void eachCustomerReadAloneGetsWhatItGetsInItsRange() {
        for (CustomerProfile f : computed.values()) {
            assertThat(pipeline.read(Selection.customerNo(f.customerNo()), TODAY).inputs())
                    .singleElement().extracting(EvaluationInput::profile).isEqualTo(f);
        }
    }

    private String generatedDigest() {
        StringBuilder rows = new StringBuilder();
        book.customers().forEach(c -> {
            rows.append(String.join("|", c.customerNo(), c.customerType(), c.name(), c.idType(), c.idNumber(),
                    String.valueOf(c.birthDate()), String.valueOf(c.phone()), c.branchCode(),
                    String.valueOf(c.accountManager()), c.createdAt().toString())).append('\n');
            for (DemoPolicy p : c.policies()) {
                rows.append(String.join("|", p.policyNo(), c.customerNo(), p.productLine(), p.channel(),
                        p.startDate().toString(), p.endDate().toString(), p.premium().toPlainString(), p.status())).append('\n');
                for (DemoClaim claim : p.claims()) {
                    rows.append(String.join("|", claim.claimNo(), p.policyNo(), claim.lossDate().toString(),
                            claim.reportedAt().toString(), claim.status(), claim.claimedAmount().toPlainString(),
                            claim.paidAmount().toPlainString())).append('\n');
                }
            }
        });
        return sha256(rows.toString());
    }

    private String databaseDigest() {
        Map<String, Object> params = Map.of("fromId", range.fromId(), "toId", range.toId(),
                "numbers", List.copyOf(generated.keySet()));
        StringBuilder rows = new StringBuilder();
        jdbc.sql("""
                        SELECT c.customer_no, c.customer_type, c.name, c.id_type, c.id_number, c.birth_date, c.phone,
                               c.branch_code, c.account_manager, c.created_at,
                               p.policy_no, p.product_line, p.channel, p.start_date, p.end_date, p.premium, p.status,
                               l.claim_no, l.loss_date, l.reported_at, l.status AS claim_status, l.claimed_amount, l.paid_amount
                          FROM customer c
                          LEFT JOIN policy p ON p.customer_id = c.id
                          LEFT JOIN claim l ON l.policy_id = p.id
                         WHERE c.id BETWEEN :fromId AND :toId AND c.customer_no IN (:numbers)
                         ORDER BY c.customer_no, p.policy_no, l.claim_no
                        """)
                .params(params)
                .query(rs -> {
                    String customer = null;
                    String policy = null;
                    while (rs.next()) {
                        if (!rs.getString("customer_no").equals(customer)) {
                            customer = rs.getString("customer_no");
                            rows.append(String.join("|", customer, rs.getString("customer_type"), rs.getString("name"),
                                    rs.getString("id_type"), rs.getString("id_number"),
                                    String.valueOf(rs.getObject("birth_date", LocalDate.class)), String.valueOf(rs.getString("phone")),
                                    rs.getString("branch_code"), String.valueOf(rs.getString("account_manager")),
                                    rs.getObject("created_at", java.time.LocalDateTime.class).toString())).append('\n');
                        }
                        String policyNo = rs.getString("policy_no");
                        if (policyNo != null && !policyNo.equals(policy)) {
                            policy = policyNo;
                            rows.append(String.join("|", policyNo, customer, rs.getString("product_line"), rs.getString("channel"),
                                    rs.getObject("start_date", LocalDate.class).toString(),
                                    rs.getObject("end_date", LocalDate.class).toString(),
                                    rs.getBigDecimal("premium").toPlainString(), rs.getString("status"))).append('\n');
                        }
                        String claimNo = rs.getString("claim_no");
                        if (claimNo != null) {
                            rows.append(String.join("|", claimNo, policyNo, rs.getObject("loss_date", LocalDate.class).toString(),
                                    rs.getObject("reported_at", java.time.LocalDateTime.class).toString(),
                                    rs.getString("claim_status"), rs.getBigDecimal("claimed_amount").toPlainString(),
                                    rs.getBigDecimal("paid_amount").toPlainString())).append('\n');
                        }
                    }
                    return rows.toString();
                });
        return sha256(rows.toString());
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
