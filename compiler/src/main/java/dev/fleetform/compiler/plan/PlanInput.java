package dev.fleetform.compiler.plan;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fleetform.compiler.emit.EmitContext;
import dev.fleetform.compiler.index.FleetIndex;
import dev.fleetform.compiler.model.Fleet;

import java.util.Map;

/**
 * One side of a plan: the bound fleet (its hosts' resources come from it), its raw document (to
 * tell a profile or defaults change from per-host edits) and the resources of its compiled
 * outputs by address.
 */
public record PlanInput(Fleet fleet, JsonNode document, Map<String, Resource> outputs) {

    /** No fleet at all: the base of a first commit, or of an invalid base revision. */
    public static final PlanInput EMPTY = new PlanInput(null, null, Map.of());

    /** A valid fleet's side, its outputs compiled and read. */
    public static PlanInput of(Fleet fleet, FleetIndex index, JsonNode document, EmitContext ctx) {
        return new PlanInput(fleet, document, ArtefactResources.of(fleet, index, ctx));
    }
}
