package dev.fleetform.compiler;

import dev.fleetform.compiler.diag.Diagnostic;
import dev.fleetform.compiler.diag.Location;
import dev.fleetform.compiler.load.FileSystemSource;
import dev.fleetform.compiler.model.Host;
import dev.fleetform.compiler.model.RaidArray;
import dev.fleetform.compiler.testing.Fleets;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ValidatorTest {

    @Test
    void theSampleAndMinimalFleetsAreValidAndReachTheRules() {
        for (String yaml : List.of(Fleets.MINIMAL, Fleets.SAMPLE)) {
            Validation v = Fleets.validate(yaml);
            assertEquals("", Fleets.render(v.diagnostics()), "the shared test fleets must stay clean");
            assertTrue(v.valid());
            assertEquals(Stage.CHECK, v.reachedStage());
            assertNotNull(v.fleet());
            assertNotNull(v.index());
            assertNotNull(v.document());
        }
    }

    @Test
    void aFileThatCannotBeLoadedStopsAtLoad() {
        Validation v = Validator.validate(Path.of("does/not/exist/fleet.yaml"));
        assertFalse(v.valid());
        assertEquals(Stage.LOAD, v.reachedStage());
        assertNull(v.fleet());
        assertEquals("FILE-NOT-FOUND", v.diagnostics().getFirst().ruleId());
        assertEquals("does/not/exist/fleet.yaml", v.diagnostics().getFirst().location().file());
    }

    @Test
    void aSchemaErrorStopsBeforeBinding() {
        String yaml = Fleets.edit(Fleets.SAMPLE, "profile: gpu-a100", "profile: gpu-a10\n    adress: 10.9.9.9");
        Validation v = Fleets.validate(yaml);

        assertEquals(Stage.SCHEMA, v.reachedStage());
        assertNull(v.fleet());
        assertNotNull(v.document());
        List<String> ids = v.diagnostics().stream().map(Diagnostic::ruleId).toList();
        assertEquals(List.of("SCHEMA-UNKNOWN-KEY"), ids, "the unknown profile is not reported: binding did not run");
    }

    @Test
    void aBindErrorStopsBeforeTheRules() {
        Validation v = Fleets.validate(Fleets.edit(Fleets.SAMPLE, "profile: gpu-a100", "profile: gpu-a10"));
        assertEquals(Stage.BIND, v.reachedStage());
        assertNull(v.fleet());
        assertNull(v.index());
        assertEquals(List.of("REF-PROFILE"), v.diagnostics().stream().map(Diagnostic::ruleId).toList());
        assertEquals(new Location("fleet.yaml", lineOf(Fleets.SAMPLE, "profile: gpu-a100"), 14),
                v.diagnostics().getFirst().location(), "at the profile name to fix");
        assertEquals("fleet.yaml:37:14", v.diagnostics().getFirst().location().toString());
    }

    @Test
    void anInheritedElementIsLocatedInTheProfile() {
        Validation v = Fleets.validate(Fleets.SAMPLE);
        Host gpu = v.fleet().hosts().getFirst();
        RaidArray md0 = gpu.storage().raid().getFirst();

        assertEquals(new Location("fleet.yaml", lineOf(Fleets.SAMPLE, "- { name: md0"), 11), v.sources().locate(md0.origin()));
        assertEquals(new Location("fleet.yaml", lineOf(Fleets.SAMPLE, "- name: gpu-01-vm1"), 9),
                v.sources().locate(gpu.vms().getFirst().origin()));
    }

    @Test
    void aSourceNamesFilesItsOwnWay() {
        Path repo = Path.of(System.getProperty("fleetform.repoRoot", ".."), "fleet-repo-example");
        Validation v = Validator.validate(new FileSystemSource(repo), "no-such.yaml");
        assertEquals(Stage.LOAD, v.reachedStage());
        assertEquals(repo + "/no-such.yaml", v.diagnostics().getFirst().location().file());
    }

    @Test
    void noVariantOfTheSampleWithALineRemovedCrashesAStage() {
        List<String> lines = Fleets.SAMPLE.lines().toList();
        for (int i = 3; i < lines.size(); i++) {
            List<String> variant = new java.util.ArrayList<>(lines);
            String removed = variant.remove(i);
            Validation v = Fleets.validate(String.join("\n", variant) + "\n");
            List<Diagnostic> internal = v.diagnostics().stream().filter(d -> d.ruleId().equals("INTERNAL")).toList();
            assertEquals(List.of(), internal, "without line " + (i + 1) + " '" + removed.strip() + "'");
        }
    }

    /** 1-based line of the only line containing {@code text}. */
    private static int lineOf(String yaml, String text) {
        List<String> lines = yaml.lines().toList();
        int found = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                if (found >= 0) throw new AssertionError("more than one line has " + text);
                found = i + 1;
            }
        }
        if (found < 0) throw new AssertionError("no line has " + text);
        return found;
    }
}
