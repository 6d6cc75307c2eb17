package dev.fleetform.compiler.emit.libvirt;

import dev.fleetform.compiler.emit.Artefact;
import dev.fleetform.compiler.emit.EmitContext;
import dev.fleetform.compiler.emit.Emitter;
import dev.fleetform.compiler.emit.StableIds;
import dev.fleetform.compiler.emit.Templates;
import dev.fleetform.compiler.index.FleetIndex;
import dev.fleetform.compiler.model.Filesystem;
import dev.fleetform.compiler.model.Fleet;
import dev.fleetform.compiler.model.Gpu;
import dev.fleetform.compiler.model.Host;
import dev.fleetform.compiler.model.Vgpu;
import dev.fleetform.compiler.model.Vm;
import dev.fleetform.compiler.model.VmDisk;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code libvirt/<host>/<vm>.xml}: one domain per VM, from the {@code libvirt/domain.xml.ftlx}
 * template (overridable). libvirt keeps autostart outside the domain XML, so it is recorded in
 * Fleetform's metadata element, next to each vGPU's profile and GPU (what the reconciler needs to
 * create the mdev before defining the domain).
 */
public final class LibvirtEmitter implements Emitter {

    public static final String TEMPLATE = "libvirt/domain.xml.ftlx";

    @Override
    public String area() {
        return "libvirt";
    }

    @Override
    public List<Artefact> emit(Fleet fleet, FleetIndex index, EmitContext ctx) {
        List<Artefact> out = new ArrayList<>();
        String fleetName = fleet.metadata().name();
        for (Host h : fleet.hosts()) {
            for (Vm vm : h.vms()) {
                out.add(Artefact.text("libvirt/" + h.name() + "/" + vm.name() + ".xml", domainXml(fleetName, h, vm, ctx.templates())));
            }
        }
        return out;
    }

    /** The bytes {@code virsh define} gets for a VM: what the plan compares and the reconciler applies. */
    public static String domainXml(String fleet, Host h, Vm vm, Templates templates) {
        Map<String, Object> model = new HashMap<>();
        model.put("fleet", fleet);
        model.put("host", h.name());
        model.put("vm", domain(fleet, h, vm));
        return templates.render(TEMPLATE, model);
    }

    /** The template's view of a VM: plain maps, so a user's template sees stable names. */
    static Map<String, Object> domain(String fleet, Host h, Vm vm) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("name", vm.name());
        d.put("uuid", StableIds.uuid("domain", fleet, h.name(), vm.name()).toString());
        d.put("vcpus", vm.vcpus());
        d.put("memoryKiB", vm.memoryGiB() * 1024L * 1024L);
        d.put("autostart", vm.autostart());
        if (vm.network() != null) {
            d.put("bridge", vm.network().bridge());
            d.put("mac", StableIds.mac(fleet, h.name(), vm.name()));
            if (vm.network().address() != null) d.put("address", vm.network().address());
        }
        Map<String, Filesystem> filesystems = new HashMap<>();
        for (Filesystem f : h.storage().filesystems()) filesystems.putIfAbsent(f.name(), f);
        List<Map<String, Object>> disks = new ArrayList<>();
        for (int i = 0; i < vm.disks().size(); i++) {
            VmDisk disk = vm.disks().get(i);
            disks.add(Map.of(
                    "path", volumePath(filesystems.get(disk.filesystem()).mountpoint(), vm.name(), i),
                    "target", diskTarget(i),
                    "sizeGiB", disk.sizeGiB()));
        }
        d.put("disks", disks);
        Map<String, Gpu> gpus = new HashMap<>();
        for (Gpu g : h.hardware().gpus()) gpus.putIfAbsent(g.name(), g);
        List<Map<String, Object>> vgpus = new ArrayList<>();
        for (int i = 0; i < vm.vgpus().size(); i++) {
            Vgpu v = vm.vgpus().get(i);
            vgpus.add(Map.of(
                    "uuid", mdevUuid(fleet, h.name(), vm.name(), i),
                    "gpu", v.gpu(),
                    "pci", gpus.get(v.gpu()).pci(),
                    "profile", v.profile()));
        }
        d.put("vgpus", vgpus);
        return d;
    }

    /** virtio disk names as the guest kernel counts them: vda..vdz, vdaa, vdab, ... */
    static String diskTarget(int index) {
        StringBuilder s = new StringBuilder();
        for (int i = index; i >= 0; i = i / 26 - 1) s.insert(0, (char) ('a' + i % 26));
        return "vd" + s;
    }

    /** The qcow2 volume of a VM's i-th disk, under the mountpoint of the filesystem it names. */
    public static String volumePath(String mountpoint, String vm, int index) {
        return (mountpoint.endsWith("/") ? mountpoint : mountpoint + "/") + vm + "-" + index + ".qcow2";
    }

    /** The mdev UUID of a VM's i-th vGPU: a pure function of fleet, host, VM and index. */
    public static String mdevUuid(String fleet, String host, String vm, int index) {
        return StableIds.uuid("vgpu", fleet, host, vm, Integer.toString(index)).toString();
    }
}
