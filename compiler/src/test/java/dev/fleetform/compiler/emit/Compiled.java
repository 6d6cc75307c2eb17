package dev.fleetform.compiler.emit;

import dev.fleetform.compiler.Validation;
import dev.fleetform.compiler.testing.Fleets;

import java.util.List;

/** Runs one emitter on a fleet given as YAML text, through the real pipeline. */
public final class Compiled {
    private Compiled() {
    }

    /** The emitter's artefacts; fails the test, listing the diagnostics, when the fleet is not valid. */
    public static List<Artefact> emit(Emitter emitter, String yaml) {
        Validation v = Fleets.validate(yaml);
        if (!v.valid() || v.fleet() == null) {
            throw new AssertionError("fleet is not valid:\n" + Fleets.render(v.diagnostics()));
        }
        return emitter.emit(v.fleet(), v.index(), new EmitContext(Templates.builtIn()));
    }
}
