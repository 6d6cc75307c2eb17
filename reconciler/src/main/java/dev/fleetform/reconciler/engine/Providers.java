package dev.fleetform.reconciler.engine;

import dev.fleetform.compiler.Validation;
import dev.fleetform.compiler.emit.EmitContext;

import java.util.List;

/** Makes the providers for a valid fleet (the Kubernetes one, and hosts next). */
@FunctionalInterface
public interface Providers {
    List<Provider> of(Validation fleet, EmitContext ctx);
}
