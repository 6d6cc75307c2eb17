package dev.fleetform.compiler;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The compiler's packages depend on each other one way, in the order of the data flow:
 * diag ← load ← schemacheck; diag ← model ← bind ← check ← validation (this package) and
 * model ← index ← emit ← plan; work (the threads) under all. A helper that two stages need lives
 * below both (index, diag, secret), never in one of them. See the README's "Repository layout".
 */
class PackageArrowsTest {
    private static final JavaClasses COMPILER = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.fleetform.compiler");

    @Test
    void layersPointOneWay() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("Work").definedBy("dev.fleetform.compiler.work..")
                .layer("Fault").definedBy("dev.fleetform.compiler.fault..")
                .layer("Diag").definedBy("dev.fleetform.compiler.diag..")
                .layer("Secret").definedBy("dev.fleetform.compiler.secret..")
                .layer("Load").definedBy("dev.fleetform.compiler.load..")
                .layer("Model").definedBy("dev.fleetform.compiler.model..")
                .layer("Gpu").definedBy("dev.fleetform.compiler.gpu..")
                .layer("Promql").definedBy("dev.fleetform.compiler.promql..")
                .layer("GoTemplate").definedBy("dev.fleetform.compiler.gotemplate..")
                .layer("Index").definedBy("dev.fleetform.compiler.index..")
                .layer("SchemaCheck").definedBy("dev.fleetform.compiler.schemacheck..")
                .layer("Bind").definedBy("dev.fleetform.compiler.bind..")
                .layer("Check").definedBy("dev.fleetform.compiler.check..")
                .layer("Validation").definedBy("dev.fleetform.compiler")
                .layer("Emit").definedBy("dev.fleetform.compiler.emit..")
                // the fleet's desired resources for the change model's differ: nothing here uses them
                .optionalLayer("Plan").definedBy("dev.fleetform.compiler.plan..")

                .whereLayer("Work").mayNotAccessAnyLayer()
                .whereLayer("Fault").mayNotAccessAnyLayer()
                .whereLayer("Diag").mayNotAccessAnyLayer()
                .whereLayer("Secret").mayNotAccessAnyLayer()
                .whereLayer("Promql").mayNotAccessAnyLayer()
                .whereLayer("Load").mayOnlyAccessLayers("Diag")
                .whereLayer("Model").mayOnlyAccessLayers("Diag")
                .whereLayer("Gpu").mayOnlyAccessLayers("Diag", "Model")
                .whereLayer("GoTemplate").mayOnlyAccessLayers("Promql")
                .whereLayer("Index").mayOnlyAccessLayers("Diag", "Model", "Promql")
                .whereLayer("SchemaCheck").mayOnlyAccessLayers("Diag", "Load", "Secret")
                .whereLayer("Bind").mayOnlyAccessLayers("Diag", "Load", "Model", "Gpu", "Index")
                .whereLayer("Check").mayOnlyAccessLayers(
                        "Diag", "Secret", "Load", "Model", "Gpu", "Promql", "GoTemplate", "Index")
                .whereLayer("Validation").mayOnlyAccessLayers(
                        "Work", "Diag", "Load", "Model", "Index", "SchemaCheck", "Bind", "Check")
                // emit raises output faults, and reads override templates from a fleet source (plan: at a revision)
                .whereLayer("Emit").mayOnlyAccessLayers("Work", "Fault", "Diag", "Load", "Model", "Gpu", "Index")
                .whereLayer("Plan").mayNotBeAccessedByAnyLayer()
                .check(COMPILER);
    }

    /** Subpackages count with their stage (check.storage is check): no two stages use each other. */
    @Test
    void noCyclesBetweenStages() {
        slices().matching("dev.fleetform.compiler.(*)..").should().beFreeOfCycles().check(COMPILER);
    }
}
