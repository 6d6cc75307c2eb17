package dev.fleetform.compiler.emit;

import dev.fleetform.compiler.index.FleetIndex;
import dev.fleetform.compiler.model.Fleet;

import java.util.List;

/**
 * An emitter whose files are all YAML or JSON built as values: it hands over the values, and
 * its artefacts are their serialisation.
 */
public interface DataEmitter extends Emitter {

    List<DataArtefact> data(Fleet fleet, FleetIndex index, EmitContext ctx);

    @Override
    default List<Artefact> emit(Fleet fleet, FleetIndex index, EmitContext ctx) {
        return data(fleet, index, ctx).stream().map(DataArtefact::artefact).toList();
    }
}
