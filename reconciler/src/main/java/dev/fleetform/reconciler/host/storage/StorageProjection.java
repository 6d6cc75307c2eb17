package dev.fleetform.reconciler.host.storage;

import dev.fleetform.changes.Address;
import dev.fleetform.changes.Resource;
import dev.fleetform.changes.ResourceKind;
import dev.fleetform.reconciler.host.probe.ProbeReport;
import dev.fleetform.reconciler.host.probe.ProbeScript;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * The storage a host declares (raid, filesystem, mount), as the probe found it, with the fields
 * {@code fleetform plan} builds. What cannot be read is never taken for blank: a device whose
 * signatures are unreadable shows a filesystem of an unknown type (a destructive replace), so a
 * plan never understates risk. Not observed (reported as git declares them, while the type
 * matches): a filesystem's mkfsOptions. Its {@code defrag} is read from the timer units
 * Fleetform writes ({@link DefragTimer#live}).
 *
 * <p>Live-only fields tell what a mount lacks: {@code fstab} (no line, or a line not by UUID) and
 * {@code mounted} (not mounted, or something else mounted there); and what an array lacks:
 * {@code mdadmConf} (no ARRAY line for its UUID, or one unlike {@code mdadm --detail --scan}'s).
 */
public final class StorageProjection {
    private final Map<Address, Resource> desired;
    private final ProbeReport probe;
    private final Map<String, DeviceState> devices = new HashMap<>();
    private List<ProbeReport.Mount> mounts;
    private Fstab fstab;

    public StorageProjection(Map<Address, Resource> desired, ProbeReport probe) {
        this.desired = desired;
        this.probe = probe;
    }

    /** Every device the probe must read for these resources: filesystems' devices, array devices, members and spares. */
    public static List<String> devices(Map<Address, Resource> desired) {
        Set<String> out = new LinkedHashSet<>();
        for (Resource r : desired.values()) {
            if (r.kind() == ResourceKind.FILESYSTEM) {
                String d = device(desired, r);
                if (d != null) out.add(d);
            } else if (r.kind() == ResourceKind.RAID) {
                out.add(arrayDevice(r.address().name()));
                out.addAll(strings(r, "devices"));
                out.addAll(strings(r, "spares"));
            }
        }
        return List.copyOf(out);
    }

    /** The arrays declared. */
    public static List<String> arrays(Map<Address, Resource> desired) {
        List<String> out = new ArrayList<>();
        for (Resource r : desired.values()) if (r.kind() == ResourceKind.RAID) out.add(r.address().name());
        return out;
    }

    /** The device an md array named {@code array} is created as ({@code mdadm --create /dev/md/<name>}). */
    public static String arrayDevice(String array) {
        return "/dev/md/" + array;
    }

    /** The device a filesystem (or its mount) is on: its array's device, else its disk's, from the host's record; null when unknown. */
    public static String device(Map<Address, Resource> desired, Resource fsOrMount) {
        Address.OnHost a = (Address.OnHost) fsOrMount.address();
        Resource fs = desired.get(new Address.OnHost(a.host(), List.of("filesystem", a.name())));
        if (fs == null) return null;
        String on = String.valueOf(fs.fields().get("on"));
        if (desired.containsKey(new Address.OnHost(a.host(), List.of("raid", on)))) return arrayDevice(on);
        Resource host = desired.get(Address.OnHost.of(a.host()));
        if (host == null || !(host.fields().get("disks") instanceof List<?> disks)) return null;
        for (Object d : disks) {
            if (d instanceof Map<?, ?> m && on.equals(m.get("name"))) return String.valueOf(m.get("device"));
        }
        return null;
    }

    public DeviceState state(String device) {
        return devices.computeIfAbsent(device, d -> DeviceState.of(d, probe));
    }

    /** Adds what is live at {@code want}'s address to {@code out} (nothing when it is absent). */
    public void project(Resource want, List<Resource> out, List<String> warnings) {
        switch (want.kind()) {
            case FILESYSTEM -> filesystem(want, out, warnings);
            case MOUNT -> mount(want, out, warnings);
            case RAID -> raid(want, out, warnings);
            default -> throw new IllegalArgumentException("not storage: " + want);
        }
    }

    private void filesystem(Resource want, List<Resource> out, List<String> warnings) {
        String device = device(desired, want);
        String at = want.address().text() + ": ";
        if (device == null) {
            warnings.add(at + "the host declares no disk or array " + want.fields().get("on"));
            return;
        }
        DeviceState d = state(device);
        if (!d.exists()) {
            if (!device.startsWith("/dev/md/")) warnings.add(at + "no device " + device + " on the host");
            return;
        }
        if (d.blank()) return;
        Map<String, Object> f = new TreeMap<>(want.fields());
        f.put("defrag", DefragTimer.live(want.address().name(), timer(want), probe));
        if (!d.readable()) {
            warnings.add(at + d.error());
            f.put("type", "unknown (" + d.error() + ")");
        } else if (!Objects.equals(d.first().type(), want.fields().get("type")) || d.signatures().size() > 1) {
            f.put("type", d.describe());
        }
        out.add(new Resource(want.address(), ResourceKind.FILESYSTEM, f));
    }

    /** The defrag timer git declares for filesystem {@code fs}, or null. */
    DefragTimer timer(Resource fs) {
        Address.OnHost a = (Address.OnHost) fs.address();
        Resource m = desired.get(new Address.OnHost(a.host(), List.of("mount", a.name())));
        return DefragTimer.declared(a.name(), fs.fields(), m == null ? null : String.valueOf(m.fields().get("mountpoint")));
    }

    private void mount(Resource want, List<Resource> out, List<String> warnings) {
        String mountpoint = String.valueOf(want.fields().get("mountpoint"));
        if (mounts == null) mounts = probe.mounts();
        if (fstab == null) fstab = Fstab.parse(probe.file("/etc/fstab").map(ProbeReport.FileState::bytes).orElse(new byte[0]));
        ProbeReport.Mount live = null;
        for (ProbeReport.Mount m : mounts) if (m.target().equals(mountpoint)) live = m; // the last one is on top
        Fstab.Entry line = fstab.entry(mountpoint);
        if (live == null && line == null) return;

        String device = device(desired, want);
        DeviceState d = device == null ? null : state(device);
        String uuid = d != null && d.readable() && d.first() != null ? d.first().uuid() : null;
        Map<String, Object> f = new TreeMap<>(want.fields());
        if (line == null) {
            f.put("fstab", "no line for " + mountpoint + " in /etc/fstab");
        } else {
            f.put("mountOptions", line.optionList());
            if (uuid != null && !line.spec().equals("UUID=" + uuid)) f.put("fstab", line.spec() + " (not UUID=" + uuid + ")");
            else if (uuid == null && !line.spec().startsWith("UUID=")) f.put("fstab", line.spec() + " (not by UUID)");
        }
        if (live == null) {
            f.put("mounted", "no");
        } else if (d != null && d.resolved() != null && !live.source().equals(d.resolved()) && !live.source().equals(device)) {
            f.put("mounted", "from " + live.source() + ", not " + device);
        }
        out.add(new Resource(want.address(), ResourceKind.MOUNT, f));
    }

    /**
     * The mounts Fleetform made ({@link MountRecord}) that git no longer declares and that are still
     * in fstab or mounted: each at its old address, so the plan shows a delete (unmount, fstab line
     * removed). Its filesystem is not shown: Fleetform never removes one, its data stays.
     */
    public void removed(String host, List<Resource> out) {
        for (Map.Entry<String, String> m : MountRecord.read(probe).entrySet()) {
            Address.OnHost a = Address.OnHost.of(host).child("mount", m.getKey());
            if (desired.containsKey(a)) continue;
            if (mounts == null) mounts = probe.mounts();
            if (fstab == null) fstab = Fstab.parse(probe.file("/etc/fstab").map(ProbeReport.FileState::bytes).orElse(new byte[0]));
            Fstab.Entry line = fstab.entry(m.getValue());
            boolean mounted = mounts.stream().anyMatch(x -> x.target().equals(m.getValue()));
            if (line == null && !mounted) continue;
            Map<String, Object> f = new TreeMap<>();
            f.put("mountpoint", m.getValue());
            f.put("mountOptions", line == null ? List.of() : line.optionList());
            out.add(new Resource(a, ResourceKind.MOUNT, f));
        }
    }

    private void raid(Resource want, List<Resource> out, List<String> warnings) {
        String at = want.address().text() + ": ";
        String name = want.address().name();
        ProbeReport.Mdstat mdstat = probe.mdstat();
        if (!mdstat.supported()) {
            warnings.add(at + ProbeReport.Mdstat.UNSUPPORTED);
            return;
        }
        ProbeReport.Section s = probe.section(ProbeScript.arraySection(name)).orElse(null);
        Map<String, Object> f = new TreeMap<>(want.fields());
        if (s == null || s.exit() == ProbeScript.MD_UNAVAILABLE) {
            warnings.add(at + (s == null ? "not probed" : s.text().strip()));
            return;
        }
        if (s.exit() != 0) {
            if (!state(arrayDevice(name)).exists()) return; // no such array yet
            warnings.add(at + "mdadm --detail: " + s.text().strip());
            f.put("level", "unknown (" + s.text().strip() + ")");
            out.add(new Resource(want.address(), ResourceKind.RAID, f));
            return;
        }
        MdDetail md;
        try {
            md = MdDetail.parse(s.text());
        } catch (IllegalArgumentException e) {
            warnings.add(at + e.getMessage());
            f.put("level", "unknown (" + e.getMessage() + ")");
            out.add(new Resource(want.address(), ResourceKind.RAID, f));
            return;
        }
        // mdadm names members as the kernel does (/dev/sdb); git as the fleet does (/dev/disk/by-id/...)
        Map<String, String> asGit = new HashMap<>();
        for (String p : strings(want, "devices")) asGit.putIfAbsent(resolved(p), p);
        for (String p : strings(want, "spares")) asGit.putIfAbsent(resolved(p), p);
        List<String> members = md.members().stream().map(p -> asGit.getOrDefault(p, p)).toList();
        List<String> faulty = md.faulty().stream().map(p -> asGit.getOrDefault(p, p)).toList();
        List<String> spares = md.spares().stream().map(p -> asGit.getOrDefault(p, p)).toList();
        List<String> gitDevices = strings(want, "devices");
        if (md.level() == null) {
            String why = md.levelName() == null ? "inactive: mdadm names no level" : md.levelName();
            warnings.add(at + "the array is " + why);
            f.put("level", "unknown (" + why + ")");
        } else {
            f.put("level", md.level());
        }
        if (md.degraded() || !faulty.isEmpty()) {
            warnings.add(at + "the array is degraded (" + members.size() + " of " + md.raidDevices() + " active"
                    + (faulty.isEmpty() ? "" : ", faulty: " + String.join(", ", faulty)) + "): replace the failed disk with mdadm --add");
        }
        Set<String> seen = new LinkedHashSet<>(members);
        seen.addAll(faulty);
        // a degraded array of git's members is not a different array: it is repaired, never re-created
        boolean sameMembers = md.raidDevices() == gitDevices.size() && gitDevices.containsAll(seen);
        f.put("devices", sameMembers ? gitDevices : members);
        f.put("spares", spares);
        if (md.metadata() != null) f.put("metadata", md.metadata());
        if (md.level() != null && md.level() != 1) {
            String kernelName = resolved(arrayDevice(name));
            Mdstat.Array a = Mdstat.parse(mdstat.text()).get(kernelName.substring(kernelName.lastIndexOf('/') + 1));
            if (a != null && a.chunkKiB() > 0) f.put("chunkKiB", a.chunkKiB());
        }
        String conf = confLine(name, md);
        if (conf != null) f.put("mdadmConf", conf);
        out.add(new Resource(want.address(), ResourceKind.RAID, f));
    }

    /** What mdadm.conf lacks for the array, as a live-only field; null when its ARRAY line is there as {@code --detail --scan} prints it. */
    private String confLine(String name, MdDetail md) {
        String line;
        try {
            line = MdadmConf.arrayLine(arrayDevice(name), md);
        } catch (IllegalArgumentException e) {
            return null; // not one Fleetform can write a line for (told by its level or members)
        }
        String path = MdadmConf.path(probe);
        byte[] conf = probe.file(path).map(ProbeReport.FileState::bytes).orElse(new byte[0]);
        String now = MdadmConf.lineFor(conf, md.uuid());
        if (now == null) return "no ARRAY line for UUID=" + md.uuid().toLowerCase(java.util.Locale.ROOT) + " in " + path;
        return now.strip().replaceAll("\\s+", " ").equals(line) ? null : path + " has: " + now.strip().replaceAll("\\s+", " ");
    }

    private String resolved(String path) {
        DeviceState d = state(path);
        return d.resolved() == null ? path : d.resolved();
    }

    @SuppressWarnings("unchecked")
    static List<String> strings(Resource r, String field) {
        Object v = r.fields().get(field);
        return v instanceof List<?> l ? (List<String>) l : List.of();
    }
}
