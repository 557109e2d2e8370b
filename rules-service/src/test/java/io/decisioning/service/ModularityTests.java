package io.decisioning.service;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The service's packages are its features ({@code customer}, {@code assessment}, {@code identity},
 * {@code blacklist}, ...): a package may use another only in one direction, so that each can be read,
 * changed and tested without the ones above it. The build fails on any cycle between them.
 */
class ModularityTests {

    private static final JavaClasses SERVICE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.decisioning.service");

    @Test
    void noTwoPackagesOfTheServiceDependOnEachOther() {
        slices().matching("io.decisioning.service.(*)..").should().beFreeOfCycles().check(SERVICE);
    }
}
