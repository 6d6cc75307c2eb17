package dev.fleetform.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fleetform.compiler.Stage;
import dev.fleetform.compiler.Validation;
import dev.fleetform.compiler.Validator;
import java.io.IOException;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generated fleets go through every stage of validation without a single diagnostic. */
class GeneratedFleetValidatesTest {

    @TempDir
    Path tmp;

    @Test
    void generatedFleetAndItsChangedVariantAreValid() throws IOException {
        GenerateFleet.generate(new GenerateFleet.Options(50, tmp, 20, 3));
        for (String file : new String[] {"fleet.yaml", "fleet-changed.yaml"}) {
            Validation v = Validator.validate(tmp.resolve(file));
            String found = v.diagnostics().stream()
                    .map(d -> d.location() + ": " + d.severity() + "[" + d.ruleId() + "]: " + d.message())
                    .collect(Collectors.joining("\n"));
            assertEquals("", found, file + " must validate without errors or warnings");
            assertEquals(Stage.CHECK, v.reachedStage(), file + " must reach the rules");
            assertEquals(50, v.fleet().hosts().size());
            assertTrue(v.fleet().miners().size() > 0 && v.fleet().monitoring().alerts().size() == 500);
        }
    }
}
