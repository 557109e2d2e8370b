package io.decisioning.rules.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The table checks of a pair pack (the {@code identity} pack): its rows compared by running every combination
 * of the pair's flags through the compiled pack.
 */
class PairTableLintTests {

    private static final PackSource SHIPPED = ShippedPacks.load().stream().filter(p -> p.name().equals("identity"))
            .findFirst().orElseThrow();
    private static final String TABLE = "linking.drl.csv";

    @Test
    void theShippedIdentityPackHasNoFindings() {
        assertThat(TableLint.lint(SHIPPED)).isEmpty();
    }

    @Test
    void aRowAfterAMoreGeneralRowIsUnreachableAndAnErrorWhenItsOutcomeDiffers() {
        // rows from line 15: each shadowed by rows of a higher priority
        List<LintFinding> findings = TableLint.lint(draft(
                "IDN-045 Same name and birth date link at once,65,,,true,true,,AUTO_LINK",
                "IDN-060 Same identity and phone,60,,true,,,true,AUTO_LINK"));

        assertThat(findings).extracting(LintFinding::file, LintFinding::cell, LintFinding::kind, LintFinding::severity)
                .containsExactly(
                        tuple(TABLE, "A15", LintFinding.UNREACHABLE_ROW, LintFinding.ERROR),
                        tuple(TABLE, "A16", LintFinding.UNREACHABLE_ROW, LintFinding.WARNING));
        assertThat(findings.get(0).message().en()).startsWith("IDN-045 (priority 65) never decides")
                .contains("IDN-040 (priority 70)", "IDN-030 (priority 80)", "IDN-020 (priority 90)", "IDN-010 (priority 100)")
                .contains("it gives AUTO_LINK, they give AUTO_LINK, NO_LINK, REVIEW");
        assertThat(findings.get(1).message().en()).startsWith("IDN-060 (priority 60) never decides")
                .contains("decided first by IDN-020 (priority 90), which gives the same outcome AUTO_LINK")
                .doesNotContain("IDN-010");
    }

    @Test
    void aRowNoPairCanHoldForNeverApplies() {
        List<LintFinding> findings = TableLint.lint(draft("IDN-015 Different and same identity,95,true,true,,,,REVIEW"));

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.cell()).isEqualTo("A15");
            assertThat(f.kind()).isEqualTo(LintFinding.UNREACHABLE_ROW);
            assertThat(f.severity()).isEqualTo(LintFinding.ERROR);
            assertThat(f.message().en()).startsWith("IDN-015 never applies");
        });
    }

    @Test
    void rowsOfTheSamePriorityWithDifferentOutcomesAreAConflictingOverlapAtTheOutcome() {
        List<LintFinding> findings = TableLint.lint(draft("IDN-055 Same name and phone is a family,69,,,true,,true,NO_LINK"));

        assertThat(findings).extracting(LintFinding::cell, LintFinding::column, LintFinding::kind, LintFinding::severity)
                .containsExactly(tuple("H15", "outcome", LintFinding.CONFLICTING_OVERLAP, LintFinding.WARNING));
        assertThat(findings.get(0).message().en()).contains("IDN-050 and IDN-055 have the same priority 69",
                "sameName and samePhone", "REVIEW and NO_LINK");
    }

    @Test
    void pairsNoRuleDecidesAreAGapWhenThePackHasNoRuleForEverythingElse() {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("pack.properties", "order=5\nsubject=pair\nhitPolicy=FIRST\nfiles=linking.drl.csv\n"
                .getBytes(StandardCharsets.UTF_8));
        files.put(TABLE, SHIPPED.files().get(TABLE));

        List<LintFinding> findings = TableLint.lint(new PackSource("identity", 2, files));

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.cell()).isEqualTo("A5");
            assertThat(f.kind()).isEqualTo(LintFinding.GAP);
            assertThat(f.severity()).isEqualTo(LintFinding.INFO);
            // 24 combinations of the five flags (identityConflict with sameIdentity cannot be); 5 decided by no row: no name, or a name alone
            assertThat(f.message().en()).contains("decides 5 of the 24 combinations", "no flag is true", "NO_LINK");
        });
    }

    @Test
    void aDraftThatDoesNotCompileHasOnlyTheChecksOfItsCells() {
        List<LintFinding> findings = TableLint.lint(draft(",75,,,true,,,REVIEW"));

        assertThat(findings).extracting(LintFinding::cell, LintFinding::kind, LintFinding::severity)
                .containsExactly(tuple("A15", LintFinding.AMBIGUOUS_BLANK, LintFinding.ERROR));
    }

    /** The shipped identity pack as version 2, with rows added at the end of its linking table. */
    private static PackSource draft(String... rows) {
        Map<String, byte[]> files = new LinkedHashMap<>(SHIPPED.files());
        String table = new String(files.get(TABLE), StandardCharsets.UTF_8);
        files.put(TABLE, (table.endsWith("\n") ? table : table + "\n").concat(String.join("\n", rows) + "\n")
                .getBytes(StandardCharsets.UTF_8));
        return new PackSource("identity", 2, files);
    }
}
