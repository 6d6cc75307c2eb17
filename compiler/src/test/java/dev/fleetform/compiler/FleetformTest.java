package dev.fleetform.compiler;

import dev.fleetform.compiler.diag.Diagnostic;
import dev.fleetform.compiler.testing.Fleets;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FleetformTest {

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
        Validation v = Fleetform.validate(Path.of("does/not/exist/fleet.yaml"));
        assertFalse(v.valid());
        assertEquals(Stage.LOAD, v.reachedStage());
        assertNull(v.fleet());
        assertEquals("FILE-NOT-FOUND", v.diagnostics().getFirst().ruleId());
        assertEquals("does/not/exist/fleet.yaml", v.diagnostics().getFirst().location().file());
    }

    @Test
    void aBindErrorStopsBeforeTheRules() {
        Validation v = Fleets.validate(Fleets.edit(Fleets.SAMPLE, "profile: gpu-a100", "profile: gpu-a10"));
        assertEquals(Stage.BIND, v.reachedStage());
        assertNull(v.fleet());
        assertNull(v.index());
        assertEquals(List.of("REF-PROFILE"), v.diagnostics().stream().map(Diagnostic::ruleId).toList());
        assertEquals("fleet.yaml", v.diagnostics().getFirst().location().file());
    }
}
