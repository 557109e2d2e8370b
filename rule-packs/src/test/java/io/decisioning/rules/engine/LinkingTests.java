package io.decisioning.rules.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.decisioning.rules.LinkOutcome;
import io.decisioning.rules.RecordPair;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The pair packs: the shipped identity pack's linking table, and how pair packs are run and checked. */
class LinkingTests {

    private static final PackCompiler COMPILER = new PackCompiler();
    private static final RuleSet DEFAULT = ShippedPacks.ruleSet(COMPILER);

    @Test
    void theShippedTableDecidesEveryCombinationLikeDesignSection10() {
        List<RecordPair> pairs = new ArrayList<>();
        for (int bits = 0; bits < 32; bits++) {
            pairs.add(pair("P" + bits, (bits & 1) != 0, (bits & 2) != 0, (bits & 4) != 0, (bits & 8) != 0, (bits & 16) != 0));
        }

        List<LinkDecision> decisions = DEFAULT.link(pairs);

        for (int bits = 0; bits < 32; bits++) {
            boolean conflict = (bits & 1) != 0;
            boolean identity = (bits & 2) != 0;
            boolean name = (bits & 4) != 0;
            boolean birth = (bits & 8) != 0;
            boolean phone = (bits & 16) != 0;
            LinkOutcome expected = conflict ? LinkOutcome.NO_LINK
                    : identity ? LinkOutcome.AUTO_LINK
                    : name && birth && phone ? LinkOutcome.AUTO_LINK
                    : name && (birth || phone) ? LinkOutcome.REVIEW
                    : LinkOutcome.NO_LINK;
            assertThat(decisions.get(bits).outcome()).as("pair %s", pairs.get(bits)).isEqualTo(expected);
            assertThat(decisions.get(bits).pairId()).isEqualTo("P" + bits);
        }
    }

    @Test
    void aDecisionSaysWhichPackRuleAndVersionAndTheEvidence() {
        LinkDecision decision = DEFAULT.link(List.of(pair("P", false, false, true, true, true))).get(0);

        assertThat(decision.reason().pack()).isEqualTo("identity");
        assertThat(decision.reason().version()).isEqualTo(1);
        assertThat(decision.reason().rule()).isEqualTo("IDN-030 Same name, birth date and phone");
        assertThat(decision.reason().message()).isEqualTo(new Sentence(
                "Same name, birth date and phone (same name, same birth date, same phone)",
                "姓名相同，出生日期相同，电话相同"));
    }

    @Test
    void aPairTwiceInABatchIsRejected() {
        assertThatThrownBy(() -> DEFAULT.link(List.of(pair("P", false, true, false, false, false),
                pair("P", false, false, false, false, false)))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void withoutAPairPackNoTwoRecordsLink() {
        RuleSet customersOnly = RuleSet.of(DEFAULT.packs().stream().filter(p -> p.subject() == PackSubject.CUSTOMER).toList());

        assertThat(customersOnly.links()).isFalse();
        assertThat(customersOnly.link(List.of(pair("P", false, true, true, true, true))).get(0).outcome())
                .isEqualTo(LinkOutcome.NO_LINK);
    }

    @Test
    void aReasonNamingAFieldThatIsNotOfTheRecordPairDoesNotCompile() {
        Compilation compilation = COMPILER.compile(new PackSource("identity", 2, Map.of(
                "pack.properties", "order=5\nsubject=pair\nhitPolicy=FIRST\nfiles=a.drl\n".getBytes(StandardCharsets.UTF_8),
                "a.drl", """
                        package packs.identity;
                        import io.decisioning.rules.*;
                        rule "IDN-010 Same phone"
                            @reason("{samePhone} and {claims12m}")
                        when $p : RecordPair(samePhone)
                        then insert(new LinkDecided($p, LinkOutcome.REVIEW));
                        end
                        """.getBytes(StandardCharsets.UTF_8))));

        assertThat(compilation.errors()).singleElement().extracting(CompileError::message).asString()
                .contains("{claims12m}").contains("RecordPair");
    }

    @Test
    void aDraftOfThePairPackReplacesThePublishedOneAndItsReasonFillsInThePair() {
        CompiledPack draft = COMPILER.compile(new PackSource("identity", 2, Map.of(
                "pack.properties", "order=5\nsubject=pair\nhitPolicy=FIRST\nfiles=a.drl\n".getBytes(StandardCharsets.UTF_8),
                "a.drl", """
                        package packs.identity;
                        import io.decisioning.rules.*;
                        rule "IDN-010 A shared phone is worth a look"
                            @reason("same phone: {samePhone}")
                        when $p : RecordPair(samePhone)
                        then insert(new LinkDecided($p, LinkOutcome.REVIEW));
                        end
                        """.getBytes(StandardCharsets.UTF_8)))).orThrow();

        LinkDecision decision = DEFAULT.with(draft).link(List.of(pair("P", false, false, false, false, true))).get(0);

        assertThat(decision.outcome()).isEqualTo(LinkOutcome.REVIEW);
        assertThat(decision.reason().version()).isEqualTo(2);
        assertThat(decision.reason().message()).isEqualTo(Sentence.of("same phone: true"));
    }

    @Test
    void aPairPackCannotRunAsAStageOfTheCustomers() {
        // its rules match RecordPair only: the customers' evaluation is untouched by it
        Evaluation evaluation = DEFAULT.evaluate(new EvaluationInput(io.decisioning.rules.CustomerProfile.newApplicant("A", "PERSON"),
                List.of()));
        assertThat(evaluation.reasons()).extracting(Reason::pack).doesNotContain("identity");
    }

    private static RecordPair pair(String id, boolean conflict, boolean identity, boolean name, boolean birth, boolean phone) {
        return new RecordPair(id, "A", "B", conflict, identity, name, birth, phone, false, true);
    }
}
