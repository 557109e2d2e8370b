package io.decisioning.rules.engine;

import static io.decisioning.rules.engine.ProfileFixtures.input;
import static io.decisioning.rules.engine.ProfileFixtures.standard;
import static org.assertj.core.api.Assertions.assertThat;

import io.decisioning.rules.CustomerProfile;
import io.decisioning.rules.Scorecard;
import io.decisioning.rules.WarningType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The shipped {@code retention} pack (DESIGN.md section 11) and what {@code needs=premium_due} promises:
 * a customer without a premium schedule is evaluated exactly as without the pack, in a batch of its own or
 * beside customers with one.
 */
class RetentionPackTests {

    private static final PackCompiler COMPILER = new PackCompiler();
    private static final RuleSet SHIPPED = ShippedPacks.ruleSet(COMPILER);
    private static final RuleSet WITHOUT_RETENTION = RuleSet.of(SHIPPED.packs().stream()
            .filter(pack -> !pack.name().equals("retention")).toList());

    /** A customer with a premium schedule: 2 missed payments, 10 days overdue, premium down 35 %, an instalment due in 20 days. */
    private static CustomerProfile late(String customerNo) {
        return standard(customerNo).withRetention(1, 10, 20, 2, 0, 0, -35.0, 0);
    }

    @Test
    void withoutAPremiumScheduleTheEvaluationIsTheOneWithoutThePack() {
        CustomerProfile alone = standard("A");

        Evaluation with = SHIPPED.evaluate(input(alone));
        Evaluation without = WITHOUT_RETENTION.evaluate(input(alone));

        assertThat(with).isEqualTo(without);
        assertThat(with.churnScore()).isNull();
        assertThat(with.rulePacks()).doesNotContainKey("retention").isEqualTo(without.rulePacks());
    }

    @Test
    void inOneBatchEachCustomerGetsThePackOrNotByItsOwnData() {
        List<Evaluation> batch = SHIPPED.evaluate(List.of(input(late("L")), input(standard("A")), input(late("M"))));

        assertThat(batch.get(1)).isEqualTo(WITHOUT_RETENTION.evaluate(input(standard("A"))));
        for (Evaluation late : List.of(batch.get(0), batch.get(2))) {
            // 2 missed payments 30, overdue 20, premium down 35 % 15, one product line 10, tenure of a year 5
            assertThat(late.churnScore()).isEqualTo(80);
            // every pack but complaints, which needs the complaint figures these customers do not have
            assertThat(late.rulePacks()).containsEntry("retention", 1).doesNotContainKey("complaints")
                    .hasSize(SHIPPED.rulePacks().size() - 1);
            assertThat(late.warnings()).extracting(w -> w.type() + ":" + w.severity())
                    .containsExactlyInAnyOrder("PREMIUM_OVERDUE:MEDIUM", "LAPSE_RISK:HIGH");
            assertThat(late.grade()).isEqualTo(batch.get(1).grade());
            assertThat(late.tier()).isEqualTo(batch.get(1).tier());
            assertThat(late.decision()).isEqualTo(batch.get(1).decision());
            assertThat(late.valueScore()).isEqualTo(batch.get(1).valueScore());
            assertThat(late.riskScore()).isEqualTo(batch.get(1).riskScore());
        }
    }

    @Test
    void theReasonsNameTheFiguresASalespersonReads() {
        Evaluation late = SHIPPED.evaluate(input(late("L")));

        Map<String, String> retention = late.reasons().stream().filter(reason -> reason.pack().equals("retention"))
                .collect(java.util.stream.Collectors.toMap(reason -> reason.rule().split(" ", 2)[0], reason -> reason.message().en()));
        assertThat(retention).containsKeys("CHN-012", "CHN-021", "CHN-030", "CHN-041", "CHN-050", "RET-010", "RET-030");
        assertThat(late.reasons()).as("the churn card names only what raised the score (scorecardGaps=zero)")
                .filteredOn(reason -> reason.rule().startsWith("CHN-")).allMatch(reason -> !reason.message().en().contains("+0 "));
        assertThat(retention.get("CHN-012")).contains("2 missed payments in 12 months");
        assertThat(retention.get("CHN-030")).contains("premium -35% on last year");
        assertThat(retention.get("RET-010")).contains("10 days overdue");
        assertThat(late.warnings()).filteredOn(w -> w.type() == WarningType.PREMIUM_OVERDUE)
                .singleElement().satisfies(w -> assertThat(w.message().en()).contains("10 days overdue"))
                .satisfies(w -> assertThat(w.message().zh()).isEqualTo("保费逾期 10 天，仍在 60 天宽限期内"));
        assertThat(late.reasons()).filteredOn(reason -> reason.rule().startsWith("CHN-030")).singleElement()
                .satisfies(reason -> assertThat(reason.message().zh()).isEqualTo("保费较上年变化 -35%：流失分 +15"));
    }

    @Test
    void aScorecardRowsReasonCarriesItsCardAndPointsAndReadsWithoutThem() {
        Evaluation late = SHIPPED.evaluate(input(late("L")));

        Reason missed = late.reasons().stream().filter(reason -> reason.rule().startsWith("CHN-012")).findFirst().orElseThrow();
        assertThat(missed.card()).isEqualTo(Scorecard.CHURN);
        assertThat(missed.points()).isEqualTo(30);
        assertThat(missed.message().en()).endsWith(": +30 churn points");
        assertThat(missed.message().zh()).isEqualTo("近12个月漏缴 2 次：流失分 +30");
        assertThat(missed.messageWithoutPoints().en())
                .isEqualTo(missed.message().en().substring(0, missed.message().en().lastIndexOf(": ")))
                .contains("2 missed payments in 12 months").doesNotContain("points");
        assertThat(missed.messageWithoutPoints().zh()).isEqualTo("近12个月漏缴 2 次");
        assertThat(late.reasons().stream().filter(reason -> reason.card() == Scorecard.CHURN).mapToInt(Reason::points).sum())
                .isEqualTo(late.churnScore());
        assertThat(late.reasons()).filteredOn(reason -> reason.rule().startsWith("RET-010")).singleElement()
                .satisfies(overdue -> assertThat(overdue.card()).isNull())
                .satisfies(overdue -> assertThat(overdue.points()).isNull())
                .satisfies(overdue -> assertThat(overdue.messageWithoutPoints()).isEqualTo(overdue.message()));
    }

    @Test
    void aPremiumDownByLessThanThirtyPercentScoresNothingHoweverCloseAndAReasonShowsTheChangeToOneDecimal() {
        Evaluation almost = SHIPPED.evaluate(input(standard("A").withRetention(0, 0, null, 0, 0, 0, -29.96, 0)));
        Evaluation down = SHIPPED.evaluate(input(standard("B").withRetention(0, 0, null, 0, 0, 0, -30.04, 0)));
        Evaluation further = SHIPPED.evaluate(input(standard("C").withRetention(0, 0, null, 0, 0, 0, -34.7981, 0)));

        assertThat(down.churnScore()).isEqualTo(almost.churnScore() + 15);
        assertThat(rules(almost)).doesNotContain("CHN-030");
        assertThat(reason(down, "CHN-030")).contains("premium -30% on last year");
        assertThat(reason(further, "CHN-030")).contains("premium -34.8% on last year");
    }

    private static List<String> rules(Evaluation evaluation) {
        return evaluation.reasons().stream().map(reason -> reason.rule().split(" ", 2)[0]).toList();
    }

    private static String reason(Evaluation evaluation, String rule) {
        return evaluation.reasons().stream().filter(reason -> reason.rule().startsWith(rule + " ")).map(reason -> reason.message().en())
                .findFirst().orElseThrow();
    }

    @Test
    void aPackNeedsOnlyDataTheEngineKnows() {
        Compilation unknown = COMPILER.compile(TestPacks.pack("late", 70, "pack.properties",
                "order=70\nneeds=premium_due, complaints\nfiles=late.drl\n", "late.drl", """
                        package packs.late;
                        import io.decisioning.rules.*;
                        rule "LAT-010 Late"
                        when
                            $p : CustomerProfile(maxDaysOverdue >= 1)
                        then
                            insert(new ScorePoints($p.customerNo(), Scorecard.CHURN, 5));
                        end
                        """));

        assertThat(unknown.valid()).isFalse();
        assertThat(unknown.errors()).singleElement().satisfies(error -> assertThat(error.message().en())
                .contains("needs", "premium_due", "was complaints"));
    }
}
