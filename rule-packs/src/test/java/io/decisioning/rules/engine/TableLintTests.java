package io.decisioning.rules.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

class TableLintTests {

    /**
     * A grade table, rows from line 9: A rule, B priority, C claims at least, D claims (from, below),
     * E tenure and claim-free years at least (two values), F loss ratio at least, G grade.
     */
    private static final String GRADES = """
            RuleSet,packs.test
            Import,io.decisioning.rules.*
            Notes,hand-made for the lint
            RuleTable Grades
            NAME,PRIORITY,CONDITION,CONDITION,CONDITION,CONDITION,ACTION
            ,,,,,,
            ,,$p : CustomerProfile(claims12m >= $param),"$p : CustomerProfile(claims12m >= $1, claims12m < $2)",\
            "$p : CustomerProfile(tenureYears >= $1, claimFreeYears >= $2)",$p : CustomerProfile(lossRatio3y >= $param),\
            "insert(new GradeAssigned($p.customerNo(), Grade.$param));"
            rule,priority,claims in 12 months at least,"claims in 12 months (from, below)",\
            "tenure years at least, claim-free years at least",loss ratio 3y at least,grade
            """;

    /** A value scorecard, rows from line 9: A rule, B premium rank (from, below), C premium rank at least, D points. */
    private static final String SCORECARD = """
            RuleSet,packs.test
            Import,io.decisioning.rules.*
            Notes,hand-made for the lint
            RuleTable Value scorecard
            NAME,CONDITION,CONDITION,ACTION
            ,,,
            ,"$p : CustomerProfile(premiumRankPct >= $1, premiumRankPct < $2)",$p : CustomerProfile(premiumRankPct >= $param),\
            "insert(new ScorePoints($p.customerNo(), Scorecard.VALUE, $param));"
            rule,"premium rank % (from, below)",premium rank % at least,points
            """;

    private static final String STANDARD_OTHERWISE = """
            package packs.test;
            import io.decisioning.rules.*;
            rule "GRD-090 Standard otherwise"
                salience 0
            when
                $p : CustomerProfile()
            then
                insert(new GradeAssigned($p.customerNo(), Grade.STANDARD));
            end
            """;

    private static List<LintFinding> errors(List<LintFinding> findings) {
        return findings.stream().filter(f -> f.severity().equals(LintFinding.ERROR)).toList();
    }

    private static List<LintFinding> ofKind(List<LintFinding> findings, String kind) {
        return findings.stream().filter(f -> f.kind().equals(kind)).toList();
    }

    @Test
    void theShippedPacksHaveNoErrorsOnlyTheExpectedNotes() {
        Map<String, List<LintFinding>> byPack = new LinkedHashMap<>();
        ShippedPacks.load().forEach(pack -> byPack.put(pack.name(), TableLint.lint(pack)));

        assertThat(byPack.values()).allSatisfy(findings -> assertThat(errors(findings)).isEmpty());
        assertThat(byPack.get("grading")).as("GRD-090 is the grade table's catch-all").isEmpty();
        assertThat(byPack.get("warnings")).extracting(LintFinding::file, LintFinding::cell, LintFinding::kind,
                LintFinding::severity).containsExactly(
                tuple("warning-thresholds.drl.csv", "A5", LintFinding.GAP, LintFinding.INFO),
                tuple("warning-thresholds.drl.csv", "A13", LintFinding.GAP, LintFinding.INFO),
                tuple("warning-thresholds.drl.csv", "A21", LintFinding.GAP, LintFinding.INFO));
        assertThat(byPack.get("warnings").get(0).message().en()).contains("claims12m <= 2", "REPEAT_CLAIMANT");
        assertThat(byPack.get("scoring")).extracting(LintFinding::file, LintFinding::cell, LintFinding::column,
                LintFinding::kind, LintFinding::severity).containsExactly(
                tuple("risk-scorecard.drl.csv", "H8", "each warning of severity", LintFinding.NOT_ANALYSED, LintFinding.INFO),
                tuple("risk-scorecard.drl.csv", "B9", "loss ratio 3y (from, below)", LintFinding.GAP, LintFinding.INFO));
        assertThat(byPack.get("scoring").get(1).message().en()).contains("lossRatio3y is null");
        assertThat(byPack.get("tiering")).isEmpty();
        assertThat(byPack.get("retention")).as("only notes: the churn card's gaps (scorecardGaps=zero), warnings most"
                + " customers do not get, and the conditions on the churn score, a due date or renewal, and the tier").extracting(
                LintFinding::file, LintFinding::cell, LintFinding::kind, LintFinding::severity).containsExactly(
                tuple("churn-scorecard.drl.csv", "B9", LintFinding.GAP, LintFinding.INFO),
                tuple("churn-scorecard.drl.csv", "E9", LintFinding.GAP, LintFinding.INFO),
                tuple("churn-scorecard.drl.csv", "F9", LintFinding.GAP, LintFinding.INFO),
                tuple("churn-scorecard.drl.csv", "H9", LintFinding.GAP, LintFinding.INFO),
                tuple("churn-scorecard.drl.csv", "J9", LintFinding.GAP, LintFinding.INFO),
                tuple("churn-scorecard.drl.csv", "M9", LintFinding.GAP, LintFinding.INFO),
                tuple("churn-scorecard.drl.csv", "O9", LintFinding.GAP, LintFinding.INFO),
                tuple("churn-scorecard.drl.csv", "P9", LintFinding.GAP, LintFinding.INFO),
                tuple("retention-warnings.drl.csv", "A5", LintFinding.GAP, LintFinding.INFO),
                tuple("retention-warnings.drl.csv", "A12", LintFinding.GAP, LintFinding.INFO),
                tuple("retention-warnings.drl.csv", "C22", LintFinding.NOT_ANALYSED, LintFinding.INFO),
                tuple("retention-warnings.drl.csv", "D22", LintFinding.NOT_ANALYSED, LintFinding.INFO),
                tuple("retention-warnings.drl.csv", "D30", LintFinding.NOT_ANALYSED, LintFinding.INFO));
        assertThat(byPack.get("decision")).isEmpty();
    }

    @Test
    void aRowCoveredByAHigherPriorityRowIsUnreachable() {
        List<LintFinding> findings = TableLint.lint(TestPacks.firstPack("grading", 10, "grading.drl", STANDARD_OTHERWISE,
                "grades.drl.csv", GRADES + """
                        GRD-020 Poor quality by claims,90,3,,,,POOR_QUALITY
                        GRD-030 High quality by loyalty,80,,,"3, 3",,HIGH_QUALITY
                        GRD-040 Poor quality by loss ratio,70,,,,1.0,POOR_QUALITY
                        GRD-050 Standard for many claims,60,5,,,,STANDARD
                        """));

        assertThat(findings).singleElement().satisfies(finding -> {
            assertThat(finding.file()).isEqualTo("grades.drl.csv");
            assertThat(finding.sheet()).isNull();
            assertThat(finding.cell()).isEqualTo("A12");
            assertThat(finding.column()).isEqualTo("rule");
            assertThat(finding.kind()).isEqualTo(LintFinding.UNREACHABLE_ROW);
            assertThat(finding.severity()).isEqualTo(LintFinding.ERROR);
            assertThat(finding.message().en()).contains("GRD-050", "GRD-020 (priority 90)").doesNotContain("GRD-040");
            assertThat(finding.message().zh()).as("an analyst reads it in Chinese too")
                    .startsWith("GRD-050（优先级 60）永远不会生效：它适用的每个客户都先被 GRD-020（优先级 90）取走");
        });
    }

    @Test
    void aRowCoveredOnlyByTwoHigherRowsTogetherIsUnreachable() {
        List<LintFinding> findings = TableLint.lint(TestPacks.firstPack("grading", 10, "grading.drl", STANDARD_OTHERWISE,
                "grades.drl.csv", GRADES + """
                        GRD-020 Poor quality by claims,90,3,,,,POOR_QUALITY
                        GRD-030 High quality with few claims,80,,"0, 3",,,HIGH_QUALITY
                        GRD-040 Standard with a claim,70,1,,,,STANDARD
                        """));

        assertThat(findings).singleElement().satisfies(finding -> {
            assertThat(finding.cell()).isEqualTo("A11");
            assertThat(finding.kind()).isEqualTo(LintFinding.UNREACHABLE_ROW);
            assertThat(finding.severity()).isEqualTo(LintFinding.ERROR);
            assertThat(finding.message().en()).contains("GRD-020 (priority 90) and GRD-030 (priority 80) together");
        });
    }

    @Test
    void aRowShadowedByRowsGivingTheSameOutcomeIsOnlyRedundant() {
        List<LintFinding> findings = TableLint.lint(TestPacks.firstPack("grading", 10, "grading.drl", STANDARD_OTHERWISE,
                "grades.drl.csv", GRADES + """
                        GRD-040 Poor quality by loss ratio,80,,,,1.0,POOR_QUALITY
                        GRD-045 Poor quality by a very high loss ratio,70,,,,1.5,POOR_QUALITY
                        """));

        assertThat(findings).singleElement().satisfies(finding -> {
            assertThat(finding.cell()).isEqualTo("A10");
            assertThat(finding.kind()).isEqualTo(LintFinding.UNREACHABLE_ROW);
            assertThat(finding.severity()).isEqualTo(LintFinding.WARNING);
            assertThat(finding.message().en()).contains("GRD-040 (priority 80)", "same grade", "only the reason differs");
        });
    }

    @Test
    void aRangeThatHoldsForNoValueIsUnreachableAtItsCell() {
        List<LintFinding> findings = TableLint.lint(TestPacks.firstPack("scoring", 30, "value.drl.csv", SCORECARD + """
                VAL-010 Bottom half,"0, 50",,0
                VAL-011 Upside down,"80, 50",,10
                VAL-012 Top half,,50,20
                """));

        assertThat(findings).singleElement().satisfies(finding -> {
            assertThat(finding.cell()).isEqualTo("B10");
            assertThat(finding.column()).isEqualTo("premium rank % (from, below)");
            assertThat(finding.kind()).isEqualTo(LintFinding.UNREACHABLE_ROW);
            assertThat(finding.message().en()).contains("VAL-011", "'80, 50'");
        });
    }

    @Test
    void rowsOfEqualPriorityWithDifferentOutcomesConflictUnderFirst() {
        List<LintFinding> findings = TableLint.lint(TestPacks.firstPack("grading", 10, "grading.drl", STANDARD_OTHERWISE,
                "grades.drl.csv", GRADES + """
                        GRD-020 Poor quality by claims,80,3,,,,POOR_QUALITY
                        GRD-030 High quality by loyalty,80,,,"3, 3",,HIGH_QUALITY
                        GRD-040 Poor quality by loss ratio,70,,,,1.0,POOR_QUALITY
                        GRD-045 Also poor by loss ratio,70,,,,1.5,POOR_QUALITY
                        """));

        assertThat(findings).singleElement().satisfies(finding -> {
            assertThat(finding.cell()).isEqualTo("G10");
            assertThat(finding.column()).isEqualTo("grade");
            assertThat(finding.kind()).isEqualTo(LintFinding.CONFLICTING_OVERLAP);
            assertThat(finding.severity()).isEqualTo(LintFinding.ERROR);
            assertThat(finding.message().en()).contains("GRD-020 and GRD-030", "same priority 80",
                    "claims12m >= 3 and tenureYears >= 3 and claimFreeYears >= 3", "POOR_QUALITY and HIGH_QUALITY");
        });
    }

    @Test
    void overlappingRowsWithDifferentOutcomesConflictInAUniquePack() {
        List<LintFinding> findings = TableLint.lint(TestPacks.pack("grading", 10, "grades.drl.csv", GRADES + """
                GRD-020 Poor quality by claims,,3,,,,POOR_QUALITY
                GRD-030 High quality by loyalty,,,,"3, 3",,HIGH_QUALITY
                GRD-040 Standard with few claims,,,"0, 3",,,STANDARD
                """));

        assertThat(findings).extracting(LintFinding::cell, LintFinding::kind, LintFinding::severity).containsExactly(
                tuple("G10", LintFinding.CONFLICTING_OVERLAP, LintFinding.ERROR),
                tuple("G11", LintFinding.CONFLICTING_OVERLAP, LintFinding.ERROR));
        assertThat(findings.get(0).message().en()).contains("GRD-020 and GRD-030", "UNIQUE",
                "for example claims12m = 3 and tenureYears = 3 and claimFreeYears = 3");
        assertThat(findings.get(1).message().en()).contains("GRD-030 and GRD-040", "claims12m <= 2");
    }

    @Test
    void customersNoRowAppliesToAreAGapWithAnExampleUnlessThePackHasACatchAll() {
        String table = GRADES + """
                GRD-020 Poor quality by claims,90,3,,,,POOR_QUALITY
                GRD-030 Poor quality by loss ratio,85,,,,1.0,POOR_QUALITY
                GRD-040 Standard with at most one claim,80,,"0, 2",,,STANDARD
                """;

        List<LintFinding> findings = TableLint.lint(TestPacks.firstPack("grading", 10, "grades.drl.csv", table));

        assertThat(findings).singleElement().satisfies(finding -> {
            assertThat(finding.cell()).isEqualTo("A4");
            assertThat(finding.column()).isNull();
            assertThat(finding.kind()).isEqualTo(LintFinding.GAP);
            assertThat(finding.severity()).isEqualTo(LintFinding.WARNING);
            assertThat(finding.message().en()).contains("claims12m = 2 and (lossRatio3y < 1 or lossRatio3y is null)",
                    "for example claims12m = 2 and lossRatio3y = 0.5", "no grade");
        });
        assertThat(TableLint.lint(TestPacks.firstPack("grading", 10, "grades.drl.csv", table,
                "grading.drl", STANDARD_OTHERWISE))).isEmpty();
    }

    @Test
    void blankCellsWhoseMeaningIsAmbiguousArePointedAt() {
        List<LintFinding> findings = TableLint.lint(TestPacks.firstPack("grading", 10, "grading.drl", STANDARD_OTHERWISE,
                "grades.drl.csv", GRADES + """
                        GRD-020 Poor quality by claims,90,3,,,,POOR_QUALITY
                        ,85,,,,1.0,POOR_QUALITY
                        GRD-040 High quality by long loyalty,,,,"10, 10",,HIGH_QUALITY
                        GRD-050 High quality by loyalty,70,,,"3,",,HIGH_QUALITY
                        GRD-060 High quality by tenure,69,,,3,,HIGH_QUALITY
                        GRD-070 Everyone else,-1,,,,,STANDARD
                        GRD-080 Nothing decided,60,,"0, 1",,,
                        """));

        assertThat(ofKind(findings, LintFinding.AMBIGUOUS_BLANK)).extracting(LintFinding::cell, LintFinding::column,
                LintFinding::severity).containsExactly(
                tuple("A10", "rule", LintFinding.ERROR),
                tuple("B11", "priority", LintFinding.WARNING),
                tuple("E12", "tenure years at least, claim-free years at least", LintFinding.ERROR),
                tuple("E13", "tenure years at least, claim-free years at least", LintFinding.ERROR),
                tuple("C14", "claims in 12 months at least", LintFinding.ERROR),
                tuple("G15", "grade", LintFinding.ERROR));
        List<String> messages = ofKind(findings, LintFinding.AMBIGUOUS_BLANK).stream().map(f -> f.message().en()).toList();
        assertThat(messages.get(0)).contains("no stable ID");
        assertThat(ofKind(findings, LintFinding.AMBIGUOUS_BLANK).get(0).message().zh()).contains("没有规则名", "稳定的编号");
        assertThat(messages.get(1)).contains("counts as 0");
        assertThat(messages.get(2)).contains("'claim-free years at least' is blank", "neither 0 nor 'no limit'");
        assertThat(messages.get(3)).contains("'3'", "'claim-free years at least' is blank");
        assertThat(messages.get(4)).contains("applies to every customer", "does not compile");
        assertThat(messages.get(5)).contains("no outcome");
    }

    @Test
    void aBlankInAScorecardIsNeitherZeroNorNoLimit() {
        List<LintFinding> findings = TableLint.lint(TestPacks.firstPack("scoring", 30, "value.drl.csv", SCORECARD + """
                VAL-010 Bottom fifth,"0, 20",,0
                VAL-011 Lower half,"20, 50",,
                VAL-012 Upper half,", 80",,25
                VAL-013 Top fifth,"80,",,35
                """));

        List<LintFinding> blanks = ofKind(findings, LintFinding.AMBIGUOUS_BLANK);
        assertThat(blanks).extracting(LintFinding::cell, LintFinding::severity).containsExactly(
                tuple("D10", LintFinding.WARNING),
                tuple("B11", LintFinding.ERROR),
                tuple("B12", LintFinding.ERROR));
        assertThat(blanks.get(0).message().en()).contains("a blank is not 0", "Write 0");
        assertThat(blanks.get(1).message().en()).contains("'premium rank % from' is blank", "neither 0 nor 'no limit'");
        assertThat(blanks.get(2).message().en()).contains("'premium rank % below' is blank", "'at least' column");
    }

    @Test
    void scorecardBinsOfOneCharacteristicMustNotOverlapAndShouldCoverItsRange() {
        List<LintFinding> findings = TableLint.lint(TestPacks.firstPack("scoring", 30, "value.drl.csv", SCORECARD + """
                VAL-010 Bottom fifth,"0, 20",,0
                VAL-011 Lower half,"15, 50",,10
                VAL-012 Top,,60,30
                """));

        assertThat(findings).extracting(LintFinding::cell, LintFinding::kind, LintFinding::severity).containsExactly(
                tuple("B8", LintFinding.GAP, LintFinding.WARNING),
                tuple("B10", LintFinding.CONFLICTING_OVERLAP, LintFinding.ERROR));
        assertThat(findings.get(0).message().en()).contains("50 <= premiumRankPct < 60", "premiumRankPct = 55");
        assertThat(findings.get(1).message().en()).contains("VAL-010 and VAL-011", "premiumRankPct = 17.5", "0 + 10 points");
    }

    @Test
    void aCardThatListsOnlyTheBinsGivingPointsHasItsGapsNotedWhenThePackSaysTheyScoreZero() {
        String onlyTop = SCORECARD + """
                VAL-012 Top,,60,30
                """;
        List<LintFinding> warned = TableLint.lint(TestPacks.firstPack("scoring", 30, "value.drl.csv", onlyTop));
        List<LintFinding> noted = TableLint.lint(TestPacks.pack("scoring", "order=30\nhitPolicy=FIRST\nscorecardGaps=zero\n",
                "value.drl.csv", onlyTop));

        assertThat(warned).extracting(LintFinding::kind, LintFinding::severity).containsExactly(
                tuple(LintFinding.GAP, LintFinding.WARNING));
        assertThat(warned.get(0).message().en()).contains("premiumRankPct < 60", "scorecardGaps=zero");
        assertThat(noted).extracting(LintFinding::kind, LintFinding::severity).containsExactly(
                tuple(LintFinding.GAP, LintFinding.INFO));
        assertThat(noted.get(0).message().en()).contains("premiumRankPct < 60", "scores 0 for it");
    }

    @Test
    void scorecardGapsIsWarnOrZero() {
        assertThatThrownBy(() -> PackDescriptor.parse("order=30\nscorecardGaps=ignore\n".getBytes()))
                .hasMessageContaining("scorecardGaps must be warn").hasMessageContaining("was ignore");
    }

    @Test
    void aConditionTheLintCannotModelIsOnlyANoteAndShadowsNothing() {
        List<LintFinding> findings = TableLint.lint(TestPacks.firstPack("grading", 10, "grading.drl", STANDARD_OTHERWISE,
                "grades.drl.csv", """
                        RuleSet,packs.test
                        Import,io.decisioning.rules.*
                        Notes,a condition on text
                        RuleTable Grades
                        NAME,PRIORITY,CONDITION,CONDITION,ACTION
                        ,,,,
                        ,,"$p : CustomerProfile(customerType == ""$param"")",$p : CustomerProfile(claims12m >= $param),\
                        "insert(new GradeAssigned($p.customerNo(), Grade.$param));"
                        rule,priority,customer type,claims in 12 months at least,grade
                        GRD-020 Key account for organisations,90,ORGANIZATION,,KEY_ACCOUNT
                        GRD-030 Poor quality by claims,80,,3,POOR_QUALITY
                        GRD-040 Key account for organisations with claims,70,ORGANIZATION,1,KEY_ACCOUNT
                        """));

        assertThat(findings).singleElement().satisfies(finding -> {
            assertThat(finding.cell()).isEqualTo("C7");
            assertThat(finding.column()).isEqualTo("customer type");
            assertThat(finding.kind()).isEqualTo(LintFinding.NOT_ANALYSED);
            assertThat(finding.severity()).isEqualTo(LintFinding.INFO);
            assertThat(finding.message().en()).contains("compares text");
        });
    }

    @Test
    void aWorkbookTableIsCheckedOnItsFirstSheetWithTheSheetName() throws IOException {
        byte[] workbook = workbook();

        List<LintFinding> findings = TableLint.lint(new PackSource("grading", 1, Map.of(
                "pack.properties", "order=10\nhitPolicy=FIRST\n".getBytes(StandardCharsets.UTF_8),
                "grading.drl", STANDARD_OTHERWISE.getBytes(StandardCharsets.UTF_8),
                "grades.drl.xlsx", workbook)));

        assertThat(findings).extracting(LintFinding::file, LintFinding::sheet, LintFinding::cell, LintFinding::column,
                LintFinding::kind, LintFinding::severity).containsExactly(
                tuple("grades.drl.xlsx", "Grades", "A11", "rule", LintFinding.UNREACHABLE_ROW, LintFinding.ERROR),
                tuple("grades.drl.xlsx", "Grades", "E12", "grade", LintFinding.AMBIGUOUS_BLANK, LintFinding.ERROR),
                tuple("grades.drl.xlsx", "Drafts", "B2", null, LintFinding.IGNORED_SHEET, LintFinding.ERROR));
        assertThat(findings.get(0).message().en()).contains("GRD-040", "GRD-020 (priority 90)");
        assertThat(findings.get(0).where()).isEqualTo("grades.drl.xlsx [Grades] A11");
    }

    /**
     * A workbook in the CSV tables' layout, with numbers as numeric cells and the object type
     * {@code $p : CustomerProfile} merged over the two condition columns (their code holds the constraints);
     * a second sheet holds a table Drools does not read.
     */
    private static byte[] workbook() throws IOException {
        try (Workbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet grades = workbook.createSheet("Grades");
            Object[][] rows = {
                {"RuleSet", "packs.test"},
                {"Import", "io.decisioning.rules.*"},
                {},
                {"RuleTable Grades"},
                {"NAME", "PRIORITY", "CONDITION", "CONDITION", "ACTION"},
                {"", "", "$p : CustomerProfile", "", ""},
                {"", "", "claims12m >=", "lossRatio3y >= $param",
                    "insert(new GradeAssigned($p.customerNo(), Grade.$param));"},
                {"rule", "priority", "claims in 12 months at least", "loss ratio 3y at least", "grade"},
                {"GRD-020 Poor quality by claims", 90, 3, "", "POOR_QUALITY"},
                {"GRD-030 Poor quality by loss ratio", 80, "", 1.25, "POOR_QUALITY"},
                {"GRD-040 Standard for many claims", 70, 4, "", "STANDARD"},
                {"GRD-050 Nothing decided", 60, "", 0.5, ""},
            };
            write(grades, rows);
            grades.addMergedRegion(new CellRangeAddress(5, 5, 2, 3));
            Sheet drafts = workbook.createSheet("Drafts");
            write(drafts, new Object[][] {{}, {"", "RuleTable Draft grades"}});
            workbook.write(out);
            return out.toByteArray();
        }
    }

    private static void write(Sheet sheet, Object[][] rows) {
        for (int r = 0; r < rows.length; r++) {
            Row row = sheet.createRow(r);
            for (int c = 0; c < rows[r].length; c++) {
                if (rows[r][c] instanceof Number number) {
                    row.createCell(c).setCellValue(number.doubleValue());
                } else if (!((String) rows[r][c]).isEmpty() || r == 5) {
                    row.createCell(c).setCellValue((String) rows[r][c]);
                }
            }
        }
    }
}
