package dev.fleetform.reconciler.kubernetes;

import dev.fleetform.changes.Address;
import dev.fleetform.changes.ResourceSet;
import dev.fleetform.reconciler.engine.Observation;
import dev.fleetform.reconciler.engine.Target;
import io.fabric8.kubernetes.api.model.HasMetadata;

import java.util.List;
import java.util.Map;

/**
 * A cluster as observed: the projected resources the differ compares, and the live objects
 * behind them (as JSON trees too), which apply patches against.
 */
final class KubeObservation implements Observation {
    /** A live object and its JSON tree (the shape the API server serves and JSON Patch paths address). */
    record Live(HasMetadata object, Map<String, Object> tree) {
    }

    private final Target target;
    private final ResourceSet resources;
    private final Map<Address, Live> live;
    private final List<String> warnings;
    private final Pruning pruning;

    KubeObservation(Target target, ResourceSet resources, Map<Address, Live> live, List<String> warnings, Pruning pruning) {
        this.target = target;
        this.resources = resources;
        this.live = Map.copyOf(live);
        this.warnings = List.copyOf(warnings);
        this.pruning = pruning;
    }

    /** What may be pruned, decided from the inventory when the cluster was read. */
    Pruning pruning() {
        return pruning;
    }

    Target target() {
        return target;
    }

    Live live(Address address) {
        return live.get(address);
    }

    @Override
    public ResourceSet resources() {
        return resources;
    }

    @Override
    public String version(Address address) {
        Live l = live.get(address);
        return l == null || l.object().getMetadata() == null ? null : l.object().getMetadata().getResourceVersion();
    }

    @Override
    public List<String> warnings() {
        return warnings;
    }
}
