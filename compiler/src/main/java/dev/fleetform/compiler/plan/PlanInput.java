package dev.fleetform.compiler.plan;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fleetform.compiler.check.FleetIndex;
import dev.fleetform.compiler.emit.EmitContext;
import dev.fleetform.compiler.model.Fleet;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One side of a plan: the bound fleet, its raw document (to tell a profile or defaults change
 * from per-host edits) and its desired resources by address.
 */
public record PlanInput(Fleet fleet, JsonNode document, Map<String, Resource> resources) {

    /** No fleet at all: the base of a first commit, or of an invalid base revision. */
    public static final PlanInput EMPTY = new PlanInput(null, null, Map.of());

    /** A valid fleet's side: its host resources and those of its compiled outputs. */
    public static PlanInput of(Fleet fleet, FleetIndex index, JsonNode document, EmitContext ctx) {
        Map<String, Resource> resources = new LinkedHashMap<>(DesiredResources.of(fleet));
        resources.putAll(ArtefactResources.of(fleet, index, ctx));
        return new PlanInput(fleet, document, resources);
    }
}
