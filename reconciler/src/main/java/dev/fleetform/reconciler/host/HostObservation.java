package dev.fleetform.reconciler.host;

import dev.fleetform.changes.Address;
import dev.fleetform.changes.ResourceSet;
import dev.fleetform.reconciler.engine.Observation;
import dev.fleetform.reconciler.host.probe.ProbeReport;

import java.util.List;

/** A host as probed: the live resources, and the probe itself, which apply compares files with. */
final class HostObservation implements Observation {
    private final ResourceSet resources;
    private final ProbeReport probe;
    private final List<String> warnings;

    HostObservation(String target, LiveProjection.Live live, ProbeReport probe) {
        List<dev.fleetform.changes.Resource> rs = List.copyOf(live.resources());
        this.resources = ResourceSet.of(List.of(new ResourceSet.Part(target, null, () -> rs)));
        this.probe = probe;
        this.warnings = List.copyOf(live.warnings());
    }

    @Override
    public ResourceSet resources() {
        return resources;
    }

    /** Hosts have no resource versions: a saved plan is checked by the values it saw. */
    @Override
    public String version(Address address) {
        return null;
    }

    @Override
    public List<String> warnings() {
        return warnings;
    }

    ProbeReport probe() {
        return probe;
    }
}
