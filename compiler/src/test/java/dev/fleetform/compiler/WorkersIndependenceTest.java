package dev.fleetform.compiler;

import dev.fleetform.compiler.diag.Diagnostic;
import dev.fleetform.compiler.emit.Artefact;
import dev.fleetform.compiler.emit.Compiler;
import dev.fleetform.compiler.emit.EmitContext;
import dev.fleetform.compiler.emit.Templates;
import dev.fleetform.compiler.work.Workers;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What validate and compile give depends on the fleet only, not on how many threads computed it. */
class WorkersIndependenceTest {
    private static final Path EXAMPLES = Path.of("../fleet-repo-example");

    @Test
    void theExampleFleetCompilesToTheSameBytesOnOneThreadAndOnThree() {
        List<Artefact> alone;
        List<Artefact> three;
        try (Workers w = Workers.callerOnly()) {
            alone = compile(EXAMPLES.resolve("fleet.yaml"), w);
        }
        try (Workers w = Workers.of(3)) {
            three = compile(EXAMPLES.resolve("fleet.yaml"), w);
        }
        assertEquals(alone.stream().map(Artefact::path).toList(), three.stream().map(Artefact::path).toList());
        for (int i = 0; i < alone.size(); i++) {
            assertArrayEquals(alone.get(i).bytes(), three.get(i).bytes(), alone.get(i).path());
        }
    }

    @Test
    void everyBrokenFleetGetsTheSameDiagnosticsOnOneThreadAndOnThree() throws IOException {
        List<Path> broken;
        try (Stream<Path> s = Files.list(EXAMPLES.resolve("broken"))) {
            broken = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        assertTrue(broken.size() >= 20, "the gallery is there: " + broken);
        try (Workers three = Workers.of(3)) {
            Validator parallel = new Validator(three);
            for (Path p : broken) {
                List<Diagnostic> alone = Validator.validate(p).diagnostics();
                assertEquals(alone, parallel.validateFile(p).diagnostics(), p.toString());
            }
        }
    }

    private static List<Artefact> compile(Path fleet, Workers workers) {
        Validation v = new Validator(workers).validateFile(fleet);
        assertTrue(v.valid(), v.diagnostics()::toString);
        return Compiler.builtIn().compile(v.fleet(), v.index(), new EmitContext(Templates.builtIn(), workers));
    }
}
