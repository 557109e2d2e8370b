package io.decisioning.rules.engine;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * rule-packs is the analysts' vocabulary and the engine, used by the service and by anything else that
 * runs packs (the build's scenario tests, a notebook): no Spring, and the vocabulary knows nothing of
 * the engine.
 */
class ModuleBoundaryTests {

    private static final JavaClasses RULE_PACKS = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.decisioning.rules");

    @Test
    void nothingInRulePacksUsesSpring() {
        noClasses().should().dependOnClassesThat().resideInAPackage("org.springframework..").check(RULE_PACKS);
    }

    @Test
    void theVocabularyAnalystsWriteWithDoesNotDependOnTheEngine() {
        noClasses().that().resideInAPackage("io.decisioning.rules").should().dependOnClassesThat()
                .resideInAPackage("io.decisioning.rules.engine..").check(RULE_PACKS);
    }
}
