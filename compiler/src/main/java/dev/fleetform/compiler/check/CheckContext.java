package dev.fleetform.compiler.check;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fleetform.compiler.index.FleetIndex;
import dev.fleetform.compiler.load.SourceMap;
import dev.fleetform.compiler.model.Fleet;

/**
 * What every rule sees: the bound fleet, lookups computed once for all rules, the raw document
 * (for rules about text as written, such as secret material) and the source map.
 */
public record CheckContext(Fleet fleet, FleetIndex index, JsonNode document, SourceMap sources) {

    public static CheckContext of(Fleet fleet, JsonNode document, SourceMap sources) {
        return new CheckContext(fleet, FleetIndex.of(fleet), document, sources);
    }
}
