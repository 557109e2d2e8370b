package io.decisioning.rules.engine;

import static io.decisioning.rules.engine.ProfileFixtures.input;
import static io.decisioning.rules.engine.ProfileFixtures.standard;
import static io.decisioning.rules.engine.ProfileFixtures.withClaims;
import static io.decisioning.rules.engine.ProfileFixtures.withLossRatio;
import static io.decisioning.rules.engine.ProfileFixtures.withRank;
import static io.decisioning.rules.engine.ProfileFixtures.withYears;
import static org.assertj.core.api.Assertions.assertThat;

import io.decisioning.rules.CustomerProfile;
import io.decisioning.rules.Grade;
import io.decisioning.rules.Tier;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class NearMissTests {

    private static final PackCompiler COMPILER = new PackCompiler();
    private static final RuleSet DEFAULT = ShippedPacks.ruleSet(COMPILER);

    private static List<NearMiss> missesIn(String pack, Evaluation evaluation) {
        return evaluation.nearMisses().stream().filter(miss -> miss.pack().equals(pack)).toList();
    }

    private static CustomerProfile keyAccount(String customerNo) {
        CustomerProfile p = standard(customerNo);
        return new CustomerProfile(customerNo, p.customerType(), false, 600_000, 1_800_000, 360_000, 0.2, 0, 0, 5, 6,
                0.5, 100, 3);
    }

    @Test
    void twoClaimFreeYearsWithThreeYearsOfTenureWouldBeHighQualityWithOneMore() {
        Evaluation evaluation = DEFAULT.evaluate(input(withYears(standard("A"), 3, 2)));

        assertThat(evaluation.grade()).isEqualTo(Grade.STANDARD);
        assertThat(missesIn("grading", evaluation)).containsExactly(new NearMiss("grading", 1,
                "GRD-060 High quality by claim-free years", "HIGH_QUALITY",
                new Sentence("would be HIGH_QUALITY if claimFreeYears >= 3 (now 2)",
                        "若连续无赔款年数 >= 3（现为 2），等级将为优质客户")));
    }

    @Test
    void aMissTowardsAWorseOutcomeIsReportedToo() {
        // two claims: one more and the customer is POOR_QUALITY and a repeat claimant
        Evaluation evaluation = DEFAULT.evaluate(input(withClaims(standard("A"), 2, 0)));

        assertThat(evaluation.grade()).isEqualTo(Grade.STANDARD);
        assertThat(evaluation.nearMisses()).containsExactly(
                new NearMiss("grading", 1, "GRD-050 Poor quality by repeated claims", "POOR_QUALITY",
                        new Sentence("would be POOR_QUALITY if claims12m >= 3 (now 2)",
                                "若近12个月出险次数 >= 3（现为 2），等级将为劣质客户")),
                new NearMiss("warnings", 1, "WRN-011 Repeat claimant (medium)", "REPEAT_CLAIMANT:MEDIUM",
                        new Sentence("would raise REPEAT_CLAIMANT MEDIUM if claims12m >= 3 (now 2)",
                                "若近12个月出险次数 >= 3（现为 2），将触发频繁出险（中）预警")));
    }

    @Test
    void aCustomerWithTheOutcomeOfTheHighestRuleTheEngineCanEvaluateHasNoMiss() {
        // KEY_ACCOUNT by GRD-020; only GRD-010 (applicants, a boolean field) ranks higher. PLATINUM by
        // TIR-040; above it only rules on blacklist hits, warnings or another grade
        Evaluation evaluation = DEFAULT.evaluate(input(keyAccount("K")));

        assertThat(evaluation.grade()).isEqualTo(Grade.KEY_ACCOUNT);
        assertThat(evaluation.tier()).isEqualTo(Tier.PLATINUM);
        assertThat(evaluation.nearMisses()).isEmpty();
    }

    @Test
    void onlyNearMissesAreReported() {
        // GRD-060 and GRD-070 fail on two conditions each (tenure 1); loss ratio 0.2 is far from 1.0,
        // no claims far from 3
        Evaluation farFromAll = DEFAULT.evaluate(input(standard("A")));
        // a threshold on an unknown loss ratio is never near
        Evaluation unknownLossRatio = DEFAULT.evaluate(input(withLossRatio(withYears(standard("B"), 5, 1), null)));

        assertThat(farFromAll.nearMisses()).isEmpty();
        assertThat(unknownLossRatio.nearMisses()).isEmpty();
    }

    @Test
    void ofSeveralNearMissesTheNearestIsReported() {
        // loss ratio 0.8 of 1.0 (a fifth away) is nearer than claim-free years 2 of 3 (a third)
        Evaluation evaluation = DEFAULT.evaluate(input(withLossRatio(withYears(standard("A"), 3, 2), 0.8)));

        assertThat(missesIn("grading", evaluation)).extracting(miss -> miss.message().en())
                .containsExactly("would be POOR_QUALITY if lossRatio3y >= 1.0 (now 0.8)");
        assertThat(missesIn("warnings", evaluation)).isEmpty(); // HIGH_LOSS_RATIO MEDIUM is raised, HIGH (1.5) far
    }

    @Test
    void ofEquallyNearMissesTheRuleOfHigherSalienceIsReported() {
        // claims 2 of 3 (GRD-050, salience 79) and claim-free years 2 of 3 (GRD-060, 70): a third each
        Evaluation evaluation = DEFAULT.evaluate(input(withYears(withClaims(standard("A"), 2, 0), 3, 2)));

        assertThat(missesIn("grading", evaluation)).extracting(NearMiss::rule)
                .containsExactly("GRD-050 Poor quality by repeated claims");
    }

    @Test
    void aRuleGivingTheOutcomeTheCustomerAlreadyHasIsNoMiss() {
        // HIGH_QUALITY by the low loss ratio (GRD-070); GRD-060 ranks higher but gives HIGH_QUALITY too
        Evaluation evaluation = DEFAULT.evaluate(input(withLossRatio(withYears(standard("A"), 3, 2), 0.05)));

        assertThat(evaluation.grade()).isEqualTo(Grade.HIGH_QUALITY);
        assertThat(missesIn("grading", evaluation)).isEmpty();
    }

    @Test
    void aRuleReadingAnEarlierPacksGradeIsMissedOnlyOnItsThresholds() {
        // SILVER: high quality, premium rank 75; TIR-050 needs HIGH_QUALITY (held) and rank 80
        Evaluation silver = DEFAULT.evaluate(input(withRank(withYears(standard("A"), 4, 4), 75)));
        // STANDARD grade in the top ranks: TIR-050's rank holds, its grade does not: no miss
        Evaluation standard = DEFAULT.evaluate(input(withRank(standard("B"), 99)));

        assertThat(silver.tier()).isEqualTo(Tier.SILVER);
        assertThat(missesIn("tiering", silver)).containsExactly(new NearMiss("tiering", 1,
                "TIR-050 Gold for high quality in the top premium ranks", "GOLD",
                new Sentence("would be GOLD if premiumRankPct >= 80 (now 75)", "若保费排名 >= 80%（现为 75%），服务层级将为黄金")));
        assertThat(missesIn("tiering", standard)).isEmpty();
    }

    @Test
    void aWarningAlreadyRaisedCanBeMissedAtAHigherSeverity() {
        Evaluation evaluation = DEFAULT.evaluate(input(withClaims(standard("A"), 4, 0)));

        assertThat(missesIn("warnings", evaluation)).extracting(NearMiss::outcome, miss -> miss.message().en())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("REPEAT_CLAIMANT:HIGH",
                        "would raise REPEAT_CLAIMANT HIGH if claims12m >= 5 (now 4)"));
    }

    @Test
    void rulesWithConditionsTheEngineCannotEvaluateAreSkipped() {
        // GRD-020 (an alternative) and GRD-030 (a "not") would be near misses; only GRD-040 is reported
        RuleSet grading = DEFAULT.with(COMPILER.compile(TestPacks.firstPack("grading", 10, "grading.drl", """
                package test;
                import io.decisioning.rules.*;
                rule "GRD-010 New applicant"
                    salience 100
                when $p : CustomerProfile(applicant)
                then insert(new GradeAssigned($p.customerNo(), Grade.NEW));
                end
                rule "GRD-020 Poor by claims or loss ratio"
                    salience 80
                when $p : CustomerProfile(claims12m >= 3 || lossRatio3y >= 1.0)
                then insert(new GradeAssigned($p.customerNo(), Grade.POOR_QUALITY));
                end
                rule "GRD-030 High quality by tenure when not blacklisted"
                    salience 70
                when
                    $p : CustomerProfile(tenureYears >= 3)
                    not BlacklistHit(customerNo == $p.customerNo)
                then insert(new GradeAssigned($p.customerNo(), Grade.HIGH_QUALITY));
                end
                rule "GRD-040 High quality by claim-free years"
                    salience 60
                when $p : CustomerProfile(claimFreeYears >= 3)
                then insert(new GradeAssigned($p.customerNo(), Grade.HIGH_QUALITY));
                end
                rule "GRD-090 Standard otherwise"
                    salience 0
                when $p : CustomerProfile()
                then insert(new GradeAssigned($p.customerNo(), Grade.STANDARD));
                end
                """)).orThrow());
        CustomerProfile p = withClaims(standard("A"), 2, 0);
        p = withYears(p, 2, 2);

        Evaluation evaluation = grading.evaluate(input(p));

        assertThat(evaluation.grade()).isEqualTo(Grade.STANDARD);
        assertThat(missesIn("grading", evaluation)).extracting(miss -> miss.message().en())
                .containsExactly("would be HIGH_QUALITY if claimFreeYears >= 3 (now 2)");
    }

    @Test
    void aRuleWhoseActionDoesNotNameItsOutcomeIsNamedByItsId() {
        RuleSet grading = DEFAULT.with(COMPILER.compile(TestPacks.firstPack("grading", 10, "grading.drl", """
                package test;
                import io.decisioning.rules.*;
                rule "GRD-040 High or poor by claim-free years"
                    salience 60
                when $p : CustomerProfile(claimFreeYears >= 3, tenureYears > 2)
                then insert(new GradeAssigned($p.customerNo(), $p.paid3y() > 0 ? Grade.HIGH_QUALITY : Grade.POOR_QUALITY));
                end
                rule "GRD-090 Standard otherwise"
                    salience 0
                when $p : CustomerProfile()
                then insert(new GradeAssigned($p.customerNo(), Grade.STANDARD));
                end
                """)).orThrow());

        Evaluation evaluation = grading.evaluate(input(withYears(standard("A"), 3, 2)));

        assertThat(missesIn("grading", evaluation)).containsExactly(new NearMiss("grading", 1,
                "GRD-040 High or poor by claim-free years", null, new Sentence("GRD-040 would apply if claimFreeYears >= 3 (now 2)",
                "若连续无赔款年数 >= 3（现为 2），GRD-040 将适用")));
    }

    @Test
    void aBatchGivesEachCustomerTheNearMissesOfEvaluatingItAlone() {
        Random random = new Random(11);
        List<EvaluationInput> inputs = IntStream.range(0, 500).mapToObj(i -> ProfileFixtures.varied(random, i)).toList();

        List<Evaluation> batch = DEFAULT.evaluate(inputs);

        for (int i = 0; i < inputs.size(); i++) {
            assertThat(batch.get(i).nearMisses()).isEqualTo(DEFAULT.evaluate(inputs.get(i)).nearMisses());
        }
        assertThat(batch).filteredOn(e -> !e.nearMisses().isEmpty()).hasSizeBetween(50, 450);
    }

    @Test
    void anEvaluationMadeWithTheOldConstructorHasNoNearMisses() {
        Evaluation evaluation = DEFAULT.evaluate(input(withYears(standard("A"), 3, 2)));

        Evaluation copy = new Evaluation(evaluation.profile(), evaluation.blacklistHits(), evaluation.grade(),
                evaluation.tier(), evaluation.decision(), evaluation.valueScore(), evaluation.riskScore(),
                evaluation.warnings(), evaluation.reasons(), evaluation.rulePacks());

        assertThat(copy.nearMisses()).isEmpty();
        assertThat(evaluation.nearMisses()).isNotEmpty();
    }
}
