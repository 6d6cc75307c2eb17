package dev.fleetform.compiler.emit.storage;

import dev.fleetform.compiler.emit.Artefact;
import dev.fleetform.compiler.emit.EmitContext;
import dev.fleetform.compiler.emit.Emitter;
import dev.fleetform.compiler.emit.Serializers;
import dev.fleetform.compiler.index.FleetIndex;
import dev.fleetform.compiler.model.Fleet;
import dev.fleetform.compiler.model.Host;

import java.util.ArrayList;
import java.util.List;

/** {@code storage/<host>.json}: the ordered storage plan of each host that has arrays or filesystems. */
public final class StoragePlanEmitter implements Emitter {

    @Override
    public String area() {
        return "storage";
    }

    @Override
    public List<Artefact> emit(Fleet fleet, FleetIndex index, EmitContext ctx) {
        List<Artefact> out = new ArrayList<>();
        for (Host h : fleet.hosts()) {
            if (h.storage().raid().isEmpty() && h.storage().filesystems().isEmpty()) continue;
            out.add(new Artefact("storage/" + h.name() + ".json", Serializers.jsonBytes(StoragePlan.of(h))));
        }
        return out;
    }
}
