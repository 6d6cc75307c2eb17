package dev.fleetform.reconciler.host;

import dev.fleetform.changes.Address;
import dev.fleetform.changes.Resource;
import dev.fleetform.changes.ResourceChange;
import dev.fleetform.changes.ResourceKind;
import dev.fleetform.changes.ResourceSet;
import dev.fleetform.compiler.Validation;
import dev.fleetform.compiler.emit.EmitContext;
import dev.fleetform.compiler.load.FleetSource;
import dev.fleetform.compiler.model.Host;
import dev.fleetform.compiler.plan.DesiredResources;
import dev.fleetform.reconciler.engine.Observation;
import dev.fleetform.reconciler.engine.Outcome;
import dev.fleetform.reconciler.engine.Provider;
import dev.fleetform.reconciler.engine.Target;
import dev.fleetform.reconciler.engine.TargetUnavailable;
import dev.fleetform.reconciler.host.consul.ConsulApplier;
import dev.fleetform.reconciler.host.consul.ConsulFiles;
import dev.fleetform.reconciler.host.monitoring.BridgeSecrets;
import dev.fleetform.reconciler.host.monitoring.MonitoringApplier;
import dev.fleetform.reconciler.host.monitoring.MonitoringFiles;
import dev.fleetform.reconciler.host.monitoring.MonitoringProjection;
import dev.fleetform.reconciler.host.probe.ProbeReport;
import dev.fleetform.reconciler.host.probe.ProbeScript;
import dev.fleetform.reconciler.host.ssh.ExecResult;
import dev.fleetform.reconciler.host.ssh.SshClient;
import dev.fleetform.reconciler.host.ssh.SshEndpoint;
import dev.fleetform.reconciler.host.ssh.SshFailure;
import dev.fleetform.reconciler.host.ssh.SshOptions;
import dev.fleetform.reconciler.host.ssh.SshSession;
import dev.fleetform.reconciler.host.storage.StorageApplier;
import dev.fleetform.reconciler.host.storage.StorageProjection;
import dev.fleetform.reconciler.host.vm.VmProjection;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code host} family: one target per host ({@code host/<name>}), reached over SSH. Desired is
 * what {@code fleetform plan} builds for the host; observed is one probe per host projected onto
 * the same addresses; apply converges the baseline (sysctls, limits, resolv.conf, timezone,
 * packages), storage (arrays, filesystems, mounts) and the monitoring config of
 * {@code monitoring.servers}, then the VMs ({@link VmApplier}), through one {@link HostApplier} per area. A host that runs Prometheus,
 * Alertmanager or the DingTalk bridge carries their config in its target at the plan's addresses
 * ({@code prometheus/rule/...}, {@code alertmanager/...}): those are the same for every server, so
 * with two Prometheus servers each host's target shows its own.
 */
public final class HostProvider implements Provider {
    public static final String FAMILY = "host";

    /** The areas in the order they are applied. */
    private List<HostApplier> appliers;
    private final MonitoringFiles monitoring;
    private final BridgeSecrets secrets;
    private final ConsulFiles consul;

    private final Map<String, Host> hosts = new LinkedHashMap<>();
    private final Map<String, ResourceSet.Part> parts = new LinkedHashMap<>();
    private final HostEndpoints endpoints;
    private final SshClient ssh;
    /** The fleet's name, which the domains Fleetform defines carry in their metadata. */
    private final String fleetName;

    /**
     * @param fleet a valid fleet, as {@code Fleetform.validate()} returns it
     * @param ctx   the templates and workers {@code plan} uses (VM domain XML is part of a host's resources)
     * @param repo  the fleet's files, which {@code defaults.ssh.knownHosts} is read from (e.g. a FileSystemSource of fleet.yaml's directory)
     */
    public HostProvider(Validation fleet, EmitContext ctx, FleetSource repo, SshOptions options) {
        this(fleet, ctx, repo, options, BridgeSecrets.ofProcess());
    }

    /** @param secrets where the DingTalk bridge's secret references are read at apply time */
    public HostProvider(Validation fleet, EmitContext ctx, FleetSource repo, SshOptions options, BridgeSecrets secrets) {
        if (!fleet.valid()) throw new IllegalArgumentException("the fleet is not valid");
        this.monitoring = MonitoringFiles.of(fleet.fleet(), fleet.index(), ctx);
        this.secrets = secrets;
        this.consul = ConsulFiles.of(fleet.fleet(), fleet.index(), ctx);
        this.appliers = appliers(VmApplier.SHUTDOWN_TIMEOUT);
        ResourceSet all = DesiredResources.of(fleet.fleet(), fleet.index(), ctx);
        for (ResourceSet.Part p : all.parts()) parts.putIfAbsent(p.name(), p);
        for (Host h : fleet.fleet().hosts()) hosts.putIfAbsent(h.name(), h);
        this.endpoints = new HostEndpoints(fleet.fleet(), repo);
        this.ssh = new SshClient(options);
        this.fleetName = fleet.fleet().metadata().name();
    }

    /** This provider with VMs given {@code timeout} to shut down (default {@link VmApplier#SHUTDOWN_TIMEOUT}). */
    HostProvider withVmShutdownTimeout(java.time.Duration timeout) {
        appliers = appliers(timeout);
        return this;
    }

    /** The areas in the order they are applied: the VMs after the storage they live on. */
    private List<HostApplier> appliers(java.time.Duration vmShutdownTimeout) {
        return List.of(new BaselineApplier(), new StorageApplier(), new VmApplier(vmShutdownTimeout), new MonitoringApplier(monitoring, secrets),
                new ConsulApplier(consul));
    }

    @Override
    public String family() {
        return FAMILY;
    }

    @Override
    public List<Target> targets() {
        return hosts.keySet().stream().map(n -> new Target(FAMILY + "/" + n, monitoring.carries(n))).toList();
    }

    @Override
    public ResourceSet desired(Target target) {
        ResourceSet.Part p = parts.get(target.address());
        if (p == null) return ResourceSet.EMPTY;
        String host = target.address().substring(FAMILY.length() + 1);
        List<ResourceSet.Part> out = new ArrayList<>(List.of(p));
        // the Consul services this host's agent gets (host/<h>/consul/<id>)
        consul.on(host).ifPresent(f -> {
            List<Resource> services = List.copyOf(f.resources().values());
            out.add(new ResourceSet.Part(target.address() + " consul", null, () -> services));
        });
        if (!monitoring.servers(host).isEmpty()) {
            // the monitoring config this host runs, at the plan's addresses (prometheus/..., alertmanager/...)
            List<Resource> config = List.copyOf(monitoring.resources(host).values());
            out.add(new ResourceSet.Part(target.address() + " monitoring", null, () -> config));
        }
        return out.size() == 1 ? ResourceSet.of(List.of(p)) : ResourceSet.of(out);
    }

    private Host host(Target target) {
        Host h = hosts.get(target.address().substring(FAMILY.length() + 1));
        if (h == null) throw new IllegalArgumentException("no host target " + target);
        return h;
    }

    private SshSession open(Target target) throws TargetUnavailable {
        Host h = host(target);
        SshEndpoint e;
        try {
            e = endpoints.of(h);
        } catch (HostEndpoints.Unusable u) {
            throw new TargetUnavailable(target, u.getMessage(), u.hint, u);
        }
        try {
            return ssh.open(e);
        } catch (SshFailure f) {
            throw new TargetUnavailable(target, f.getMessage(), f.hint(), f);
        }
    }

    @Override
    public Observation observe(Target target) throws TargetUnavailable {
        return probe(target);
    }

    /**
     * The one command a drift check runs on the host (read only, as the login user): what
     * {@code bench/hosts.sh} runs through OpenSSH beside Fleetform, and what a person may run by
     * hand to see what the host answers.
     */
    public ProbeScript probeScript(Target target) {
        return probeScript(target, desired(target).all());
    }

    private ProbeScript probeScript(Target target, Map<Address, Resource> desired) {
        Map<String, String> sysctls = BaselineFiles.values(desired, ResourceKind.SYSCTL);
        List<String> packages = new ArrayList<>();
        for (Resource r : desired.values()) if (r.kind() == ResourceKind.PACKAGE) packages.add(r.address().name());
        String name = host(target).name();
        List<String> files = new ArrayList<>(monitoring.on(name).stream().map(MonitoringFiles.File::path).toList());
        consul.on(name).ifPresent(f -> files.add(f.path()));
        List<String> vms = new ArrayList<>();
        for (Resource r : desired.values()) if (r.kind() == ResourceKind.VM) vms.add(r.address().name());
        List<String> globs = new ArrayList<>(monitoring.globs(name));
        if (desired.values().stream().anyMatch(r -> r.kind() == ResourceKind.FILESYSTEM)) {
            globs.add(dev.fleetform.reconciler.host.storage.DefragTimer.UNITS_GLOB);
            globs.add(dev.fleetform.reconciler.host.storage.DefragTimer.WANTS_GLOB);
        }
        return ProbeScript.of(List.copyOf(sysctls.keySet()), packages, StorageProjection.devices(desired),
                StorageProjection.arrays(desired), files, globs, vms, VmProjection.volumes(desired));
    }

    private Observation probe(Target target) throws TargetUnavailable {
        Map<Address, Resource> desired = desired(target).all();
        ProbeScript script = probeScript(target, desired);
        ExecResult r;
        try (SshSession s = open(target)) {
            r = s.exec(script.script(), null);
        } catch (SshFailure f) {
            throw new TargetUnavailable(target, f.getMessage(), f.hint(), f);
        }
        ProbeReport probe;
        try {
            probe = ProbeReport.parse(r.stdout(), script.marker());
        } catch (IllegalArgumentException e) {
            throw new TargetUnavailable(target, "the probe of " + host(target).name() + " failed (exit " + r.exit() + "): "
                    + (r.stderr().isBlank() ? e.getMessage() : r.firstLine()), "run the probe by hand over ssh to see what the host says", e);
        }
        LiveProjection.Live live = LiveProjection.of(desired, probe, new MonitoringProjection.OnHost(monitoring, host(target).name(), secrets));
        List<Resource> resources = new ArrayList<>(live.resources());
        consul.on(host(target).name()).ifPresent(f -> resources.addAll(ConsulFiles.live(f, probe)));
        List<String> warnings = new ArrayList<>(live.warnings());
        warnings.addAll(VmProjection.warnings(target.address(), desired, probe));
        // the VMs Fleetform defined here that git no longer declares: deletes
        VmProjection.Undeclared gone = VmProjection.undeclared(host(target).name(), fleetName, desired, probe);
        resources.addAll(gone.resources());
        warnings.addAll(gone.warnings());
        return new HostObservation(target.address(), new LiveProjection.Live(resources, warnings), probe);
    }

    @Override
    public List<Outcome> apply(Target target, Observation observed, List<ResourceChange> changes) {
        List<Outcome> out = new ArrayList<>();
        if (changes.isEmpty()) return out;
        ProbeReport probe = ((HostObservation) observed).probe();
        Map<Address, Resource> desired = desired(target).all();
        try (SshSession s = open(target)) {
            applyAll(appliers, new RemoteHost(host(target), s, probe, desired), changes, out);
        } catch (TargetUnavailable e) {
            out.clear();
            for (ResourceChange c : changes) out.add(new Outcome.Failed(c, e.getMessage()));
        }
        return out;
    }

    /** Each applier in turn with the changes of its kinds; a change no applier takes fails saying so. */
    private static void applyAll(List<HostApplier> appliers, RemoteHost host, List<ResourceChange> changes, List<Outcome> out) {
        Map<ResourceKind, List<ResourceChange>> byKind = new LinkedHashMap<>();
        for (ResourceChange c : changes) byKind.computeIfAbsent(c.kind(), k -> new ArrayList<>()).add(c);
        for (HostApplier a : appliers) {
            List<ResourceChange> mine = new ArrayList<>();
            for (ResourceKind k : a.kinds()) {
                List<ResourceChange> cs = byKind.remove(k);
                if (cs != null) mine.addAll(cs);
            }
            if (mine.isEmpty()) continue;
            int before = out.size();
            try {
                a.apply(host, mine, out);
            } catch (SshFailure f) {
                // the session broke: what this applier did not report yet failed with it
                Set<ResourceChange> done = new HashSet<>();
                for (Outcome o : out.subList(before, out.size())) done.add(o.change());
                for (ResourceChange c : mine) if (!done.contains(c)) out.add(new Outcome.Failed(c, f.getMessage()));
            }
        }
        byKind.values().forEach(cs -> cs.forEach(c -> out.add(new Outcome.Failed(c,
                "the host provider does not apply " + c.kind().jsonName() + " changes yet"))));
    }
}
