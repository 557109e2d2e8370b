package io.decisioning.rules.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.decisioning.rules.Entitlement;
import io.decisioning.rules.EntitlementGranted;
import io.decisioning.rules.GradeAssigned;
import io.decisioning.rules.ScorePoints;
import io.decisioning.rules.Scorecard;
import io.decisioning.rules.Severity;
import io.decisioning.rules.Tier;
import io.decisioning.rules.TierAssigned;
import io.decisioning.rules.WarningRaised;
import io.decisioning.rules.WarningType;
import org.junit.jupiter.api.Test;

class OutcomeKindTests {

    @Test
    void anActionNamesTheKindOfItsOutcomeItsWarningTypeOrCardAndItsValue() {
        assertThat(OutcomeKind.inserts("insert(new GradeAssigned($p.customerNo(), Grade.NEW));"))
                .containsExactly(new OutcomeKind.Insert(OutcomeKind.GRADE, null, "NEW"));
        assertThat(OutcomeKind.inserts(
                "insert(new WarningRaised($p.customerNo(), WarningType.REPEAT_CLAIMANT, Severity.HIGH));"))
                .containsExactly(new OutcomeKind.Insert(OutcomeKind.WARNING, "REPEAT_CLAIMANT", "HIGH"));
        assertThat(OutcomeKind.inserts("insert(new io.decisioning.rules.ScorePoints($p.customerNo(), Scorecard.RISK, 10));"))
                .singleElement().satisfies(insert -> {
                    assertThat(insert.kind()).isEqualTo(OutcomeKind.SCORE);
                    assertThat(insert.card()).isEqualTo(Scorecard.RISK);
                    assertThat(insert.slot()).isEqualTo(OutcomeKind.NO_SLOT);
                    assertThat(insert.describe()).isEqualTo("RISK points");
                });
    }

    @Test
    void whatTheTextDoesNotNameIsLeftOpen() {
        assertThat(OutcomeKind.inserts("insert(new GradeAssigned($p.customerNo(), $p.paid3y() > 0 ? Grade.HIGH_QUALITY"
                + " : Grade.POOR_QUALITY));")).containsExactly(new OutcomeKind.Insert(OutcomeKind.GRADE, null, null));
        assertThat(OutcomeKind.inserts("insert(new ScorePoints($s.customerNo(), $s.card(), 1));"))
                .containsExactly(new OutcomeKind.Insert(OutcomeKind.SCORE, null, null));
        assertThat(OutcomeKind.inserts("insert(new Applicant($p.customerNo())); System.out.println($p);")).isEmpty();
    }

    @Test
    void everyOutcomeOfAnActionIsFoundInOrder() {
        assertThat(OutcomeKind.inserts("""
                insert(new TierAssigned($p.customerNo(), Tier.GOLD));
                insert(new ScorePoints($p.customerNo(), Scorecard.VALUE, 5));
                """)).extracting(OutcomeKind.Insert::kind).containsExactly(OutcomeKind.TIER, OutcomeKind.SCORE);
    }

    @Test
    void anOutcomeIsKnownByItsExactClassAndAnyOtherFactIsNone() {
        assertThat(OutcomeKind.of(new GradeAssigned("C", io.decisioning.rules.Grade.NEW))).isEqualTo(OutcomeKind.GRADE);
        assertThat(OutcomeKind.of(new ScorePoints("C", Scorecard.VALUE, 1))).isEqualTo(OutcomeKind.SCORE);
        assertThat(OutcomeKind.of("a fact a pack keeps to itself")).isNull();
        assertThat(OutcomeKind.WARNING.customerNo(new WarningRaised("C7", WarningType.CARE_DUE, Severity.LOW)))
                .isEqualTo("C7");
    }

    @Test
    void slotsNumberTheGradeTierDecisionAndEachWarningType() {
        WarningRaised lapse = new WarningRaised("C", WarningType.LAPSE_RISK, Severity.LOW);
        TierAssigned gold = new TierAssigned("C", Tier.GOLD);

        assertThat(OutcomeKind.of(lapse).slot(lapse)).isEqualTo(3 + WarningType.LAPSE_RISK.ordinal());
        assertThat(OutcomeKind.of(gold).slot(gold)).isEqualTo(1);
        assertThat(OutcomeKind.of(gold).value(gold)).isEqualTo(Tier.GOLD.ordinal());
        assertThat(OutcomeKind.of(new ScorePoints("C", Scorecard.RISK, 7)).value(new ScorePoints("C", Scorecard.RISK, 7)))
                .isEqualTo(7);
        assertThat(OutcomeKind.SLOTS).isEqualTo(5 + WarningType.values().length + Entitlement.values().length);
        EntitlementGranted survey = new EntitlementGranted("C", Entitlement.FAST_ONSITE_SURVEY);
        assertThat(OutcomeKind.of(survey).slot(survey)).isEqualTo(3 + WarningType.values().length + 1);
        assertThat(OutcomeKind.describe(OutcomeKind.entitlementSlot(Entitlement.GREEN_CHANNEL_CLAIMS)))
                .isEqualTo("entitlement GREEN_CHANNEL_CLAIMS");
        assertThat(OutcomeKind.describe(OutcomeKind.warningSlot(WarningType.LAPSE_RISK))).isEqualTo("warning LAPSE_RISK");
        assertThat(OutcomeKind.ofSlot(0).type).isEqualTo(GradeAssigned.class);
        assertThat(OutcomeKind.ofSlot(OutcomeKind.NO_SLOT).type).isEqualTo(ScorePoints.class);
    }
}
