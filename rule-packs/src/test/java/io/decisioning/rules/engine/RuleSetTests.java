package io.decisioning.rules.engine;

import static io.decisioning.rules.engine.ProfileFixtures.input;
import static io.decisioning.rules.engine.ProfileFixtures.standard;
import static io.decisioning.rules.engine.ProfileFixtures.withClaims;
import static io.decisioning.rules.engine.ProfileFixtures.withLossRatio;
import static io.decisioning.rules.engine.ProfileFixtures.withRank;
import static io.decisioning.rules.engine.ProfileFixtures.withYears;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.decisioning.rules.Decision;
import io.decisioning.rules.Grade;
import io.decisioning.rules.MatchStrength;
import io.decisioning.rules.Scorecard;
import io.decisioning.rules.Severity;
import io.decisioning.rules.Tier;
import io.decisioning.rules.WarningCategory;
import io.decisioning.rules.WarningType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RuleSetTests {

    private static final PackCompiler COMPILER = new PackCompiler();
    private static final RuleSet DEFAULT = ShippedPacks.ruleSet(COMPILER);

    private static List<EvaluationInput> varied(long seed, int count) {
        Random random = new Random(seed);
        return IntStream.range(0, count).mapToObj(i -> ProfileFixtures.varied(random, i)).toList();
    }

    @Test
    void theDefaultPacksDecideLikeTheHandWrittenReferenceForTenThousandVariedCustomers() {
        List<EvaluationInput> inputs = varied(42, 10_000);
        List<Evaluation> evaluations = new ArrayList<>();
        for (int from = 0; from < inputs.size(); from += 1000) {
            evaluations.addAll(DEFAULT.evaluate(inputs.subList(from, from + 1000)));
        }
        for (int i = 0; i < inputs.size(); i++) {
            ReferenceEvaluation.Outcome expected = ReferenceEvaluation.evaluate(inputs.get(i));
            Evaluation actual = evaluations.get(i);
            Map<WarningType, Severity> warnings = new java.util.EnumMap<>(WarningType.class);
            actual.warnings().forEach(w -> warnings.put(w.type(), w.severity()));
            assertThat(new ReferenceEvaluation.Outcome(actual.grade(), actual.tier(), actual.decision(), warnings,
                    actual.valueScore(), actual.riskScore(), actual.entitlements().isEmpty()
                    ? java.util.EnumSet.noneOf(io.decisioning.rules.Entitlement.class) : java.util.EnumSet.copyOf(actual.entitlements())))
                    .as("%s", inputs.get(i))
                    .isEqualTo(expected);
        }
        assertThat(evaluations).extracting(Evaluation::grade).contains(Grade.values());
    }

    @Test
    void aBatchOfAThousandVariedCustomersGivesTheSameResultsAsEvaluatingEachAlone() {
        List<EvaluationInput> inputs = varied(7, 1000);
        List<Evaluation> batch = DEFAULT.evaluate(inputs);
        assertThat(batch).hasSize(1000);
        for (int i = 0; i < inputs.size(); i++) {
            assertThat(batch.get(i)).isEqualTo(DEFAULT.evaluate(inputs.get(i)));
        }
    }

    @Test
    void aTableWithSeveralConditionColumnsJoinsThemPerCustomerAndNeverAcrossCustomers() {
        // GRD-060 needs tenure >= 3 and claim-free years >= 3 of the same customer: A has only the
        // tenure, B only the claim-free years; a cross join of the table's columns would grade both.
        EvaluationInput onlyTenure = input(withLossRatio(withYears(standard("A"), 5, 0), 0.5));
        EvaluationInput onlyClaimFree = input(withLossRatio(withYears(standard("B"), 0, 5), 0.5));
        EvaluationInput both = input(withLossRatio(withYears(standard("C"), 5, 5), 0.5));

        List<Evaluation> evaluations = DEFAULT.evaluate(List.of(onlyTenure, onlyClaimFree, both));

        assertThat(evaluations).extracting(Evaluation::grade)
                .containsExactly(Grade.STANDARD, Grade.STANDARD, Grade.HIGH_QUALITY);
    }

    @Test
    void severalThreadsEvaluatingAtOnceGetTheSameResultsAsOne() throws Exception {
        List<List<EvaluationInput>> batches = IntStream.range(0, 8).mapToObj(i -> varied(100 + i, 500)).toList();
        List<List<Evaluation>> expected = batches.stream().map(DEFAULT::evaluate).toList();
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<Evaluation>>> futures = new ArrayList<>();
            for (int round = 0; round < 4; round++) {
                for (List<EvaluationInput> batch : batches) {
                    futures.add(threads.submit(() -> DEFAULT.evaluate(batch)));
                }
            }
            for (int i = 0; i < futures.size(); i++) {
                assertThat(futures.get(i).get()).isEqualTo(expected.get(i % batches.size()));
            }
        } finally {
            threads.shutdown();
        }
    }

    @Test
    void reasonsNameTheFactsWithTheCustomersValuesAndTheRulesThresholds() {
        Evaluation evaluation = DEFAULT.evaluate(input(withClaims(standard("C1"), 5, 0)));

        assertThat(evaluation.reasons()).contains(
                new Reason("grading", 1, "GRD-050 Poor quality by repeated claims",
                        new Sentence("5 claims in the last 12 months >= 3", "近12个月出险次数 5 >= 3")),
                new Reason("warnings", 1, "WRN-010 Repeat claimant (high)",
                        new Sentence("5 claims in the last 12 months >= 5", "近12个月出险次数 5 >= 5")),
                new Reason("scoring", 1, "RSK-023 Five or more claims in 12 months",
                        new Sentence("5 claims in the last 12 months >= 5: +30 risk points", "近12个月出险次数 5 >= 5：风险分 +30"),
                        Scorecard.RISK, 30),
                new Reason("tiering", 1, "TIR-020 Restricted for poor quality", new Sentence("grade POOR_QUALITY", "等级 劣质客户")),
                new Reason("decision", 1, "DEC-030 Refer on a high warning",
                        new Sentence("a HIGH warning is raised", "已触发高级别预警")));
        assertThat(evaluation.warnings()).containsExactly(
                new CustomerWarning(WarningType.REPEAT_CLAIMANT, WarningCategory.RISK, Severity.HIGH,
                        new Sentence("5 claims in the last 12 months >= 5", "近12个月出险次数 5 >= 5")));
    }

    @Test
    void reasonsShowOnlyTheConditionsThatHeldAndBothEndsOfARange() {
        Evaluation evaluation = DEFAULT.evaluate(input(withRank(withLossRatio(withYears(standard("C2"), 4, 4), 1.2), 85)));

        assertThat(evaluation.reasons()).extracting(reason -> reason.message().en()).contains(
                "loss ratio over 3 years 1.2 >= 1.0",
                "premium rank 85% >= 80 and < 95: +35 value points",
                "loss ratio over 3 years 1.2 >= 0.8 and < 1.5: +25 risk points");
        Evaluation highQuality = DEFAULT.evaluate(input(withLossRatio(withYears(standard("C3"), 4, 4), 0.05)));
        assertThat(highQuality.reasons()).contains(new Reason("grading", 1, "GRD-060 High quality by claim-free years",
                new Sentence("4 years of tenure >= 3; 4 claim-free years >= 3", "客户年限 4 >= 3；连续无赔款年数 4 >= 3")));
    }

    @Test
    void everyOutcomeHasItsReasonInPipelineOrder() {
        Evaluation evaluation = DEFAULT.evaluate(input(standard("C4"), MatchStrength.STRONG));

        assertThat(evaluation.reasons()).extracting(Reason::pack)
                .containsSubsequence("grading", "warnings", "scoring", "tiering", "decision");
        assertThat(evaluation.reasons()).extracting(Reason::rule).contains(
                "GRD-090 Standard otherwise", "WRN-040 Blacklisted by identity document",
                "TIR-010 Restricted when blacklisted", "DEC-010 Decline on a strong blacklist match");
        assertThat(evaluation.rulePacks()).as("every pack live, the identity pack that made the party too")
                .containsOnlyKeys("identity", "grading", "warnings", "scoring", "tiering", "decision", "data", "service");
    }

    @Test
    void aLoopingRuleIsStoppedByTheFiringBoundAndThrows() {
        RuleSet looping = RuleSet.of(List.of(COMPILER.compile(TestPacks.pack("looping", 10, "loop.drl", """
                package test;
                import io.decisioning.rules.*;
                rule "LOP-010 Seed"
                when $p : CustomerProfile()
                then insert(new ScorePoints($p.customerNo(), Scorecard.VALUE, 1));
                end
                rule "LOP-020 Loop"
                when $s : ScorePoints()
                then insert(new ScorePoints($s.customerNo(), $s.card(), $s.points() + 1));
                end
                """)).orThrow()));

        assertThatThrownBy(() -> looping.evaluate(List.of(input(standard("A")), input(standard("B")))))
                .isInstanceOf(EvaluationException.class)
                .hasMessageContaining("pack looping v1")
                .hasMessageContaining("loops");
    }

    @Test
    void aSlowRuleIsStoppedByTheTimeBudgetAndThrows() {
        RuleSet slow = RuleSet.of(List.of(COMPILER.compile(TestPacks.pack("slow", 10, "slow.drl", """
                package test;
                import io.decisioning.rules.*;
                rule "SLO-010 Takes its time"
                when $p : CustomerProfile()
                then
                    try { Thread.sleep(400); } catch (InterruptedException e) { Thread.currentThread().interrupt(); }
                    insert(new ScorePoints($p.customerNo(), Scorecard.VALUE, 1));
                end
                """)).orThrow()));
        List<EvaluationInput> customers = new java.util.ArrayList<>();
        for (int i = 0; i < 10; i++) {
            customers.add(input(standard("S" + i)));
        }
        long started = System.nanoTime();

        assertThatThrownBy(() -> slow.evaluate(customers))
                .isInstanceOf(EvaluationException.class)
                .hasMessageContaining("pack slow v1")
                .hasMessageContaining("time budget");
        // 10 customers: a budget of 1.05 s, overrun by at most one firing (0.4 s), not the 4 s the rules wanted
        assertThat(java.time.Duration.ofNanos(System.nanoTime() - started)).isLessThan(java.time.Duration.ofMillis(2500));
    }

    @Test
    void aRuleThatThrowsEndsTheBatchInAnEvaluationException() {
        RuleSet throwing = DEFAULT.with(COMPILER.compile(TestPacks.pack("grading", 10, "grading.drl", """
                package test;
                import io.decisioning.rules.*;
                rule "GRD-010 Divides by zero"
                when $p : CustomerProfile()
                then insert(new GradeAssigned($p.customerNo(), Grade.values()[$p.claims12m() / 0]));
                end
                """)).orThrow());

        assertThatThrownBy(() -> throwing.evaluate(input(standard("A"))))
                .isInstanceOf(EvaluationException.class)
                .hasMessageContaining("GRD-010 Divides by zero")
                .hasRootCauseInstanceOf(ArithmeticException.class);
    }

    @Test
    void aSessionWhoseStageThrewIsNeverReusedForTheNextBatch() {
        RuleSet throwing = DEFAULT.with(COMPILER.compile(TestPacks.pack("grading", 10, "grading.drl", """
                package test;
                import io.decisioning.rules.*;
                rule "GRD-010 Everyone standard"
                when $p : CustomerProfile()
                then insert(new GradeAssigned($p.customerNo(), Grade.STANDARD));
                end
                rule "GRD-020 Boom"
                when $p : CustomerProfile(customerNo == "BOOM")
                then insert(new GradeAssigned($p.customerNo(), Grade.values()[$p.claims12m() / 0]));
                end
                """)).orThrow());

        for (int round = 0; round < 3; round++) {
            assertThatThrownBy(() -> throwing.evaluate(List.of(input(standard("A")), input(standard("BOOM")))))
                    .isInstanceOf(EvaluationException.class)
                    .hasMessageContaining("GRD-020 Boom");
            // a session left with the failed batch's facts would give A a second grade or B a stray one
            List<Evaluation> next = throwing.evaluate(List.of(input(standard("A")), input(standard("B"))));
            assertThat(next).extracting(Evaluation::grade).containsExactly(Grade.STANDARD, Grade.STANDARD);
            assertThat(next.get(0).reasons()).filteredOn(reason -> reason.pack().equals("grading")).hasSize(1);
        }
    }

    @Test
    void aCustomerLeftWithoutAGradeIsAnErrorNotADefault() {
        RuleSet noGrade = DEFAULT.with(COMPILER.compile(TestPacks.pack("grading", 10, "grading.drl", """
                package test;
                import io.decisioning.rules.*;
                rule "GRD-010 Only applicants"
                when $p : CustomerProfile(applicant)
                then insert(new GradeAssigned($p.customerNo(), Grade.NEW));
                end
                """)).orThrow());

        assertThatThrownBy(() -> noGrade.evaluate(input(standard("A"))))
                .isInstanceOf(EvaluationException.class)
                .hasMessageContaining("no rule gave customer A a grade");
    }

    @Test
    void aCustomerGivenTwoGradesIsAnError() {
        RuleSet twoGrades = DEFAULT.with(COMPILER.compile(TestPacks.pack("grading", 10, "grading.drl", """
                package test;
                import io.decisioning.rules.*;
                rule "GRD-010 Standard"
                when $p : CustomerProfile()
                then insert(new GradeAssigned($p.customerNo(), Grade.STANDARD));
                end
                rule "GRD-020 Also poor"
                when $p : CustomerProfile()
                then insert(new GradeAssigned($p.customerNo(), Grade.POOR_QUALITY));
                end
                """)).orThrow());

        assertThatThrownBy(() -> twoGrades.evaluate(input(standard("A"))))
                .isInstanceOf(EvaluationException.class)
                .hasMessageContaining("customer A got 2 of grade");
    }

    private static final String GRADES_FIRST = """
            package test;
            import io.decisioning.rules.*;
            rule "GRD-010 Standard"
                salience 0
            when $p : CustomerProfile()
            then insert(new GradeAssigned($p.customerNo(), Grade.STANDARD));
            end
            rule "GRD-020 Poor quality by claims"
                salience 50
            when $p : CustomerProfile(claims12m >= 3)
            then insert(new GradeAssigned($p.customerNo(), Grade.POOR_QUALITY));
            end
            rule "GRD-030 Key account by premium"
                salience 80
            when $p : CustomerProfile(annualPremium >= 500000)
            then insert(new GradeAssigned($p.customerNo(), Grade.KEY_ACCOUNT));
            end
            // a helper fact inserted late, by the rule of lowest salience; the rule it enables has the
            // highest salience, so it fires after the others and must still win
            declare Applicant customerNo : String end
            rule "GRD-005 Mark applicants"
                salience -10
            when $p : CustomerProfile(applicant)
            then insert(new Applicant($p.customerNo()));
            end
            rule "GRD-001 New applicant"
                salience 100
            when Applicant($c : customerNo)
            then insert(new GradeAssigned($c, Grade.NEW));
            end
            """;

    @Test
    void withHitPolicyFirstTheRuleOfHighestSalienceThatHoldsGivesEachCustomerOfABatchItsGrade() {
        RuleSet first = DEFAULT.with(COMPILER.compile(TestPacks.firstPack("grading", 10, "grading.drl", GRADES_FIRST)).orThrow());
        List<EvaluationInput> inputs = new ArrayList<>();
        List<Grade> expected = new ArrayList<>();
        Random random = new Random(3);
        for (int i = 0; i < 1000; i++) {
            boolean applicant = random.nextInt(10) == 0;
            boolean rich = random.nextBoolean();
            int claims = random.nextInt(5);
            io.decisioning.rules.CustomerProfile p = withClaims(standard("F" + i), claims, 0);
            p = applicant ? io.decisioning.rules.CustomerProfile.newApplicant("F" + i, "PERSON")
                    : new io.decisioning.rules.CustomerProfile(p.customerNo(), p.customerType(), false, rich ? 600_000 : 2_000,
                    p.premium3y(), p.paid3y(), p.lossRatio3y(), p.claims12m(), 0, p.claimFreeYears(), p.tenureYears(),
                    p.premiumSharePct(), p.premiumRankPct(), p.productLines());
            inputs.add(input(p));
            expected.add(applicant ? Grade.NEW : rich ? Grade.KEY_ACCOUNT : claims >= 3 ? Grade.POOR_QUALITY : Grade.STANDARD);
        }

        List<Evaluation> evaluations = first.evaluate(inputs);

        assertThat(evaluations).extracting(Evaluation::grade).containsExactlyElementsOf(expected);
        for (Evaluation evaluation : evaluations) {
            // only the winner's reason: the rules set aside are not reported
            assertThat(evaluation.reasons()).filteredOn(r -> r.pack().equals("grading")).singleElement()
                    .extracting(Reason::rule).asString().startsWith(switch (evaluation.grade()) {
                        case NEW -> "GRD-001";
                        case KEY_ACCOUNT -> "GRD-030";
                        case POOR_QUALITY -> "GRD-020";
                        default -> "GRD-010";
                    });
        }
    }

    @Test
    void withHitPolicyFirstTwoRulesOfTheSameSalienceThatDisagreeAreAnError() {
        RuleSet tie = DEFAULT.with(COMPILER.compile(TestPacks.firstPack("grading", 10, "grading.drl", """
                package test;
                import io.decisioning.rules.*;
                rule "GRD-010 Standard"
                when $p : CustomerProfile()
                then insert(new GradeAssigned($p.customerNo(), Grade.STANDARD));
                end
                rule "GRD-020 Also poor"
                when $p : CustomerProfile(claims12m >= 3)
                then insert(new GradeAssigned($p.customerNo(), Grade.POOR_QUALITY));
                end
                """)).orThrow());

        assertThat(tie.evaluate(input(standard("A"))).grade()).isEqualTo(Grade.STANDARD);
        assertThatThrownBy(() -> tie.evaluate(input(withClaims(standard("B"), 3, 0))))
                .isInstanceOf(EvaluationException.class)
                .hasMessageContaining("customer B got 2 of grade from rules of the same salience");
    }

    @Test
    void laterPacksSeeOnlyTheOutcomeTheHitPolicyKept() {
        // a high-quality customer in the top ranks is GOLD; TIR-060 (SILVER) also holds but is set
        // aside, so a decision rule about SILVER customers must not see it
        String decisions = new String(ShippedPacks.load().stream().filter(p -> p.name().equals("decision")).findFirst()
                .orElseThrow().files().get("decision.drl"), java.nio.charset.StandardCharsets.UTF_8) + """
                rule "DEC-050 Refer silver customers"
                    salience 60
                when
                    $p : CustomerProfile()
                    TierAssigned(customerNo == $p.customerNo, tier == Tier.SILVER)
                then
                    insert(new DecisionMade($p.customerNo(), Decision.REFER));
                end
                """;
        RuleSet withSilverRule = DEFAULT.with(COMPILER.compile(TestPacks.firstPack("decision", 50, "decision.drl", decisions)).orThrow());

        List<Evaluation> evaluations = withSilverRule.evaluate(List.of(
                input(withRank(withLossRatio(withYears(standard("GOLD"), 4, 4), 0.2), 90)),
                input(withRank(withLossRatio(withYears(standard("SILVER"), 4, 4), 0.2), 50))));

        assertThat(evaluations).extracting(Evaluation::tier).containsExactly(Tier.GOLD, Tier.SILVER);
        assertThat(evaluations).extracting(Evaluation::decision).containsExactly(Decision.ACCEPT, Decision.REFER);
    }

    @Test
    void aDraftReplacesThePublishedPackOfTheSameName() {
        RuleSet draft = DEFAULT.with(COMPILER.compile(new PackSource("grading", 2,
                ShippedPacks.load().stream().filter(p -> p.name().equals("grading")).findFirst().orElseThrow().files()))
                .orThrow());

        assertThat(draft.rulePacks()).containsEntry("grading", 2).hasSize(10);
        assertThat(draft.packs()).extracting(CompiledPack::name)
                .containsExactly("identity", "grading", "warnings", "scoring", "tiering", "decision", "data", "retention",
                        "service", "complaints");
    }

    @Test
    void aCustomerTwiceInOneBatchIsRejected() {
        assertThatThrownBy(() -> DEFAULT.evaluate(List.of(input(standard("A")), input(standard("A")))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("twice");
    }
}
