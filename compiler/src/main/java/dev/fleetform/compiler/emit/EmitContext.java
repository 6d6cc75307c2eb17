package dev.fleetform.compiler.emit;

import dev.fleetform.compiler.work.Workers;

/**
 * What emitters need besides the fleet: the template engine (built-ins shadowed by a fleet
 * repo's own {@code templates/}) and the threads to compute with.
 */
public record EmitContext(Templates templates, Workers workers) {

    /** Emits on the calling thread. */
    public EmitContext(Templates templates) {
        this(templates, Workers.callerOnly());
    }
}
