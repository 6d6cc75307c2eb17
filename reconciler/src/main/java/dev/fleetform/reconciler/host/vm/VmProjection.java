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
 * type's name); a disk when its volume exists at the compiled path, with the size qemu-img reads.
 */
public final class VmProjection {
    private VmProjection() {
    }

    /** What is live at {@code want}'s address (a VM, VM disk or vGPU resource), if anything. */
    public static Optional<Resource> live(Resource want, Map<Address, Resource> desired, ProbeReport probe) {
        if (!(want.address() instanceof Address.OnHost a) || a.vm() == null) return Optional.empty();
        ProbeReport.Libvirt libvirt = probe.libvirt();
        String vm = a.vm();
        String xml = libvirt.error() == null && libvirt.domains().contains(vm) ? probe.vmXml(vm) : null;
        DomainXml live = null;
        if (xml != null) {
            try {
                live = DomainXml.parse(xml);
            } catch (IllegalArgumentException e) {
                live = null;
            }
        }
        return switch (want.kind()) {
            // a volume is there or not whether or not its VM is defined; a vGPU too
            case VM_DISK -> disk(want, a, desired, live, probe);
            case VGPU -> vgpu(want, a, desired, probe);
            case VM -> live == null ? Optional.empty() : Optional.of(vm(want, live, xml, libvirt.autostart().contains(vm), probe.vmState(vm)));
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

    /** The index of a VM's disk or vGPU: the last part of its address ({@code 0} of {@code host/h/vm/v/disk/0}), -1 when it is not a number. */
    public static int index(Address a) {
        List<String> p = a instanceof Address.OnHost on ? on.path() : List.of();
        try {
            return p.isEmpty() ? -1 : Integer.parseInt(p.getLast());
        } catch (NumberFormatException e) {
            return -1;
        }
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

    /**
     * A disk is live when its volume exists: its size as qemu-img reads it (whole GiB, else the
     * exact fraction), its filesystem git's (the volume read is the one at git's path). Where the
     * volume could not be read (no qemu-img), it is live when the definition has the compiled
     * volume at the same target, with git's size.
     */
    private static Optional<Resource> disk(Resource want, Address.OnHost a, Map<Address, Resource> desired, DomainXml live, ProbeReport probe) {
        Map.Entry<String, String> d = compiledDisk(desired, a);
        if (d == null) return Optional.empty();
        ProbeReport.Volume v = probe.volume(d.getValue());
        if (v != null && !v.exists()) return Optional.empty();
        if (v != null && v.error() == null) {
            Map<String, Object> f = new TreeMap<>(want.fields());
            f.put("sizeGiB", gib(v.virtualBytes()));
            return Optional.of(new Resource(want.address(), want.kind(), want.layer(), f));
        }
        if (live == null) return Optional.empty();
        return d.getValue().equals(live.diskFiles().get(d.getKey())) ? Optional.of(want) : Optional.empty();
    }

    /** The compiled target and volume path of the disk at {@code a}, or null. */
    private static Map.Entry<String, String> compiledDisk(Map<Address, Resource> desired, Address.OnHost a) {
        Resource vm = desired.get(a.vmAddress());
        if (vm == null) return null;
        int i = VmProjection.index(a);
        List<Map.Entry<String, String>> compiled = new ArrayList<>(DomainXml.parse(String.join("\n", lines(vm.fields().get("domainXml")))).diskFiles().entrySet());
        return i >= 0 && i < compiled.size() ? compiled.get(i) : null;
    }

    /** The volume paths of the declared VMs' disks, from their compiled definitions: what the probe reads with qemu-img. */
    public static List<String> volumes(Map<Address, Resource> desired) {
        List<String> out = new ArrayList<>();
        for (Resource r : desired.values()) {
            if (r.kind() != dev.fleetform.changes.ResourceKind.VM) continue;
            out.addAll(DomainXml.parse(String.join("\n", lines(r.fields().get("domainXml")))).diskFiles().values());
        }
        return out;
    }

    private static Number gib(long bytes) {
        long g = 1024L * 1024 * 1024;
        if (bytes % g != 0) return bytes / (double) g;
        long whole = bytes / g;
        if (whole <= Integer.MAX_VALUE) return (int) whole; // as git's sizeGiB is bound
        return whole;
    }

    private static Optional<Resource> vgpu(Resource want, Address.OnHost a, Map<Address, Resource> desired, ProbeReport probe) {
        Resource vm = desired.get(a.vmAddress());
        if (vm == null) return Optional.empty();
        List<String> uuids = DomainXml.parse(String.join("\n", lines(vm.fields().get("domainXml")))).vgpuUuids();
        int i = VmProjection.index(a);
        if (i < 0 || i >= uuids.size()) return Optional.empty();
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
