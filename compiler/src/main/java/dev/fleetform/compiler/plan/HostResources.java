package dev.fleetform.compiler.plan;

import dev.fleetform.changes.Address;
import dev.fleetform.changes.Layer;
import dev.fleetform.changes.Resource;
import dev.fleetform.changes.ResourceKind;
import dev.fleetform.changes.ResourceSet;
import dev.fleetform.compiler.emit.MkfsOptions;
import dev.fleetform.compiler.emit.Templates;
import dev.fleetform.compiler.emit.libvirt.LibvirtEmitter;
import dev.fleetform.compiler.model.Baseline;
import dev.fleetform.compiler.model.Disk;
import dev.fleetform.compiler.model.Filesystem;
import dev.fleetform.compiler.model.Gpu;
import dev.fleetform.compiler.model.Host;
import dev.fleetform.compiler.model.Provenance;
import dev.fleetform.compiler.model.RaidArray;
import dev.fleetform.compiler.model.Vgpu;
import dev.fleetform.compiler.model.Vm;
import dev.fleetform.compiler.model.VmDisk;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The resources on one host: what the reconciler converges it to. A host's resources are a
 * function of its (bound) record, the fleet's name and the templates, so a host equal on both
 * sides of a plan has equal resources: its part's key is those three, and the differ builds none
 * of them. A VM's fields include its domain XML as rendered from the (overridable) template.
 */
final class HostResources {
    private final Host h;
    private final String fleet;
    private final Templates templates;
    private final Address.OnHost a;
    private final List<Resource> out = new ArrayList<>();

    private HostResources(Host h, String fleet, Templates templates) {
        this.h = h;
        this.fleet = fleet;
        this.templates = templates;
        this.a = Address.OnHost.of(h.name());
    }

    /** What a host's resources are a function of: its record, the fleet's name (in VM UUIDs) and the templates. */
    private record Key(Host host, String fleet, Object templates) {
    }

    static ResourceSet.Part part(Host h, String fleet, Templates templates) {
        return new ResourceSet.Part("host/" + h.name(), new Key(h, fleet, templates.identity()),
                () -> new HostResources(h, fleet, templates).build());
    }

    private List<Resource> build() {
        Map<String, Object> f = new TreeMap<>();
        f.put("address", h.address());
        if (h.profile() != null) f.put("profile", h.profile());
        f.put("roles", h.roles());
        f.put("labels", new TreeMap<>(h.labels()));
        f.put("services", h.services());
        f.put("cores", h.hardware().cores());
        f.put("memoryGiB", h.hardware().memoryGiB());
        f.put("disks", h.hardware().disks().stream().map(HostResources::disk).toList());
        f.put("gpus", h.hardware().gpus().stream().map(HostResources::gpu).toList());
        if (h.hostKey() != null) f.put("hostKey", h.hostKey());
        put(a, ResourceKind.HOST, null, f);

        baseline();

        Provenance from = h.provenance();
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
            put(a.child("raid", r.name()), ResourceKind.RAID, from.raid(), rf);
        }
        for (Filesystem fs : h.storage().filesystems()) {
            Map<String, Object> ff = new TreeMap<>();
            ff.put("on", fs.on());
            ff.put("type", fs.type().yamlName());
            ff.put("mkfsOptions", MkfsOptions.of(fs, arrays.get(fs.on())));
            ff.put("defrag", fs.defrag() == null ? "never" : fs.defrag().yamlName());
            put(a.child("filesystem", fs.name()), ResourceKind.FILESYSTEM, from.filesystems(), ff);
            Map<String, Object> mf = new TreeMap<>();
            mf.put("mountpoint", fs.mountpoint());
            mf.put("mountOptions", fs.mountOptions());
            put(a.child("mount", fs.name()), ResourceKind.MOUNT, from.filesystems(), mf);
        }
        for (Vm vm : h.vms()) vm(vm, a.child("vm", vm.name()));
        return out;
    }

    private void baseline() {
        Baseline b = h.baseline();
        if (b == null) return;
        Provenance from = h.provenance();
        new TreeMap<>(b.sysctl()).forEach((k, v) -> put(a.child("sysctl", k), ResourceKind.SYSCTL, from.sysctl(k), Map.of("value", v)));
        new TreeMap<>(b.limits()).forEach((k, v) -> put(a.child("limits", k), ResourceKind.LIMIT, from.limit(k), Map.of("value", v)));
        if (b.dns() != null && (!b.dns().nameservers().isEmpty() || !b.dns().search().isEmpty())) {
            put(a.child("dns"), ResourceKind.DNS, from.dns(), fields("nameservers", b.dns().nameservers(), "search", b.dns().search()));
        }
        for (String p : b.packages()) put(a.child("package", p), ResourceKind.PACKAGE, from.packages(), Map.of());
        if (b.timezone() != null) put(a.child("timezone"), ResourceKind.TIMEZONE, from.timezone(), Map.of("value", b.timezone()));
    }

    private void vm(Vm vm, Address.OnHost va) {
        Map<String, Object> f = new TreeMap<>();
        f.put("vcpus", vm.vcpus());
        f.put("memoryGiB", vm.memoryGiB());
        f.put("autostart", vm.autostart());
        // a declared VM runs: the reconciler reads libvirt's state (virsh domstate) into this field
        f.put("state", "running");
        f.put("roles", vm.roles());
        f.put("labels", new TreeMap<>(vm.labels()));
        if (vm.network() != null) {
            f.put("bridge", vm.network().bridge());
            if (vm.network().address() != null) f.put("address", vm.network().address());
        }
        // the bytes virsh define gets, line by line: a template change shows as the lines it changes
        f.put("domainXml", LibvirtEmitter.domainXml(fleet, h, vm, templates).lines().toList());
        put(va, ResourceKind.VM, null, f);
        for (int i = 0; i < vm.disks().size(); i++) {
            VmDisk d = vm.disks().get(i);
            put(va.child("disk", Integer.toString(i)), ResourceKind.VM_DISK, null,
                    fields("filesystem", d.filesystem(), "sizeGiB", d.sizeGiB()));
        }
        for (int i = 0; i < vm.vgpus().size(); i++) {
            Vgpu g = vm.vgpus().get(i);
            put(va.child("vgpu", Integer.toString(i)), ResourceKind.VGPU, null, fields("gpu", g.gpu(), "profile", g.profile()));
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

    /** The layer of the model's provenance as the change model names it: null for the host's own. */
    private Layer layer(Provenance.Layer l) {
        return switch (l) {
            case HOST -> null;
            case PROFILE -> Layer.profile(h.profile());
            case DEFAULTS -> Layer.DEFAULTS;
        };
    }

    private void put(Address address, ResourceKind kind, Provenance.Layer from, Map<String, Object> fields) {
        out.add(new Resource(address, kind, from == null ? null : layer(from), fields));
    }
}
