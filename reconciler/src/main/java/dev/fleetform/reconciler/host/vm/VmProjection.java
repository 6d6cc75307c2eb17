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

    /** What the probe found of VMs git does not declare on a host: resources to delete, and warnings. */
    public record Undeclared(List<Resource> resources, List<String> warnings) {
    }

    private static final java.util.regex.Pattern NAME = java.util.regex.Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

    /**
     * The domains on {@code host} that Fleetform defined for {@code fleet} ({@link DomainXml#mark})
     * and git no longer declares there: each a VM at its plan address, with its disks (by target,
     * {@code vda} is disk 0) as disks of it, so the differ sees them deleted. A domain without the
     * mark is not Fleetform's and is never seen; one marked by another fleet is left alone, with a
     * warning.
     */
    public static Undeclared undeclared(String host, String fleet, Map<Address, Resource> desired, ProbeReport probe) {
        List<Resource> out = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        ProbeReport.Libvirt libvirt = probe.libvirt();
        if (libvirt.error() != null) return new Undeclared(out, warnings);
        for (String name : libvirt.domains()) {
            if (desired.containsKey(new Address.OnHost(host, List.of("vm", name)))) continue;
            String xml = probe.vmXml(name);
            if (xml == null) continue; // not marked: the probe read no definition
            DomainXml live;
            try {
                live = DomainXml.parse(xml);
            } catch (IllegalArgumentException e) {
                continue;
            }
            DomainXml.Mark mark = live.mark();
            if (mark == null) continue;
            String at = "host/" + host + ": domain " + name;
            if (!fleet.equals(mark.fleet())) {
                warnings.add(at + " was defined by Fleetform for fleet " + mark.fleet() + ", not " + fleet + ": left alone");
                continue;
            }
            if (!NAME.matcher(name).matches()) {
                warnings.add(at + " carries Fleetform's mark but its name is not a VM name: left alone");
                continue;
            }
            Address.OnHost a = new Address.OnHost(host, List.of("vm", name));
            Map<String, Object> f = new TreeMap<>();
            f.put("vcpus", live.vcpus());
            f.put("memoryGiB", live.memoryGiB());
            f.put("autostart", libvirt.autostart().contains(name));
            String state = probe.vmState(name);
            f.put("state", state == null ? "unknown" : state);
            f.put("domainXml", xml.lines().toList());
            out.add(new Resource(a, dev.fleetform.changes.ResourceKind.VM, f));
            for (Map.Entry<String, String> d : live.diskFiles().entrySet()) {
                int i = diskIndex(d.getKey());
                if (i < 0) continue;
                Map<String, Object> df = new TreeMap<>();
                df.put("path", d.getValue());
                out.add(new Resource(a.child("disk", Integer.toString(i)), dev.fleetform.changes.ResourceKind.VM_DISK, df));
            }
        }
        return new Undeclared(out, warnings);
    }

    /** The disk index of a virtio target as the compiler names them ({@code vda} 0, {@code vdz} 25, {@code vdaa} 26), or -1. */
    public static int diskIndex(String target) {
        if (target == null || !target.matches("vd[a-z]{1,3}")) return -1;
        int n = 0;
        for (char c : target.substring(2).toCharArray()) n = n * 26 + (c - 'a' + 1);
        return n - 1;
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
