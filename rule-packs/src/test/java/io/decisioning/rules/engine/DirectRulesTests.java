package io.decisioning.rules.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.decisioning.rules.CustomerProfile;
import io.decisioning.rules.WarningType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The engine fires the rules of the form of {@link DirectRule} itself, without Drools, and every evaluation is the
 * same as when Drools fires every rule: grade, tier, decision, scores, warnings, reasons in the same order, near
 * misses. The yardstick is the same packs compiled with {@code new PackCompiler(false)}.
 */
class DirectRulesTests {

    private static final PackCompiler DIRECT = new PackCompiler();
    private static final PackCompiler DROOLS = new PackCompiler(false);

    @Test
    void theShippedPacksDecideEveryCustomerAsDroolsAlone() {
        RuleSet direct = ShippedPacks.ruleSet(DIRECT);
        RuleSet drools = ShippedPacks.ruleSet(DROOLS);
        Random random = new Random(11);
        List<EvaluationInput> inputs = new ArrayList<>();
        for (int i = 0; i < 12_000; i++) {
            EvaluationInput input = ProfileFixtures.varied(random, i);
            input = input.profile().applicant() || i % 3 == 0 ? input
                    : new EvaluationInput(ProfileFixtures.withRetention(input.profile(), random), input.blacklistHits());
            // section 13: a CRM that keeps complaints for half of them, most of those without any
            inputs.add(input.profile().applicant() || i % 2 == 0 ? input : ProfileFixtures.withComplaints(input, random));
        }
        // the boundaries of section 11's tables, each with and without a renewal due
        int customer = 20_000;
        for (int days : new int[] {0, 1, 60, 61}) {
            for (int missed : new int[] {0, 1, 2}) {
                for (Double change : new Double[] {null, -30.0, -29.99, 5.0}) {
                    for (int renewals = 0; renewals <= 1; renewals++) {
                        CustomerProfile profile = ProfileFixtures.standard("C" + customer++).withRetention(
                                days == 0 ? 0 : 1, days, days == 0 ? 30 : 3, missed, renewals, 0, change, 0);
                        inputs.add(new EvaluationInput(profile, List.of()));
                    }
                }
            }
        }
        // and those of section 12's, for a key account (PLATINUM) and a high-quality customer in the top ranks (GOLD)
        for (CustomerProfile base : new CustomerProfile[] {ProfileFixtures.keyAccount("K"), ProfileFixtures.gold("G")}) {
            for (Integer days : new Integer[] {null, 0, 31, 32, 92, 93}) {
                for (io.decisioning.rules.ManagerStatus status : io.decisioning.rules.ManagerStatus.values()) {
                    for (Integer birthday : new Integer[] {null, 0, 7, 8}) {
                        CustomerProfile profile = new CustomerProfile("C" + customer++, base.customerType(), false,
                                base.annualPremium(), base.premium3y(), base.paid3y(), base.lossRatio3y(), base.claims12m(),
                                base.earlyClaims12m(), base.claimFreeYears(), base.tenureYears(), base.premiumSharePct(),
                                base.premiumRankPct(), base.productLines()).withManager(status,
                                status == io.decisioning.rules.ManagerStatus.ACTIVE ? 4 : null, days, days, birthday,
                                status == io.decisioning.rules.ManagerStatus.NONE ? 0 : customer % 2 + 1);
                        inputs.add(new EvaluationInput(profile, List.of()));
                    }
                }
            }
        }
        int differences = 0;
        for (int from = 0; from < inputs.size(); from += 500) {
            List<EvaluationInput> batch = inputs.subList(from, Math.min(inputs.size(), from + 500));
            List<Evaluation> expected = drools.evaluate(batch);
            List<Evaluation> actual = direct.evaluate(batch);
            for (int i = 0; i < batch.size(); i++) {
                assertThat(actual.get(i)).as(batch.get(i).profile().toString()).isEqualTo(expected.get(i));
                differences += actual.get(i).equals(expected.get(i)) ? 0 : 1;
            }
        }
        assertThat(differences).isZero();
        // and the engine did fire the rules itself: the retention pack's all (the lapse-risk rows, an "or" and the
        // sum of the churn points, after every churn bin), without a session
        CompiledPack retention = direct.packs().stream().filter(pack -> pack.name().equals("retention")).findFirst().orElseThrow();
        assertThat(names(retention.direct)).hasSize(16).contains("RET-030 Lapse risk (high) with a payment or renewal coming");
        assertThat(retention.session).isFalse();
        CompiledPack droolsRetention = drools.packs().stream().filter(pack -> pack.name().equals("retention")).findFirst().orElseThrow();
        assertThat(droolsRetention.direct).isEmpty();
        // the service pack's too: the tier x service table and the SERVICE warnings
        CompiledPack service = direct.packs().stream().filter(pack -> pack.name().equals("service")).findFirst().orElseThrow();
        assertThat(names(service.direct)).hasSize(21).contains("SRV-012 Platinum: green-channel claims",
                "SVC-021 Platinum customer never visited");
        assertThat(service.session).isFalse();
        // the complaints pack: its profile rows fired by the engine, the rest in a session of only the customers with
        // complaints, which Drools alone has every customer in
        CompiledPack complaints = direct.packs().stream().filter(pack -> pack.name().equals("complaints")).findFirst().orElseThrow();
        assertThat(names(complaints.direct)).containsExactlyInAnyOrder("CMP-032 A platinum customer with an open complaint",
                "CMP-033 A gold customer with an open complaint", "CMP-034 Repeat complainant");
        assertThat(complaints.complaintsOnly).isTrue();
        assertThat(drools.packs().stream().filter(pack -> pack.name().equals("complaints")).findFirst().orElseThrow()
                .complaintsOnly).isFalse();
        assertThat(inputs.stream().filter(input -> !input.complaints().isEmpty()).count()).isGreaterThan(2_000);
    }

    /**
     * A pack whose direct rules were taken out of its KieBase, evaluated by several threads at once before any of
     * them fired a rule: each must succeed (the consequences Drools loads again after a removal were once defined
     * twice by two threads, a LinkageError in one round of three).
     */
    @Test
    void concurrentFirstEvaluationsOfANewlyCompiledPack() throws Exception {
        List<EvaluationInput> inputs = new ArrayList<>();
        Random random = new Random(7);
        for (int i = 0; i < 400; i++) {
            inputs.add(ProfileFixtures.varied(random, i));
        }
        java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            for (int round = 0; round < 10; round++) {
                RuleSet rules = ShippedPacks.ruleSet(DIRECT);
                java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
                List<java.util.concurrent.Future<List<Evaluation>>> evaluations = new ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    List<EvaluationInput> part = inputs.subList(100 * t, 100 * t + 100);
                    evaluations.add(threads.submit(() -> {
                        start.await();
                        return rules.evaluate(part);
                    }));
                }
                start.countDown();
                for (java.util.concurrent.Future<List<Evaluation>> evaluation : evaluations) {
                    assertThat(evaluation.get()).hasSize(100);
                }
            }
        } finally {
            threads.shutdownNow();
        }
    }

    /** Rules of both kinds, interleaved by salience, the direct ones' points read by a rule of lower salience. */
    private static final String INTERLEAVED = """
            package test;
            import io.decisioning.rules.*;
            rule "TST-010 Ten points" salience 10
            when
                $p : CustomerProfile(tenureYears >= 0)
            then
                insert(new ScorePoints($p.customerNo(), Scorecard.CHURN, 10));
            end
            rule "TST-020 One point, off the blacklist" salience 5
            when
                $p : CustomerProfile(claims12m >= 0)
                not BlacklistHit(customerNo == $p.customerNo)
            then
                insert(new ScorePoints($p.customerNo(), Scorecard.CHURN, 1));
            end
            rule "TST-030 Two points"
            when
                $p : CustomerProfile()
            then
                insert(new ScorePoints($p.customerNo(), Scorecard.CHURN, 2));
            end
            rule "TST-040 The sum of the points" salience -5
            when
                $p : CustomerProfile()
                Number(intValue >= 13) from accumulate(ScorePoints(customerNo == $p.customerNo, card == Scorecard.CHURN, $v : points), sum($v))
            then
                insert(new WarningRaised($p.customerNo(), WarningType.LAPSE_RISK, Severity.LOW));
            end
            """;

    @Test
    void outcomesJoinThoseOfDroolsInItsFiringOrder() {
        CompiledPack pack = DIRECT.compile(TestPacks.firstPack("late", 80, "late.drl", INTERLEAVED)).orThrow();
        assertThat(names(pack.direct)).containsExactly("TST-010 Ten points", "TST-030 Two points");
        Evaluation evaluation = sameAsDrools(INTERLEAVED).get(0);
        assertThat(evaluation.reasons().stream().filter(reason -> reason.pack().equals("late")).map(Reason::rule))
                .containsExactly("TST-010 Ten points", "TST-020 One point, off the blacklist", "TST-030 Two points",
                        "TST-040 The sum of the points");
        assertThat(evaluation.churnScore()).isEqualTo(13);
        assertThat(evaluation.warnings()).anyMatch(warning -> warning.type() == WarningType.LAPSE_RISK);
    }

    @Test
    void aSumOfPointsIsComparedByTheEngineOnlyOnceEveryRuleGivingSuchPointsHasFired() {
        String sums = """
                package test;
                import io.decisioning.rules.*;
                rule "TST-110 Ten points" salience 10
                when
                    $p : CustomerProfile(tenureYears >= 0)
                then
                    insert(new ScorePoints($p.customerNo(), Scorecard.CHURN, 10));
                end
                rule "TST-120 A sum with an or" salience 5
                when
                    $p : CustomerProfile(claims12m >= 1 || (tenureYears >= 3))
                    Number(intValue >= 10) from accumulate(ScorePoints(customerNo == $p.customerNo, card == Scorecard.CHURN, $v : points), sum($v))
                then
                    insert(new WarningRaised($p.customerNo(), WarningType.LAPSE_RISK, Severity.LOW));
                end
                rule "TST-130 A sum before the last points" salience 5
                when
                    $p : CustomerProfile()
                    Number(intValue >= 12) from accumulate(ScorePoints(customerNo == $p.customerNo, card == Scorecard.CHURN, $v : points), sum($v))
                then
                    insert(new WarningRaised($p.customerNo(), WarningType.RENEWAL_DUE, Severity.LOW));
                end
                rule "TST-140 Two points last"
                when
                    $p : CustomerProfile(claims12m <= 1)
                then
                    insert(new ScorePoints($p.customerNo(), Scorecard.CHURN, 2));
                end
                """;
        CompiledPack pack = DIRECT.compile(TestPacks.firstPack("late", 80, "late.drl", sums)).orThrow();
        // TST-140 gives points the sums of rules of a higher salience read, so Drools fires it; then their sums are
        // final only after a rule left to Drools, so Drools fires them too
        assertThat(names(pack.direct)).containsExactly("TST-110 Ten points");
        List<Evaluation> evaluations = sameAsDrools(sums);
        assertThat(evaluations).anyMatch(e -> e.warnings().stream().anyMatch(w -> w.type() == WarningType.RENEWAL_DUE))
                .anyMatch(e -> e.warnings().stream().noneMatch(w -> w.type() == WarningType.RENEWAL_DUE));
        assertThat(evaluations).anyMatch(e -> e.warnings().stream().anyMatch(w -> w.type() == WarningType.LAPSE_RISK))
                .anyMatch(e -> e.warnings().stream().noneMatch(w -> w.type() == WarningType.LAPSE_RISK));
    }

    @Test
    void aRuleLeftToDroolsThatReadsTheOutcomesFirstKeepsTheirRulesInDrools() {
        String text = INTERLEAVED + """
                rule "TST-050 Points seen early" salience 20
                when
                    $p : CustomerProfile()
                    exists ScorePoints(customerNo == $p.customerNo, card == Scorecard.CHURN)
                then
                    insert(new WarningRaised($p.customerNo(), WarningType.RENEWAL_DUE, Severity.LOW));
                end
                """;
        CompiledPack pack = DIRECT.compile(TestPacks.firstPack("late", 80, "late.drl", text)).orThrow();
        assertThat(pack.direct).isEmpty();
        assertThat(sameAsDrools(text).get(0).warnings()).anyMatch(warning -> warning.type() == WarningType.RENEWAL_DUE);
    }

    @Test
    void aPackWhoseRulesDeleteFactsIsLeftToDroolsWhole() {
        String text = INTERLEAVED + """
                rule "TST-060 Take the ten points back" salience -10
                when
                    $s : ScorePoints(points == 10)
                then
                    delete($s);
                end
                """;
        CompiledPack pack = DIRECT.compile(TestPacks.firstPack("late", 80, "late.drl", text)).orThrow();
        assertThat(pack.direct).isEmpty();
        assertThat(sameAsDrools(text).get(0).churnScore()).isEqualTo(3);
    }

    @Test
    void aRuleRequiringATierItsOwnPackGivesIsLeftToDrools() {
        CompiledPack pack = DIRECT.compile(TestPacks.firstPack("tiers", 50, "tiers.drl", """
                package test;
                import io.decisioning.rules.*;
                rule "TST-070 Gold" salience 10
                when
                    $p : CustomerProfile(premiumRankPct >= 80)
                then
                    insert(new TierAssigned($p.customerNo(), Tier.GOLD));
                end
                rule "TST-080 A gold customer's warning"
                when
                    $p : CustomerProfile()
                    TierAssigned(customerNo == $p.customerNo, tier == Tier.GOLD)
                then
                    insert(new WarningRaised($p.customerNo(), WarningType.RENEWAL_DUE, Severity.LOW));
                end
                """)).orThrow();
        assertThat(names(pack.direct)).containsExactly("TST-070 Gold");
    }

    /** Evaluates varied customers with the shipped packs and this one, fired by the engine and by Drools alone: equal. */
    private static List<Evaluation> sameAsDrools(String text) {
        List<Evaluation> results = new ArrayList<>();
        List<EvaluationInput> inputs = new ArrayList<>();
        inputs.add(new EvaluationInput(ProfileFixtures.standard("C0"), List.of()));
        Random random = new Random(3);
        for (int i = 1; i < 300; i++) {
            inputs.add(ProfileFixtures.varied(random, i));
        }
        List<List<Evaluation>> both = new ArrayList<>();
        for (PackCompiler compiler : List.of(DIRECT, DROOLS)) {
            List<CompiledPack> packs = new ArrayList<>(ShippedPacks.ruleSet(compiler).packs());
            packs.add(compiler.compile(TestPacks.firstPack("late", 80, "late.drl", text)).orThrow());
            both.add(RuleSet.of(packs).evaluate(inputs));
        }
        assertThat(both.get(0)).isEqualTo(both.get(1));
        results.addAll(both.get(0));
        return results;
    }

    private static List<String> names(CompiledRule[] rules) {
        return Arrays.stream(rules).map(CompiledRule::name).toList();
    }
}
