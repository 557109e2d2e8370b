package io.decisioning.rules.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PackCompilerTests {

    private static final PackCompiler COMPILER = new PackCompiler();

    private static List<CompileError> errorsOf(PackSource pack) {
        Compilation compilation = COMPILER.compile(pack);
        assertThat(compilation.valid()).as("valid").isFalse();
        return compilation.errors();
    }

    @Test
    void everyShippedPackCompiles() {
        assertThat(ShippedPacks.load()).extracting(pack -> COMPILER.compile(pack).errors()).allSatisfy(
                errors -> assertThat(errors).isEmpty());
    }

    @Test
    void allErrorsOfABrokenDrlAreReportedWithFileAndLine() {
        List<CompileError> errors = errorsOf(TestPacks.pack("broken", 10, "broken.drl", """
                package test;
                import io.decisioning.rules.*;

                rule "GRD-010 Misspelt field"
                when
                    $p : CustomerProfile(claimz >= 3)
                then
                    insert(new GradeAssigned($p.customerNo(), Grade.POOR_QUALITY));
                end

                rule "GRD-020 Unknown outcome"
                when
                    $p : CustomerProfile()
                then
                    insert(new GradeGiven($p.customerNo()));
                end
                """));

        assertThat(errors).hasSize(2).allSatisfy(error -> assertThat(error.file()).isEqualTo("broken.drl"));
        assertThat(errors).extracting(CompileError::line).containsExactlyInAnyOrder(6, 11);
        assertThat(errors).extracting(e -> e.message().en()).anySatisfy(m -> assertThat(m).contains("claimz"));
    }

    @Test
    void aSyntaxErrorIsReportedWithLineAndColumn() {
        List<CompileError> errors = errorsOf(TestPacks.pack("broken", 10, "broken.drl", """
                package test;
                import io.decisioning.rules.*;
                rule "GRD-010 Unclosed"
                when
                    $p : CustomerProfile(claims12m >= 3
                then
                    insert(new GradeAssigned($p.customerNo(), Grade.POOR_QUALITY));
                end
                """));

        assertThat(errors).isNotEmpty().allSatisfy(error -> {
            assertThat(error.file()).isEqualTo("broken.drl");
            assertThat(error.line()).isBetween(5, 8);
            assertThat(error.column()).isPositive();
        });
    }

    @Test
    void anErrorInADecisionTableIsReportedAtTheTableRow() {
        List<CompileError> errors = errorsOf(TestPacks.pack("broken", 10, "limits.drl.csv", """
                RuleSet,test
                Import,io.decisioning.rules.*
                ,
                RuleTable Limits
                NAME,CONDITION,ACTION
                ,,
                ,$p : CustomerProfile(claimz >= $param),"insert(new GradeAssigned($p.customerNo(), Grade.$param));"
                rule,claims at least,grade
                GRD-010 Fine,3,POOR_QUALITY
                GRD-020 Unknown grade,5,TERRIBLE
                """));

        assertThat(errors).isNotEmpty().allSatisfy(error -> assertThat(error.file()).isEqualTo("limits.drl.csv"));
        assertThat(errors).extracting(CompileError::line).contains(9, 10);
        assertThat(errors).extracting(e -> e.message().en()).anySatisfy(m -> assertThat(m).contains("row 10"));
    }

    @Test
    void aDecisionTableColumnWithoutCodeIsReportedAtItsCell() {
        List<CompileError> errors = errorsOf(TestPacks.pack("broken", 10, "limits.drl.csv", """
                RuleSet,test
                Import,io.decisioning.rules.*
                ,
                RuleTable Limits
                NAME,CONDITION,ACTION
                ,,
                ,,"insert(new GradeAssigned($p.customerNo(), Grade.$param));"
                rule,claims at least,grade
                GRD-010 Fine,3,POOR_QUALITY
                """));

        assertThat(errors).singleElement().satisfies(error -> {
            assertThat(error.file()).isEqualTo("limits.drl.csv");
            assertThat(error.line()).as(error.message().en()).isEqualTo(9);
            assertThat(error.column()).isEqualTo(2);
            assertThat(error.message().en()).contains("B9");
        });
    }

    @Test
    void aTableNamedWithoutDrlIsAnErrorBecauseDroolsWouldIgnoreIt() {
        List<CompileError> errors = errorsOf(TestPacks.pack("tables", 10, "limits.csv", "RuleSet,test\n",
                "limits.xlsx", ""));

        assertThat(errors).extracting(CompileError::file).containsExactlyInAnyOrder("limits.csv", "limits.xlsx");
        assertThat(errors).extracting(e -> e.message().en()).allSatisfy(m -> assertThat(m).contains("*.drl.csv"));
    }

    @Test
    void aDecisionTableThatYieldsNoRulesIsAnError() {
        List<CompileError> errors = errorsOf(TestPacks.pack("empty", 10, "limits.drl.csv", """
                RuleSet,test
                Import,io.decisioning.rules.*
                Notes,a table whose RuleTable keyword is missing
                """));

        assertThat(errors).singleElement().satisfies(error -> {
            assertThat(error.file()).isEqualTo("limits.drl.csv");
            assertThat(error.message().en()).contains("yields no rules");
        });
    }

    @Test
    void aRuleWithoutAStableIdIsAnError() {
        List<CompileError> errors = errorsOf(TestPacks.pack("ids", 10, "ids.drl", """
                package test;
                import io.decisioning.rules.*;
                rule "Key accounts"
                when $p : CustomerProfile()
                then insert(new GradeAssigned($p.customerNo(), Grade.STANDARD));
                end
                rule "GRD-010 First"
                when $p : CustomerProfile()
                then insert(new GradeAssigned($p.customerNo(), Grade.STANDARD));
                end
                rule "GRD-010 Second"
                when $p : CustomerProfile()
                then insert(new GradeAssigned($p.customerNo(), Grade.STANDARD));
                end
                """));

        assertThat(errors).extracting(CompileError::line).containsExactly(3, 11);
        assertThat(errors.get(0).message().en()).contains("stable ID");
        assertThat(errors.get(1).message().en()).contains("GRD-010 is used twice");
        assertThat(errors.get(1).message().zh()).contains("规则编号 GRD-010 在规则包中用了两次");
    }

    @Test
    void anUnknownHitPolicyIsAnError() {
        PackSource pack = new PackSource("policy", 1, java.util.Map.of(
                "pack.properties", "order=10\nhitPolicy=ANY\n".getBytes(),
                "a.drl", "package test;".getBytes()));

        assertThat(errorsOf(pack)).extracting(e -> e.message().en()).singleElement().asString()
                .contains("hitPolicy must be FIRST");
    }

    @Test
    void aSalienceThatIsNotAWholeNumberIsAnError() {
        List<CompileError> errors = errorsOf(TestPacks.firstPack("salience", 10, "s.drl", """
                package test;
                import io.decisioning.rules.*;
                rule "GRD-010 Dynamic"
                    salience ($p.claims12m() * 10)
                when $p : CustomerProfile()
                then insert(new GradeAssigned($p.customerNo(), Grade.STANDARD));
                end
                """));

        assertThat(errors).extracting(e -> e.message().en()).singleElement().asString()
                .contains("salience must be a whole number");
    }

    @Test
    void aPackWithoutItsDescriptorIsAnError() {
        PackSource pack = new PackSource("bare", 1, java.util.Map.of("a.drl", "package test;".getBytes()));

        assertThat(errorsOf(pack)).extracting(CompileError::file).containsExactly("pack.properties");
    }

    @Test
    void aMistakeInAScenarioFileIsReportedWithItsLine() {
        List<CompileError> errors = errorsOf(TestPacks.pack("scenarios", 10, "ok.drl", """
                package test;
                import io.decisioning.rules.*;
                rule "GRD-010 Standard"
                when $p : CustomerProfile()
                then insert(new GradeAssigned($p.customerNo(), Grade.STANDARD));
                end
                """, "grades.scenarios.csv", """
                scenario,claims12m,expect grade
                fine,1,STANDARD
                typo in grade,1,STANDRD
                not a number,many,STANDARD
                """));

        assertThat(errors).extracting(CompileError::line).containsExactly(3, 4);
        assertThat(errors).allSatisfy(error -> assertThat(error.file()).isEqualTo("grades.scenarios.csv"));
    }
}
