package io.decisioning.rules.engine;

import static io.decisioning.rules.engine.ProfileFixtures.keyAccount;
import static io.decisioning.rules.engine.ProfileFixtures.standard;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.decisioning.rules.Complaint;
import io.decisioning.rules.ComplaintCategory;
import io.decisioning.rules.ComplaintChannel;
import io.decisioning.rules.ComplaintComplexity;
import io.decisioning.rules.ComplaintState;
import io.decisioning.rules.ComplaintStatus;
import io.decisioning.rules.CustomerProfile;
import io.decisioning.rules.WarningType;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The shipped {@code complaints} pack (DESIGN.md section 13): each complaint a fact the rules reason over, its time
 * limit and state outcomes of their own, what {@code needs=complaint} promises, and the clocks of complaints without a
 * customer.
 */
class ComplaintsPackTests {

    private static final PackCompiler COMPILER = new PackCompiler();
    private static final RuleSet SHIPPED = ShippedPacks.ruleSet(COMPILER);
    private static final RuleSet WITHOUT_COMPLAINTS = RuleSet.of(SHIPPED.packs().stream()
            .filter(pack -> !pack.name().equals("complaints")).toList());
    private static final LocalDate D = LocalDate.of(2026, 12, 6);

    private static Complaint complaint(String customerNo, String no, ComplaintComplexity complexity, ComplaintChannel channel,
                                       int day, ComplaintStatus status, Integer decidedOn) {
        LocalDate received = D.minusDays(day);
        return Complaint.of(customerNo, no, channel, ComplaintCategory.SERVICE, complexity, received, status,
                decidedOn == null ? null : received.plusDays(decidedOn), D);
    }

    private static EvaluationInput withComplaints(CustomerProfile profile, Complaint... complaints) {
        List<Complaint> list = List.of(complaints);
        return new EvaluationInput(profile.withComplaints((int) list.stream().filter(Complaint::open).count(),
                (int) list.stream().filter(c -> c.daysSinceReceived() <= 365).count()), List.of(), list);
    }

    @Test
    void aCustomerOfACrmWithoutComplaintsIsEvaluatedAsWithoutThePack() {
        CustomerProfile alone = standard("A");

        Evaluation with = SHIPPED.evaluate(new EvaluationInput(alone, List.of()));

        assertThat(with).isEqualTo(WITHOUT_COMPLAINTS.evaluate(new EvaluationInput(alone, List.of())));
        assertThat(with.rulePacks()).doesNotContainKey("complaints");
        assertThat(with.complaints()).isEmpty();
    }

    @Test
    void eachComplaintGetsItsTimeLimitAndStateWithReasonsThatNameIt() {
        Evaluation evaluation = SHIPPED.evaluate(withComplaints(standard("A"),
                complaint("A", "CP-1", ComplaintComplexity.SIMPLE, ComplaintChannel.PHONE, 16, ComplaintStatus.OPEN, null),
                complaint("A", "CP-2", ComplaintComplexity.COMPLEX, ComplaintChannel.LETTER, 27, ComplaintStatus.OPEN, null),
                complaint("A", "CP-3", ComplaintComplexity.EXTENDED, ComplaintChannel.ONLINE, 90, ComplaintStatus.CLOSED, 60),
                complaint("A", "CP-4", null, ComplaintChannel.VISIT, 3, ComplaintStatus.OPEN, null),
                complaint("A", "CP-5", ComplaintComplexity.SIMPLE, ComplaintChannel.PHONE, 30, ComplaintStatus.WITHDRAWN, null)));

        assertThat(evaluation.complaints()).extracting(ComplaintClock::complaintNo, ComplaintClock::timeLimitDays,
                        ComplaintClock::state, ComplaintClock::daysLeft)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("CP-1", 15, ComplaintState.OVERDUE, -1),
                        org.assertj.core.groups.Tuple.tuple("CP-2", 30, ComplaintState.AT_RISK, 3),
                        org.assertj.core.groups.Tuple.tuple("CP-3", 60, ComplaintState.MET, null),
                        org.assertj.core.groups.Tuple.tuple("CP-4", null, null, null),
                        org.assertj.core.groups.Tuple.tuple("CP-5", 15, null, null));
        assertThat(evaluation.complaints().get(0).deadline()).isEqualTo(D.minusDays(1));
        assertThat(evaluation.warnings()).extracting(w -> w.type() + ":" + w.severity())
                .containsExactlyInAnyOrder("COMPLAINT_DEADLINE_NEAR:MEDIUM", "COMPLAINT_OVERDUE:HIGH",
                        "REPEAT_COMPLAINANT:MEDIUM");
        assertThat(evaluation.reasons()).filteredOn(reason -> reason.rule().startsWith("CMP-020"))
                .extracting(reason -> reason.message().en()).containsExactly("complaint CP-1 (SIMPLE, open, day 16): open past its deadline");
        assertThat(evaluation.reasons()).filteredOn(reason -> reason.rule().startsWith("CMP-023"))
                .extracting(reason -> reason.message().en()).containsExactly("complaint CP-3 (EXTENDED, decided on day 60): decided in time");
        // and the rest of the evaluation is what it is without complaints
        Evaluation without = WITHOUT_COMPLAINTS.evaluate(new EvaluationInput(standard("A"), List.of()));
        assertThat(evaluation.grade()).isEqualTo(without.grade());
        assertThat(evaluation.tier()).isEqualTo(without.tier());
        assertThat(evaluation.decision()).isEqualTo(without.decision());
        assertThat(evaluation.riskScore()).isEqualTo(without.riskScore());
    }

    /** The records of one party in one batch: each has the party's complaints as its own facts, and its own outcomes. */
    @Test
    void thePartysComplaintsInTheEvaluationsOfTwoOfItsRecordsInOneBatch() {
        List<EvaluationInput> batch = new ArrayList<>();
        for (String customerNo : List.of("A", "B")) {
            batch.add(withComplaints(customerNo.equals("A") ? keyAccount("A") : standard("B"),
                    complaint(customerNo, "CP-1", ComplaintComplexity.SIMPLE, ComplaintChannel.REGULATOR, 13,
                            ComplaintStatus.OPEN, null)));
        }
        batch.add(new EvaluationInput(standard("C").withComplaints(0, 0), List.of()));

        List<Evaluation> evaluations = SHIPPED.evaluate(batch);

        // (and the key account's service warnings: it has no account manager)
        assertThat(evaluations.get(0).warnings()).extracting(w -> w.type().name()).contains(
                "COMPLAINT_DEADLINE_NEAR", "REGULATOR_COMPLAINT", "VIP_COMPLAINT").doesNotContain("COMPLAINT_OVERDUE");
        assertThat(evaluations.get(1).warnings()).extracting(w -> w.type().name()).containsExactlyInAnyOrder(
                "COMPLAINT_DEADLINE_NEAR", "REGULATOR_COMPLAINT");
        for (int i = 0; i < 2; i++) {
            assertThat(evaluations.get(i).complaints()).extracting(ComplaintClock::state).containsExactly(ComplaintState.AT_RISK);
            assertThat(evaluations.get(i).reasons()).filteredOn(r -> r.rule().startsWith("CMP-021")).hasSize(1);
            assertThat(evaluations.get(i)).isEqualTo(SHIPPED.evaluate(batch.get(i)));
        }
        assertThat(evaluations.get(2).warnings()).isEmpty();
        assertThat(evaluations.get(2).rulePacks()).containsKey("complaints");
    }

    @Test
    void complaintsWithoutACustomerGetTheirClocksFromTheSameRulesAndNoWarning() {
        Random random = new Random(13);
        List<Complaint> orphans = new ArrayList<>();
        List<EvaluationInput> owned = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            EvaluationInput input = ProfileFixtures.withComplaints(ProfileFixtures.input(standard("S" + i)), random);
            owned.add(input);
            input.complaints().forEach(c -> orphans.add(c.of((String) null)));
        }
        List<ComplaintClock> clocks = SHIPPED.clock(orphans);

        List<ComplaintClock> expected = new ArrayList<>();
        SHIPPED.evaluate(owned).forEach(evaluation -> expected.addAll(evaluation.complaints()));
        assertThat(clocks).hasSameSizeAs(expected).hasSizeGreaterThan(200);
        for (int i = 0; i < clocks.size(); i++) {
            assertThat(clocks.get(i).complaint()).isEqualTo(orphans.get(i));
            assertThat(clocks.get(i).timeLimitDays()).isEqualTo(expected.get(i).timeLimitDays());
            assertThat(clocks.get(i).state()).isEqualTo(expected.get(i).state());
        }
        assertThat(clocks).extracting(ComplaintClock::state).contains(ComplaintState.values()).contains((ComplaintState) null);
        assertThat(SHIPPED.clock(List.of())).isEmpty();
    }

    @Test
    void twoStatesForOneComplaintAreRefusedUnderUniqueAndSettledBySalienceUnderFirst() {
        String states = """
                package packs.clock;
                import io.decisioning.rules.*;
                rule "CLK-010 Ten days"
                when $c : Complaint() then insert(new TimeLimitSet($c, 10)); end
                rule "CLK-020 Open is on track"
                    salience 5
                when $c : Complaint(status == ComplaintStatus.OPEN) TimeLimitSet(complaint == $c) then
                    insert(new ComplaintStateAssigned($c, ComplaintState.ON_TRACK)); end
                rule "CLK-021 Regulator's are at risk"
                    salience 9
                when $c : Complaint(channel == ComplaintChannel.REGULATOR) TimeLimitSet(complaint == $c) then
                    insert(new ComplaintStateAssigned($c, ComplaintState.AT_RISK)); end
                """;
        EvaluationInput input = withComplaints(standard("A"),
                complaint("A", "CP-1", ComplaintComplexity.SIMPLE, ComplaintChannel.REGULATOR, 1, ComplaintStatus.OPEN, null),
                complaint("A", "CP-2", ComplaintComplexity.SIMPLE, ComplaintChannel.PHONE, 1, ComplaintStatus.OPEN, null));
        // (in place of the shipped pack: a complaint's state comes from one pack, as a customer's grade does)
        RuleSet unique = WITHOUT_COMPLAINTS.with(pack(states, "UNIQUE"));
        assertThatThrownBy(() -> unique.evaluate(input)).isInstanceOf(EvaluationException.class)
                .hasMessageContaining("complaint CP-1").hasMessageContaining("CLK-020").hasMessageContaining("CLK-021");
        assertThatThrownBy(() -> unique.clock(List.of(input.complaints().get(0).of((String) null))))
                .isInstanceOf(EvaluationException.class).hasMessageContaining("complaint CP-1");

        RuleSet first = WITHOUT_COMPLAINTS.with(pack(states, "FIRST"));
        assertThat(first.evaluate(input).complaints()).extracting(ComplaintClock::state)
                .containsExactly(ComplaintState.AT_RISK, ComplaintState.ON_TRACK);
        assertThat(first.clock(input.complaints().stream().map(c -> c.of((String) null)).toList()))
                .extracting(ComplaintClock::state).containsExactly(ComplaintState.AT_RISK, ComplaintState.ON_TRACK);
    }

    @Test
    void aSessionTakesEveryCustomerWhenOneOfItsRulesMatchesWithoutAComplaint() {
        CompiledPack onlyComplaints = pack("""
                package packs.clock;
                import io.decisioning.rules.*;
                rule "CLK-010 Ten days" when $c : Complaint() then insert(new TimeLimitSet($c, 10)); end
                rule "CLK-030 Regulator" when $p : CustomerProfile() exists Complaint(customerNo == $p.customerNo, channel == ComplaintChannel.REGULATOR)
                then insert(new WarningRaised($p.customerNo(), WarningType.REGULATOR_COMPLAINT, Severity.HIGH)); end
                """, "FIRST");
        CompiledPack everyone = pack("""
                package packs.clock;
                import io.decisioning.rules.*;
                rule "CLK-010 Ten days" when $c : Complaint() then insert(new TimeLimitSet($c, 10)); end
                rule "CLK-030 No complaint" when $p : CustomerProfile() not Complaint(customerNo == $p.customerNo)
                then insert(new WarningRaised($p.customerNo(), WarningType.CARE_DUE, Severity.LOW)); end
                """, "FIRST");

        assertThat(onlyComplaints.complaintsOnly).isTrue();
        assertThat(everyone.complaintsOnly).isFalse();
        Evaluation none = SHIPPED.with(everyone).evaluate(new EvaluationInput(standard("A").withComplaints(0, 0), List.of()));
        assertThat(none.warnings()).extracting(CustomerWarning::type).contains(WarningType.CARE_DUE);
    }

    private static CompiledPack pack(String drl, String hitPolicy) {
        return COMPILER.compile(new PackSource("clock", 1, Map.of(
                "pack.properties", ("order=95\nhitPolicy=" + hitPolicy + "\nfiles=clock.drl\n").getBytes(StandardCharsets.UTF_8),
                "clock.drl", drl.getBytes(StandardCharsets.UTF_8)))).orThrow();
    }
}
