package dev.fleetform.compiler.plan;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fleetform.compiler.emit.Artefact;
import dev.fleetform.compiler.model.Fleet;

import java.util.List;

/**
 * One side of a plan: the bound fleet, its raw document (to tell a profile or defaults change
 * from per-host edits) and its compiled artefacts.
 */
public record PlanInput(Fleet fleet, JsonNode document, List<Artefact> artefacts) {

    /** No fleet at all: the base of a first commit, or of an invalid base revision. */
    public static final PlanInput EMPTY = new PlanInput(null, null, List.of());
}
