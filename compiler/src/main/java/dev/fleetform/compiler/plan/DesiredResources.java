package dev.fleetform.compiler.plan;

import dev.fleetform.compiler.emit.MkfsOptions;
import dev.fleetform.compiler.model.Baseline;
import dev.fleetform.compiler.model.Disk;
import dev.fleetform.compiler.model.Filesystem;
import dev.fleetform.compiler.model.Fleet;
import dev.fleetform.compiler.model.Gpu;
import dev.fleetform.compiler.model.Host;
import dev.fleetform.compiler.model.RaidArray;
import dev.fleetform.compiler.model.Vgpu;
import dev.fleetform.compiler.model.Vm;
import dev.fleetform.compiler.model.VmDisk;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The host-side resources of a fleet, by address: what the reconciler converges each host to.
 * Kubernetes, Prometheus and JumpServer resources come from the compiled artefacts instead
 * ({@link ArtefactResources}), so the plan shows exactly what would be applied.
 */
public final class DesiredResources {
    private DesiredResources() {
    }

    /**
     * Adds to {@code before} and {@code after} the resources of the hosts that are not the same
     * in both fleets. A host's resources are a function of its (bound) record alone, so a host
     * equal on both sides has equal resources and no change: most of a fleet, not built at all.
     */
    static void ofChangedHosts(Fleet base, Fleet head, Map<String, Resource> before, Map<String, Resource> after) {
        Map<String, Host> baseHosts = byName(base), headHosts = byName(head);
        for (Host h : changed(baseHosts, headHosts)) host(h, before);
        for (Host h : changed(headHosts, baseHosts)) host(h, after);
    }

    /** The hosts of {@code side} not equal to the other side's host of that name (deep compares: on all cores). */
    private static List<Host> changed(Map<String, Host> side, Map<String, Host> other) {
        return side.entrySet().parallelStream().filter(e -> !e.getValue().equals(other.get(e.getKey())))
                .map(Map.Entry::getValue).toList();
    }

    /** The first host of each name: the first resource at an address is the one planned. */
    private static Map<String, Host> byName(Fleet fleet) {
        Map<String, Host> m = new LinkedHashMap<>();
        if (fleet != null) for (Host h : fleet.hosts()) m.putIfAbsent(h.name(), h);
        return m;
    }

    private static void host(Host h, Map<String, Resource> out) {
        String a = "host/" + h.name();
        Map<String, Object> f = new TreeMap<>();
        f.put("address", h.address());
        if (h.profile() != null) f.put("profile", h.profile());
        f.put("roles", h.roles());
        f.put("labels", new TreeMap<>(h.labels()));
        f.put("services", h.services());
        f.put("cores", h.hardware().cores());
        f.put("memoryGiB", h.hardware().memoryGiB());
        f.put("disks", h.hardware().disks().stream().map(DesiredResources::disk).toList());
        f.put("gpus", h.hardware().gpus().stream().map(DesiredResources::gpu).toList());
        if (h.hostKey() != null) f.put("hostKey", h.hostKey());
        put(out, a, ResourceKind.HOST, h.name(), f);

        baseline(h, a, out);

        Map<String, Disk> disks = new HashMap<>();
        for (Disk d : h.hardware().disks()) disks.putIfAbsent(d.name(), d);
        Map<String, RaidArray> arrays = new HashMap<>();
        for (RaidArray r : h.storage().raid()) {
            arrays.putIfAbsent(r.name(), r);
            Map<String, Object> rf = new TreeMap<>();
            rf.put("level", r.level().number());
            rf.put("devices", devices(r.devices(), disks));
            rf.put("spares", devices(r.spares(), disks));
            rf.put("chunkKiB", r.chunkKiB());
            rf.put("metadata", r.metadata());
            put(out, a + "/raid/" + r.name(), ResourceKind.RAID, h.name(), rf);
        }
        for (Filesystem fs : h.storage().filesystems()) {
            Map<String, Object> ff = new TreeMap<>();
            ff.put("on", fs.on());
            ff.put("type", fs.type().yamlName());
            ff.put("mkfsOptions", MkfsOptions.of(fs, arrays.get(fs.on())));
            ff.put("defrag", fs.defrag() == null ? "never" : fs.defrag().yamlName());
            put(out, a + "/filesystem/" + fs.name(), ResourceKind.FILESYSTEM, h.name(), ff);
            Map<String, Object> mf = new TreeMap<>();
            mf.put("mountpoint", fs.mountpoint());
            mf.put("mountOptions", fs.mountOptions());
            put(out, a + "/mount/" + fs.name(), ResourceKind.MOUNT, h.name(), mf);
        }
        for (Vm vm : h.vms()) vm(h, vm, a + "/vm/" + vm.name(), out);
    }

    private static void baseline(Host h, String a, Map<String, Resource> out) {
        Baseline b = h.baseline();
        if (b == null) return;
        new TreeMap<>(b.sysctl()).forEach((k, v) -> put(out, a + "/sysctl/" + k, ResourceKind.SYSCTL, h.name(), Map.of("value", v)));
        new TreeMap<>(b.limits()).forEach((k, v) -> put(out, a + "/limits/" + k, ResourceKind.LIMIT, h.name(), Map.of("value", v)));
        if (b.dns() != null && (!b.dns().nameservers().isEmpty() || !b.dns().search().isEmpty())) {
            put(out, a + "/dns", ResourceKind.DNS, h.name(),
                    fields("nameservers", b.dns().nameservers(), "search", b.dns().search()));
        }
        for (String p : b.packages()) put(out, a + "/package/" + p, ResourceKind.PACKAGE, h.name(), Map.of());
        if (b.timezone() != null) put(out, a + "/timezone", ResourceKind.TIMEZONE, h.name(), Map.of("value", b.timezone()));
    }

    private static void vm(Host h, Vm vm, String a, Map<String, Resource> out) {
        Map<String, Object> f = new TreeMap<>();
        f.put("vcpus", vm.vcpus());
        f.put("memoryGiB", vm.memoryGiB());
        f.put("autostart", vm.autostart());
        f.put("roles", vm.roles());
        f.put("labels", new TreeMap<>(vm.labels()));
        if (vm.network() != null) {
            f.put("bridge", vm.network().bridge());
            if (vm.network().address() != null) f.put("address", vm.network().address());
        }
        put(out, a, ResourceKind.VM, h.name(), f);
        for (int i = 0; i < vm.disks().size(); i++) {
            VmDisk d = vm.disks().get(i);
            put(out, a + "/disk/" + i, ResourceKind.VM_DISK, h.name(),
                    fields("filesystem", d.filesystem(), "sizeGiB", d.sizeGiB()));
        }
        for (int i = 0; i < vm.vgpus().size(); i++) {
            Vgpu g = vm.vgpus().get(i);
            put(out, a + "/vgpu/" + i, ResourceKind.VGPU, h.name(), fields("gpu", g.gpu(), "profile", g.profile()));
        }
    }

    private static Map<String, Object> disk(Disk d) {
        Map<String, Object> m = new TreeMap<>();
        m.put("name", d.name());
        m.put("device", d.device());
        m.put("sizeGiB", d.sizeGiB());
        m.put("media", d.media().yamlName());
        return m;
    }

    private static Map<String, Object> gpu(Gpu g) {
        Map<String, Object> m = new TreeMap<>();
        m.put("name", g.name());
        m.put("model", g.model());
        m.put("pci", g.pci());
        m.put("vgpuMode", g.vgpuMode().yamlName());
        return m;
    }

    private static List<String> devices(List<String> names, Map<String, Disk> disks) {
        List<String> out = new ArrayList<>(names.size());
        for (String n : names) {
            Disk d = disks.get(n);
            out.add(d == null ? n : d.device());
        }
        return out;
    }

    /** Two fields in key order: {@code Map.of}'s order changes from run to run, and the plan shows it. */
    private static Map<String, Object> fields(String k1, Object v1, String k2, Object v2) {
        Map<String, Object> m = new TreeMap<>();
        m.put(k1, v1);
        m.put(k2, v2);
        return m;
    }

    private static void put(Map<String, Resource> out, String address, ResourceKind kind, String host, Map<String, Object> fields) {
        out.putIfAbsent(address, new Resource(address, kind, host, fields));
    }
}
