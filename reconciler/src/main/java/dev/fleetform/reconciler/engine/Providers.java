package dev.fleetform.reconciler.engine;

import dev.fleetform.compiler.Validation;
import dev.fleetform.compiler.emit.EmitContext;
import dev.fleetform.compiler.load.FleetSource;

import java.util.List;

/** Makes the providers for a valid fleet (one per family: Kubernetes, hosts). */
@FunctionalInterface
public interface Providers {
    List<Provider> of(Validation fleet, EmitContext ctx);

    /**
     * The providers, for families that read more of the fleet's files than fleet.yaml (the host
     * family reads {@code defaults.ssh.knownHosts}).
     *
     * @param files the fleet's files, as approvals.yaml is read: beside the fleet file, at the same revision
     */
    default List<Provider> of(Validation fleet, EmitContext ctx, FleetSource files) {
        return of(fleet, ctx);
    }
}
