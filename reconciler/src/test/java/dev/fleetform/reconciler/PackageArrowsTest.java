package dev.fleetform.reconciler;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The facade ({@code api}) sits on top: it uses the git source and the compiler, and nothing
 * below it uses the facade, so the CLI and the reconciler's engine can both stand on it.
 */
class PackageArrowsTest {
    private static final JavaClasses RECONCILER = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.fleetform.reconciler");

    @Test
    void theGitSourceDoesNotUseTheFacade() {
        noClasses().that().resideInAPackage("dev.fleetform.reconciler.git..")
                .should().dependOnClassesThat().resideInAPackage("dev.fleetform.reconciler.api..")
                .check(RECONCILER);
    }

    @Test
    void nothingHereUsesTheCli() {
        noClasses().should().dependOnClassesThat().resideInAPackage("dev.fleetform.cli..").check(RECONCILER);
    }
}
