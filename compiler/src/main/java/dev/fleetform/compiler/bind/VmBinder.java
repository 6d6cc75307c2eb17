package dev.fleetform.compiler.bind;

import dev.fleetform.compiler.model.Vgpu;
import dev.fleetform.compiler.model.Vm;
import dev.fleetform.compiler.model.VmDisk;
import dev.fleetform.compiler.model.VmNetwork;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Binds a host's VMs; a VM inherits the host's labels, its own win. */
final class VmBinder {
    static final boolean DEFAULT_AUTOSTART = true;

    private VmBinder() {
    }

    static List<Vm> vms(Layered host, Map<String, String> hostLabels) {
        List<Layered> views = host.items("vms");
        if (views.isEmpty()) return List.of();
        List<Vm> out = new ArrayList<>(views.size());
        for (Layered v : views) out.add(vm(v, hostLabels));
        return Collections.unmodifiableList(out);
    }

    private static Vm vm(Layered v, Map<String, String> hostLabels) {
        List<VmDisk> disks = new ArrayList<>();
        for (Layered d : v.items("disks")) {
            disks.add(new VmDisk(d.text("filesystem"), d.longInteger("sizeGiB", 0), d.origin()));
        }
        List<Vgpu> vgpus = new ArrayList<>();
        for (Layered g : v.items("vgpus")) vgpus.add(new Vgpu(g.text("gpu"), g.text("profile"), g.origin()));
        Layered net = v.get("network");
        return new Vm(
                v.text("name"),
                v.integer("vcpus", 0),
                v.integer("memoryGiB", 0),
                HostBinder.immutable(disks),
                HostBinder.immutable(vgpus),
                net.isAbsent() ? null : new VmNetwork(net.text("bridge"), net.text("address"), net.origin()),
                v.bool("autostart", DEFAULT_AUTOSTART),
                v.strings("roles"),
                labels(hostLabels, v.stringMap("labels")),
                v.origin());
    }

    private static Map<String, String> labels(Map<String, String> host, Map<String, String> own) {
        if (own.isEmpty()) return host;
        Map<String, String> merged = LinkedHashMap.newLinkedHashMap(host.size() + own.size());
        merged.putAll(host);
        merged.putAll(own);
        return Collections.unmodifiableMap(merged);
    }
}
