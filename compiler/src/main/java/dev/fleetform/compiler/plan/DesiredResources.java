package dev.fleetform.compiler.plan;

import dev.fleetform.changes.Layer;
import dev.fleetform.changes.Resource;
import dev.fleetform.changes.ResourceSet;
import dev.fleetform.compiler.index.FleetIndex;
import dev.fleetform.compiler.emit.EmitContext;
import dev.fleetform.compiler.model.Fleet;
import dev.fleetform.compiler.model.Host;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.List;

/**
 * Everything a valid fleet declares, as resources: the compiled outputs (Kubernetes objects,
 * rules, scrape targets, Alertmanager, JumpServer; {@link ArtefactResources}) and, per host, what
 * is on it ({@link HostResources}). Cheap for a whole fleet: a host's resources are built only
 * when asked for, which the differ does only for hosts that differ from the other side's.
 */
public final class DesiredResources {
    private DesiredResources() {
    }

    /** What each profile and the defaults set on hosts (of what the plan shows as resources), as bound. */
    static Map<Layer, Object> layers(Fleet fleet) {
        Map<Layer, Object> m = new HashMap<>();
        fleet.profiles().forEach((name, p) -> m.put(Layer.profile(name), List.of(p.storage(), p.baseline())));
        if (fleet.defaults() != null && fleet.defaults().baseline() != null) m.put(Layer.DEFAULTS, fleet.defaults().baseline());
        return m;
    }

    public static ResourceSet of(Fleet fleet, FleetIndex index, EmitContext ctx) {
        List<Resource> outputs = List.copyOf(ArtefactResources.of(fleet, index, ctx).values());
        List<ResourceSet.Part> parts = new ArrayList<>(fleet.hosts().size() + 1);
        parts.add(new ResourceSet.Part("outputs", null, () -> outputs));
        for (Host h : fleet.hosts()) parts.add(HostResources.part(h, fleet.metadata().name(), ctx.templates()));
        return ResourceSet.of(parts, layers(fleet));
    }
}
