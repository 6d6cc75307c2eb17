package dev.fleetform.reconciler.host.consul;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fleetform.changes.Address;
import dev.fleetform.changes.Resource;
import dev.fleetform.compiler.emit.DataArtefact;
import dev.fleetform.compiler.emit.EmitContext;
import dev.fleetform.compiler.emit.consul.ConsulEmitter;
import dev.fleetform.compiler.index.FleetIndex;
import dev.fleetform.compiler.model.Consul;
import dev.fleetform.compiler.model.Fleet;
import dev.fleetform.compiler.plan.ArtefactResources;
import dev.fleetform.reconciler.host.monitoring.MonitoringProjection;
import dev.fleetform.reconciler.host.probe.ProbeReport;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * With {@code monitoring.consul}: each host's compiled {@code consul/<host>.json} and where it goes,
 * {@code <configDir>/fleetform-services.json} (Fleetform's own file in the agent's config dir, so
 * the agent's other files are left alone). Its services are resources at the plan's addresses,
 * {@code host/<host>/consul/<service id>}. VMs' files are compiled but not placed: no provider
 * reaches a VM over SSH.
 */
public final class ConsulFiles {
    /** The agent reads its config dir as any user it runs as; nothing secret is in it. */
    public static final String OWNER = "root:root";
    public static final String MODE = "644";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One host's file: the compiled values, its path on the host and the bytes compile writes. */
    public record File(String host, DataArtefact data, String path, byte[] bytes) {
        public Map<Address, Resource> resources() {
            Map<Address, Resource> out = new LinkedHashMap<>();
            ArtefactResources.consul(host, data.values().getFirst(), out);
            return out;
        }
    }

    public static final ConsulFiles NONE = new ConsulFiles(Map.of());

    private final Map<String, File> byHost;

    private ConsulFiles(Map<String, File> byHost) {
        this.byHost = byHost;
    }

    public static ConsulFiles of(Fleet fleet, FleetIndex index, EmitContext ctx) {
        Consul consul = fleet.monitoring().consul();
        if (consul == null) return NONE;
        Map<String, File> out = new HashMap<>();
        for (DataArtefact d : new ConsulEmitter().data(fleet, index, ctx)) {
            String node = ArtefactResources.consulNode(d.path());
            out.put(node, new File(node, d, consul.servicesPath(), d.artefact().bytes()));
        }
        Map<String, File> hosts = new HashMap<>();
        for (var h : fleet.hosts()) if (out.containsKey(h.name())) hosts.put(h.name(), out.get(h.name()));
        return new ConsulFiles(hosts);
    }

    /** The file {@code host} gets, if it has scrape targets. */
    public Optional<File> on(String host) {
        return Optional.ofNullable(byHost.get(host));
    }

    /**
     * What the probe read of the host's file, at the plan's addresses: a service edited by hand is
     * that service's update, one added by hand a delete, a missing file a create of each; a file
     * that does not parse shows each service as unreadable.
     */
    public static List<Resource> live(File f, ProbeReport probe) {
        Optional<ProbeReport.FileState> now = probe.file(f.path());
        if (now.isEmpty()) return List.of();
        Map<Address, Resource> out = new LinkedHashMap<>();
        try {
            Object value = JSON.readValue(now.get().bytes(), Object.class);
            ArtefactResources.consul(f.host(), value, out);
            if (!(value instanceof Map<?, ?> m) || !(m.get("services") instanceof List<?>)) unreadable(f, "has no services list", out);
        } catch (IOException | RuntimeException e) {
            unreadable(f, "does not parse as JSON", out);
        }
        return new ArrayList<>(out.values());
    }

    private static void unreadable(File f, String why, Map<Address, Resource> out) {
        for (Resource r : f.resources().values()) {
            out.putIfAbsent(r.address(), new Resource(r.address(), r.kind(), Map.of(MonitoringProjection.FILE_FIELD, f.path() + " " + why)));
        }
    }
}
