package dev.fleetform.compiler.plan;

import dev.fleetform.changes.ResourceSet;
import dev.fleetform.compiler.emit.EmitContext;
import dev.fleetform.compiler.index.FleetIndex;
import dev.fleetform.compiler.model.Fleet;

/** One side of a plan: the bound fleet and its desired resources. */
public record PlanInput(Fleet fleet, ResourceSet resources) {

    /** No fleet at all: the base of a first commit. */
    public static final PlanInput EMPTY = new PlanInput(null, ResourceSet.EMPTY);

    /** A valid fleet's side: its outputs compiled and read, its hosts' resources built when the differ asks. */
    public static PlanInput of(Fleet fleet, FleetIndex index, EmitContext ctx) {
        return new PlanInput(fleet, DesiredResources.of(fleet, index, ctx));
    }
}
