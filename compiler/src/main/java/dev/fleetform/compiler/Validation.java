package dev.fleetform.compiler;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fleetform.compiler.diag.Diagnostic;
import dev.fleetform.compiler.index.FleetIndex;
import dev.fleetform.compiler.load.SourceMap;
import dev.fleetform.compiler.model.Fleet;

import java.util.List;

/**
 * The outcome of validating a fleet.
 *
 * @param fleet        the bound fleet, or null when a stage before {@link Stage#BIND} failed
 * @param index        lookups over {@code fleet}, or null with it
 * @param document     the loaded tree, or null when nothing could be loaded
 * @param diagnostics  sorted by file:line:col
 * @param reachedStage the last stage that ran; later stages were skipped because of its errors
 */
public record Validation(
        Fleet fleet,
        FleetIndex index,
        JsonNode document,
        SourceMap sources,
        List<Diagnostic> diagnostics,
        Stage reachedStage) {

    /** True when there is no error (warnings allowed). */
    public boolean valid() {
        for (Diagnostic d : diagnostics) {
            if (d.isError()) return false;
        }
        return true;
    }
}
