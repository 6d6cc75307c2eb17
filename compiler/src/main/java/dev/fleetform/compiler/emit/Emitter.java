package dev.fleetform.compiler.emit;

import dev.fleetform.compiler.index.FleetIndex;
import dev.fleetform.compiler.model.Fleet;

import java.util.List;

/**
 * Turns a valid fleet into the artefacts of one tool (Ansible, Prometheus, ...). Pure: no I/O,
 * no clock, no randomness, so the same fleet always gives the same bytes.
 */
public interface Emitter {

    /** Short name of the output area, e.g. {@code ansible}; also its top-level folder. */
    String area();

    List<Artefact> emit(Fleet fleet, FleetIndex index, EmitContext ctx);
}
