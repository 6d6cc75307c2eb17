package dev.fleetform.compiler.emit.storage;

import dev.fleetform.compiler.emit.MkfsOptions;
import dev.fleetform.compiler.emit.SafeText;
import dev.fleetform.compiler.model.Defrag;
import dev.fleetform.compiler.model.Disk;
import dev.fleetform.compiler.model.Filesystem;
import dev.fleetform.compiler.model.FsType;
import dev.fleetform.compiler.model.Host;
import dev.fleetform.compiler.model.RaidArray;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The storage plan of one host, in the order it must run: create arrays, make filesystems,
 * mount them (parents before children), then defrag timers. Commands are argv lists, never
 * shell strings; {@code shell} is a display copy quoted by {@link SafeText}. Steps that destroy
 * what is on a device say so: the reconciler runs them only on blank devices, or with approval.
 */
public final class StoragePlan {

    /** fstab placeholder for a filesystem's UUID, known only after mkfs: {@code ${fs:<name>}}. */
    public static String uuidPlaceholder(String filesystem) {
        return "${fs:" + filesystem + "}";
    }

    private StoragePlan() {
    }

    public static Map<String, Object> of(Host host) {
        Map<String, Disk> disks = new HashMap<>();
        for (Disk d : host.hardware().disks()) disks.putIfAbsent(d.name(), d);
        Map<String, RaidArray> arrays = new HashMap<>();
        for (RaidArray a : host.storage().raid()) arrays.putIfAbsent(a.name(), a);

        List<Map<String, Object>> steps = new ArrayList<>();
        for (RaidArray a : host.storage().raid()) steps.add(raidCreate(a, disks));
        for (Filesystem fs : host.storage().filesystems()) steps.add(mkfs(fs, device(fs.on(), arrays, disks), arrays.get(fs.on())));
        List<Filesystem> byDepth = new ArrayList<>(host.storage().filesystems());
        byDepth.sort(Comparator.comparingInt((Filesystem f) -> depth(f.mountpoint())).thenComparing(Filesystem::mountpoint));
        for (Filesystem fs : byDepth) steps.add(mount(fs));
        for (Filesystem fs : host.storage().filesystems()) {
            if (fs.defrag() != null && fs.defrag() != Defrag.NEVER) steps.add(defragTimer(fs));
        }
        Map<String, Object> plan = new TreeMap<>();
        plan.put("host", host.name());
        plan.put("fstabPlaceholder", uuidPlaceholder("<name>") + " stands for the filesystem's UUID (blkid), known after mkfs");
        plan.put("steps", steps);
        return plan;
    }

    static String arrayDevice(String array) {
        return "/dev/md/" + array;
    }

    private static String device(String on, Map<String, RaidArray> arrays, Map<String, Disk> disks) {
        if (arrays.containsKey(on)) return arrayDevice(on);
        Disk d = disks.get(on);
        return d == null ? on : d.device();
    }

    private static Map<String, Object> raidCreate(RaidArray a, Map<String, Disk> disks) {
        List<String> members = devices(a.devices(), disks);
        List<String> spares = devices(a.spares(), disks);
        List<String> argv = new ArrayList<>(List.of("mdadm", "--create", arrayDevice(a.name()),
                "--name=" + a.name(), "--level=" + a.level().number(), "--raid-devices=" + members.size(),
                "--metadata=" + a.metadata()));
        if (a.level().number() != 1) argv.add("--chunk=" + a.chunkKiB()); // RAID1 has no chunk
        argv.addAll(members);
        if (!spares.isEmpty()) {
            argv.add("--spare-devices=" + spares.size());
            argv.addAll(spares);
        }
        Map<String, Object> s = step("raid-create", argv, true);
        s.put("array", a.name());
        s.put("device", arrayDevice(a.name()));
        s.put("level", a.level().number());
        s.put("members", members);
        s.put("spares", spares);
        s.put("chunkKiB", a.chunkKiB());
        return s;
    }

    private static List<String> devices(List<String> diskNames, Map<String, Disk> disks) {
        List<String> out = new ArrayList<>(diskNames.size());
        for (String n : diskNames) out.add(disks.get(n).device());
        return List.copyOf(out);
    }

    private static Map<String, Object> mkfs(Filesystem fs, String device, RaidArray array) {
        List<String> argv = new ArrayList<>();
        argv.add("mkfs." + fs.type().yamlName());
        argv.addAll(MkfsOptions.of(fs, array));
        argv.add(device);
        Map<String, Object> s = step("mkfs", argv, true);
        s.put("filesystem", fs.name());
        s.put("device", device);
        s.put("type", fs.type().yamlName());
        return s;
    }

    private static Map<String, Object> mount(Filesystem fs) {
        String options = fs.mountOptions().isEmpty() ? "defaults" : String.join(",", fs.mountOptions());
        int pass = fs.type() == FsType.EXT4 ? 2 : 0; // fsck.xfs and btrfs check are no-ops at boot
        Map<String, Object> s = step("mount", List.of("mount", fs.mountpoint()), false);
        s.put("filesystem", fs.name());
        s.put("mountpoint", fs.mountpoint());
        s.put("fstab", "UUID=" + uuidPlaceholder(fs.name()) + " " + fs.mountpoint() + " " + fs.type().yamlName()
                + " " + options + " 0 " + pass);
        return s;
    }

    /** The command a defrag timer runs on a filesystem of {@code type} mounted at {@code mountpoint}. */
    public static List<String> defragArgv(FsType type, String mountpoint) {
        return switch (type) {
            case XFS -> List.of("xfs_fsr", "-t", "7200", mountpoint);
            case EXT4 -> List.of("e4defrag", mountpoint);
            case BTRFS -> List.of("btrfs", "filesystem", "defragment", "-r", mountpoint);
        };
    }

    private static Map<String, Object> defragTimer(Filesystem fs) {
        List<String> argv = defragArgv(fs.type(), fs.mountpoint());
        Map<String, Object> s = step("defrag-timer", argv, false);
        s.put("filesystem", fs.name());
        s.put("unit", "fleetform-defrag-" + fs.name() + ".timer");
        s.put("onCalendar", fs.defrag().yamlName());
        return s;
    }

    private static Map<String, Object> step(String kind, List<String> argv, boolean destroysData) {
        // Sorted as the JSON writer sorts keys anyway: it then need not copy the map to sort it.
        Map<String, Object> s = new TreeMap<>();
        s.put("kind", kind);
        s.put("argv", argv);
        StringBuilder shell = new StringBuilder();
        for (String arg : argv) {
            if (!shell.isEmpty()) shell.append(' ');
            shell.append(SafeText.shellWord(arg));
        }
        s.put("shell", shell.toString());
        s.put("destroysData", destroysData);
        if (destroysData) s.put("precondition", "every target device carries no signature (wipefs --no-act prints nothing)");
        return s;
    }

    private static int depth(String mountpoint) {
        int slashes = 0;
        for (int i = 0; i < mountpoint.length(); i++) {
            if (mountpoint.charAt(i) == '/') slashes++;
        }
        return slashes;
    }
}
