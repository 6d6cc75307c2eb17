package dev.fleetform.compiler.schemacheck;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.fleetform.compiler.Validation;
import dev.fleetform.compiler.Validator;
import dev.fleetform.compiler.diag.Diagnostic;
import dev.fleetform.compiler.load.FileSystemSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The example repository against the schema: the real fleet passes, the gallery of mistakes fails where it should. */
class ExampleFleetSchemaTest {
    private static final Path REPO = Path.of(System.getProperty("fleetform.repoRoot", ".."), "fleet-repo-example");

    private static List<Diagnostic> schemaDiagnostics(String path) {
        Validation v = Validator.validate(new FileSystemSource(REPO), path);
        return v.diagnostics().stream().filter(d -> d.ruleId().startsWith("SCHEMA-")).toList();
    }

    @Test
    void theExampleFleetAndItsIncludesPassTheSchema() {
        assertEquals(List.of(), schemaDiagnostics("fleet.yaml"));
    }

    @Test
    void theTypoInAKeyIsAnUnknownKeyWithTheKeyItMeant() {
        List<Diagnostic> ds = schemaDiagnostics("broken/01-typo-in-key.yaml");
        assertEquals(1, ds.size(), ds::toString);
        assertEquals("SCHEMA-UNKNOWN-KEY", ds.getFirst().ruleId());
        assertEquals("unknown key 'lables' in hosts[0]", ds.getFirst().message());
        assertEquals("did you mean 'labels'?", ds.getFirst().hint());
    }

    /** The gallery entries that show a schema mistake: a typo in a key, a number past its maximum, a quoted number. */
    private static final List<String> SCHEMA_MISTAKES = List.of("01-", "31-", "36-");

    /** The other mistakes are semantic (or YAML) ones: the schema must let them through to their own rules. */
    @Test
    void otherMistakesAreLeftToTheirRules() throws IOException {
        List<String> reported = new ArrayList<>();
        try (Stream<Path> files = Files.list(REPO.resolve("broken"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                String name = f.getFileName().toString();
                if (SCHEMA_MISTAKES.stream().anyMatch(name::startsWith)) continue;
                for (Diagnostic d : schemaDiagnostics("broken/" + name)) reported.add(name + ": " + d.message());
            }
        }
        assertEquals(List.of(), reported);
    }
}
