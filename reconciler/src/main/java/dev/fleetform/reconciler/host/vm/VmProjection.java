package dev.fleetform.reconciler.host.vm;

import dev.fleetform.changes.Address;
import dev.fleetform.changes.Resource;
import dev.fleetform.reconciler.host.probe.ProbeReport;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A host's VMs, their disks and vGPUs as the probe saw them, at the addresses and with the fields
 * {@code fleetform plan} builds. A VM is live when libvirt has a domain of its name: its
 * {@code vcpus}, {@code memoryGiB}, {@code bridge} and {@code address} are read from the persistent
 * definition ({@code dumpxml --inactive}), {@code autostart} and {@code state} from libvirt, and its
 * {@code domainXml} is git's lines when the definition is the compiled one by {@link DomainXml}'s
 * rule, else the live definition's lines. {@code roles} and {@code labels} live only in git. A
 * vGPU is live when an mdev of its compiled UUID exists (its GPU by PCI address, its profile by the
 * type's name); a disk when the definition has the compiled volume at the same target (its size is
 * not read).
 */
public final class VmProjection {
    private VmProjection() {
    }

    /** What is live at {@code want}'s address (a VM, VM disk or vGPU resource), if anything. */
    public static Optional<Resource> live(Resource want, Map<Address, Resource> desired, ProbeReport probe) {
        if (!(want.address() instanceof Address.OnHost a) || a.vm() == null) return Optional.empty();
        ProbeReport.Libvirt libvirt = probe.libvirt();
        String vm = a.vm();
        if (libvirt.error() != null) {
            // without libvirt no domain is defined; a vGPU may still exist
            return switch (want.kind()) {
                case VGPU -> vgpu(want, a, desired, probe);
                default -> Optional.empty();
            };
        }
        if (!libvirt.domains().contains(vm)) return want.kind() == dev.fleetform.changes.ResourceKind.VGPU ? vgpu(want, a, desired, probe) : Optional.empty();
        String xml = probe.vmXml(vm);
        if (xml == null) return Optional.empty();
        DomainXml live;
        try {
            live = DomainXml.parse(xml);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return switch (want.kind()) {
            case VM -> Optional.of(vm(want, live, xml, libvirt.autostart().contains(vm), probe.vmState(vm)));
            case VM_DISK -> disk(want, a, desired, live);
            case VGPU -> vgpu(want, a, desired, probe);
            default -> Optional.empty();
        };
    }

    /** A warning when the host declares VMs and libvirt could not be read there. */
    public static List<String> warnings(String target, Map<Address, Resource> desired, ProbeReport probe) {
        boolean vms = desired.values().stream().anyMatch(r -> r.kind() == dev.fleetform.changes.ResourceKind.VM);
        String error = vms ? probe.libvirt().error() : null;
        return error == null ? List.of() : List.of(target + ": libvirt cannot be read (" + error + "): its VMs are shown as not defined");
    }

    private static Resource vm(Resource want, DomainXml live, String xml, boolean autostart, String state) {
        Map<String, Object> f = new TreeMap<>(want.fields());
        f.put("vcpus", live.vcpus());
        f.put("memoryGiB", live.memoryGiB());
        f.put("autostart", autostart);
        f.put("state", state == null ? "unknown" : state);
        String bridge = live.bridge();
        if (bridge != null) f.put("bridge", bridge);
        else f.remove("bridge");
        String address = live.metadataAddress();
        if (address != null) f.put("address", address);
        else f.remove("address");
        List<String> compiled = lines(want.fields().get("domainXml"));
        boolean same;
        try {
            same = live.matches(DomainXml.parse(String.join("\n", compiled)));
        } catch (IllegalArgumentException e) {
            same = false;
        }
        f.put("domainXml", same ? compiled : xml.lines().toList());
        return new Resource(want.address(), want.kind(), want.layer(), f);
    }

    private static Optional<Resource> disk(Resource want, Address.OnHost a, Map<Address, Resource> desired, DomainXml live) {
        Resource vm = desired.get(a.vmAddress());
        if (vm == null) return Optional.empty();
        int i = Integer.parseInt(a.name());
        List<Map.Entry<String, String>> compiled = new ArrayList<>(DomainXml.parse(String.join("\n", lines(vm.fields().get("domainXml")))).diskFiles().entrySet());
        if (i >= compiled.size()) return Optional.empty();
        Map.Entry<String, String> d = compiled.get(i);
        return d.getValue().equals(live.diskFiles().get(d.getKey())) ? Optional.of(want) : Optional.empty();
    }

    private static Optional<Resource> vgpu(Resource want, Address.OnHost a, Map<Address, Resource> desired, ProbeReport probe) {
        Resource vm = desired.get(a.vmAddress());
        if (vm == null) return Optional.empty();
        List<String> uuids = DomainXml.parse(String.join("\n", lines(vm.fields().get("domainXml")))).vgpuUuids();
        int i = Integer.parseInt(a.name());
        if (i >= uuids.size()) return Optional.empty();
        for (Mdev m : probe.mdevs()) {
            if (!m.uuid().equalsIgnoreCase(uuids.get(i))) continue;
            Map<String, Object> f = new TreeMap<>();
            f.put("gpu", gpuAt(desired, a.host(), m.parent()));
            f.put("profile", m.profile());
            return Optional.of(new Resource(want.address(), want.kind(), want.layer(), f));
        }
        return Optional.empty();
    }

    /** The name the host's record gives the GPU at {@code pci}, else the PCI address itself. */
    @SuppressWarnings("unchecked")
    private static String gpuAt(Map<Address, Resource> desired, String host, String pci) {
        Resource h = desired.get(Address.OnHost.of(host));
        if (h != null && h.fields().get("gpus") instanceof List<?> gpus) {
            for (Object g : gpus) {
                if (g instanceof Map<?, ?> m && pci.equalsIgnoreCase(String.valueOf(m.get("pci")))) return String.valueOf(m.get("name"));
            }
        }
        return pci;
    }

    static List<String> lines(Object domainXml) {
        List<String> out = new ArrayList<>();
        if (domainXml instanceof List<?> l) for (Object o : l) out.add(String.valueOf(o));
        return out;
    }
}
