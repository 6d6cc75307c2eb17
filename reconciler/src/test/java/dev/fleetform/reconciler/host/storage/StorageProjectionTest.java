package dev.fleetform.reconciler.host.storage;

import dev.fleetform.changes.Action;
import dev.fleetform.changes.Address;
import dev.fleetform.changes.Differ;
import dev.fleetform.changes.Plan;
import dev.fleetform.changes.Resource;
import dev.fleetform.changes.ResourceChange;
import dev.fleetform.changes.ResourceKind;
import dev.fleetform.changes.ResourceSet;
import dev.fleetform.changes.Risk;
import dev.fleetform.reconciler.host.probe.ProbeReport;
import dev.fleetform.reconciler.host.probe.ProbeScript;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Storage as probed, on plan's addresses, and the risk the differ and RiskPolicy give what differs: never less than it is. */
class StorageProjectionTest {
    private static final String M = "fleetform-probe-0123456789abcdef01234567";
    private static final Address.OnHost H = Address.OnHost.of("h");
    private static final String A = "/dev/disk/by-id/ata-A", B = "/dev/disk/by-id/ata-B";

    private static String section(String name, int exit, String body) {
        return M + " begin " + name + "\n" + body + "\n" + M + " end " + exit + "\n";
    }

    private static ProbeReport probe(String... sections) {
        List<String> all = new ArrayList<>(List.of(sections));
        all.add(section("findmnt", 0, "{\"filesystems\": []}"));
        return ProbeReport.parse((String.join("", all) + M + " done\n").getBytes(StandardCharsets.UTF_8), M);
    }

    private static Map<String, Object> fields(Object... kv) {
        Map<String, Object> m = new TreeMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
        return m;
    }

    /** A host with disks d1 (A) and d2 (B), and {@code storage}. */
    private static Map<Address, Resource> desired(Resource... storage) {
        Map<Address, Resource> m = new LinkedHashMap<>();
        m.put(H, new Resource(H, ResourceKind.HOST, fields("disks", List.of(fields("name", "d1", "device", A), fields("name", "d2", "device", B)))));
        for (Resource r : storage) m.put(r.address(), r);
        return m;
    }

    private static Resource fs(String on, String type) {
        return new Resource(H.child("filesystem", "data"), ResourceKind.FILESYSTEM, fields("on", on, "type", type, "mkfsOptions", List.of(), "defrag", "never"));
    }

    private static Resource md0(int level) {
        return new Resource(H.child("raid", "md0"), ResourceKind.RAID,
                fields("level", level, "devices", List.of(A, B), "spares", List.of(), "chunkKiB", 512, "metadata", "1.2"));
    }

    private record Seen(List<Resource> live, List<String> warnings, Plan plan) {
        ResourceChange change(String address) {
            return plan.changes().stream().filter(c -> c.address().text().equals(address)).findFirst().orElseThrow(() -> new AssertionError(plan.changes()));
        }
    }

    private static Seen see(Map<Address, Resource> desired, ProbeReport probe) {
        StorageProjection p = new StorageProjection(desired, probe);
        List<Resource> live = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        for (Resource r : desired.values()) {
            if (r.kind() == ResourceKind.HOST) live.add(r);
            else p.project(r, live, warnings);
        }
        List<Resource> want = List.copyOf(desired.values());
        Plan plan = Differ.diff(ResourceSet.of(List.of(new ResourceSet.Part("host/h", null, () -> want))),
                ResourceSet.of(List.of(new ResourceSet.Part("host/h", null, () -> live))), Set.of());
        return new Seen(live, warnings, plan);
    }

    private static String dev(String path, String resolved, int exit, String wipefs) {
        return section(ProbeScript.deviceSection(path), exit, resolved + "\n" + wipefs);
    }

    @Test
    void theDevicesAndArraysTheProbeReads() {
        Map<Address, Resource> d = desired(md0(1), new Resource(H.child("filesystem", "data"), ResourceKind.FILESYSTEM, fields("on", "md0", "type", "xfs")));
        assertEquals(List.of("/dev/md/md0", A, B), StorageProjection.devices(d));
        assertEquals(List.of("md0"), StorageProjection.arrays(d));
        assertEquals(List.of(A), StorageProjection.devices(desired(fs("d1", "xfs"))));
    }

    @Test
    void aBlankDiskIsACreateAndTheSameFilesystemIsInSync() {
        Seen blank = see(desired(fs("d1", "xfs")), probe(dev(A, "/dev/sdb", 0, Recorded.WIPEFS_BLANK)));
        assertEquals(Action.CREATE, blank.change("host/h/filesystem/data").action());
        assertEquals(Risk.SAFE, blank.change("host/h/filesystem/data").risk());

        Seen same = see(desired(fs("d1", "ext4")), probe(dev(A, "/dev/sdb", 0, Recorded.WIPEFS_EXT4)));
        assertEquals(List.of(), same.plan().changes());
        assertEquals(List.of(), same.warnings());
    }

    @Test
    void anotherFilesystemOnTheDeviceIsADestructiveReplace() {
        Seen s = see(desired(fs("d1", "xfs")), probe(dev(A, "/dev/sdb", 0, Recorded.WIPEFS_EXT4)));
        ResourceChange c = s.change("host/h/filesystem/data");
        assertEquals(Action.REPLACE, c.action());
        assertEquals(Risk.DESTRUCTIVE, c.risk());
        assertEquals("ext4", c.before().get("type"));
        assertTrue(c.blocksApply());
    }

    @Test
    void aDeviceThatCannotBeReadIsNeverBlank() {
        Seen s = see(desired(fs("d1", "xfs")), probe(dev(A, "/dev/sdb", 1, Recorded.WIPEFS_DENIED)));
        ResourceChange c = s.change("host/h/filesystem/data");
        assertEquals(Risk.DESTRUCTIVE, c.risk(), "unknown contents are treated as data");
        String why = "cannot read the signatures of " + A + ": wipefs: error: /dev/loop0: probing initialization failed: Permission denied";
        assertEquals("unknown (" + why + ")", c.before().get("type"));
        assertEquals(List.of("host/h/filesystem/data: " + why), s.warnings());
    }

    @Test
    void aMissingDiskIsAWarningAndACreate() {
        Seen s = see(desired(fs("d1", "xfs")), probe(section(ProbeScript.deviceSection(A), ProbeScript.DEVICE_MISSING, "no such device: " + A)));
        assertEquals(Action.CREATE, s.change("host/h/filesystem/data").action());
        assertEquals(List.of("host/h/filesystem/data: no device " + A + " on the host"), s.warnings());
    }

    @Test
    void withoutMdTheArrayIsAbsentAndTheWarningSaysWhy() {
        Seen s = see(desired(md0(1)), probe(section("mdstat", 1, "no /proc/mdstat"),
                section(ProbeScript.arraySection("md0"), ProbeScript.MD_UNAVAILABLE, ProbeReport.Mdstat.UNSUPPORTED)));
        assertEquals(Action.CREATE, s.change("host/h/raid/md0").action());
        assertEquals(List.of("host/h/raid/md0: md not supported by this kernel (no /proc/mdstat)"), s.warnings());
    }

    /** md0 as the recorded Fedora mirror (members /dev/sda, /dev/sdb), its members as git names them. */
    private static ProbeReport mirror(String export) {
        return probe(section("mdstat", 0, Recorded.text("node-exporter-fixture.mdstat")),
                section(ProbeScript.arraySection("md0"), 0, export),
                dev("/dev/md/md0", "/dev/md127", 0, Recorded.WIPEFS_BLANK),
                dev(A, "/dev/sda", 0, "{\"signatures\": [{\"type\": \"linux_raid_member\", \"offset\": \"0x1000\"}]}"),
                dev(B, "/dev/sdb", 0, "{\"signatures\": [{\"type\": \"linux_raid_member\", \"offset\": \"0x1000\"}]}"));
    }

    @Test
    void aRecordedMirrorMatchesGitsArrayByItsMembersResolved() {
        Seen s = see(desired(md0(1)), mirror(Recorded.text("fedora-imsm-raid1.export")));
        assertEquals(List.of(), s.plan().changes(), "same level and members; metadata and chunk as git (mdadm names none for an imsm mirror)");
    }

    @Test
    void aLevelChangeIsADestructiveReplace() {
        Seen s = see(desired(md0(5)), mirror(Recorded.text("fedora-imsm-raid1.export")));
        ResourceChange c = s.change("host/h/raid/md0");
        assertEquals(Action.REPLACE, c.action());
        assertEquals(Risk.DESTRUCTIVE, c.risk());
        assertEquals(1, c.before().get("level"));
        assertTrue(c.reason().startsWith("RAID level 1→5 re-creates md0"), c.reason());
    }

    @Test
    void anInactiveArrayIsNotTakenForGitsOne() {
        Seen s = see(desired(md0(5)), mirror(Recorded.text("opensuse-inactive-raid5.export")));
        ResourceChange c = s.change("host/h/raid/md0");
        assertEquals(Risk.DESTRUCTIVE, c.risk());
        assertEquals("unknown (inactive: mdadm names no level)", c.before().get("level"));
        assertTrue(s.warnings().contains("host/h/raid/md0: the array is inactive: mdadm names no level"), s.warnings()::toString);
    }

    /** The recorded Fedora mirror as a metadata 1.2 array of its own (not in an imsm container), named h:md0. */
    private static String own(String export) {
        return export.replace("MD_CONTAINER=/dev/md/imsm\nMD_MEMBER=0\n", "MD_METADATA=1.2\nMD_NAME=h:md0\n");
    }

    private static final String LINE = "ARRAY /dev/md/md0 metadata=1.2 name=h:md0 UUID=8e3f51e6:d136a0b1:247281c2:ae7f0456";

    @Test
    void anArrayWithoutItsArrayLineInMdadmConfIsASafeUpdate() {
        Seen s = see(desired(md0(1)), mirror(own(Recorded.text("fedora-imsm-raid1.export"))));
        ResourceChange c = s.change("host/h/raid/md0");
        assertEquals(Action.UPDATE, c.action());
        assertEquals(Risk.SAFE, c.risk());
        assertEquals("no ARRAY line for UUID=8e3f51e6:d136a0b1:247281c2:ae7f0456 in /etc/mdadm/mdadm.conf", c.before().get("mdadmConf"));
        assertEquals("writes the ARRAY line of md0 to mdadm.conf on h (no ARRAY line for UUID=8e3f51e6:d136a0b1:247281c2:ae7f0456 in /etc/mdadm/mdadm.conf)", c.reason());

        ProbeReport withLine = probe(section("mdstat", 0, Recorded.text("node-exporter-fixture.mdstat")),
                section(ProbeScript.arraySection("md0"), 0, own(Recorded.text("fedora-imsm-raid1.export"))),
                section("file:/etc/mdadm/mdadm.conf", 0, "MAILADDR root\n" + LINE + "\n"),
                dev("/dev/md/md0", "/dev/md127", 0, Recorded.WIPEFS_BLANK),
                dev(A, "/dev/sda", 0, Recorded.WIPEFS_BLANK), dev(B, "/dev/sdb", 0, Recorded.WIPEFS_BLANK));
        assertEquals(List.of(), see(desired(md0(1)), withLine).plan().changes(), "its line is there: in sync");

        ProbeReport rhel = probe(section("mdstat", 0, Recorded.text("node-exporter-fixture.mdstat")),
                section(ProbeScript.arraySection("md0"), 0, own(Recorded.text("fedora-imsm-raid1.export"))),
                section("file:/etc/mdadm.conf", 0, LINE.replace("metadata=1.2 ", "metadata=1.2 spares=1 ") + "\n"),
                dev("/dev/md/md0", "/dev/md127", 0, Recorded.WIPEFS_BLANK));
        assertEquals("/etc/mdadm.conf has: " + LINE.replace("metadata=1.2 ", "metadata=1.2 spares=1 "),
                see(desired(md0(1)), rhel).change("host/h/raid/md0").before().get("mdadmConf"), "RHEL's file where only it exists");
    }

    @Test
    void aSpareGitAddsIsASafeUpdate() {
        Resource withSpare = new Resource(H.child("raid", "md0"), ResourceKind.RAID,
                fields("level", 1, "devices", List.of(A, B), "spares", List.of("/dev/disk/by-id/ata-C"), "chunkKiB", 512, "metadata", "1.2"));
        Seen s = see(desired(withSpare), mirror(own(Recorded.text("fedora-imsm-raid1.export"))));
        ResourceChange c = s.change("host/h/raid/md0");
        assertEquals(Action.UPDATE, c.action());
        assertEquals(Risk.SAFE, c.risk());
        assertEquals(List.of(), c.before().get("spares"));
    }

    @Test
    void aDegradedMirrorIsAWarningNotARecreate() {
        Seen s = see(desired(md0(1)), mirror("MD_LEVEL=raid1\nMD_DEVICES=2\nMD_METADATA=1.2\nMD_DEVICE_dev_sda_ROLE=0\nMD_DEVICE_dev_sda_DEV=/dev/sda\n"));
        assertEquals(List.of(), s.plan().changes());
        assertEquals(List.of("host/h/raid/md0: the array is degraded (1 of 2 active): replace the failed disk with mdadm --add"), s.warnings());
    }

    @Test
    void aMountShowsWhatItLacks() {
        Resource mount = new Resource(H.child("mount", "data"), ResourceKind.MOUNT, fields("mountpoint", "/srv/data", "mountOptions", List.of("noatime")));
        String uuid = "f9999a4e-5aa3-4a98-b4df-f3d2bf1bd58a";
        String mounted = "{\"filesystems\": [{\"target\": \"/\", \"source\": \"/dev/vda\", \"fstype\": \"ext4\", \"options\": \"rw\", \"children\": ["
                + "{\"target\": \"/srv/data\", \"source\": \"/dev/sdb\", \"fstype\": \"ext4\", \"options\": \"rw,noatime\"}]}]}";
        ProbeReport ok = ProbeReport.parse((section(ProbeScript.deviceSection(A), 0, "/dev/sdb\n" + Recorded.WIPEFS_EXT4)
                + section("findmnt", 0, mounted) + section("file:/etc/fstab", 0, "# x\nUUID=" + uuid + " /srv/data ext4 noatime 0 2\n")
                + M + " done\n").getBytes(StandardCharsets.UTF_8), M);
        assertEquals(List.of(), see(desired(fs("d1", "ext4"), mount), ok).plan().changes());

        ProbeReport byPath = ProbeReport.parse((section(ProbeScript.deviceSection(A), 0, "/dev/sdb\n" + Recorded.WIPEFS_EXT4)
                + section("findmnt", 0, "{\"filesystems\": []}") + section("file:/etc/fstab", 0, "/dev/sdb /srv/data ext4 defaults 0 2\n")
                + M + " done\n").getBytes(StandardCharsets.UTF_8), M);
        ResourceChange c = see(desired(fs("d1", "ext4"), mount), byPath).change("host/h/mount/data");
        assertEquals(Action.UPDATE, c.action());
        assertEquals(fields("fstab", "/dev/sdb (not UUID=" + uuid + ")", "mounted", "no", "mountOptions", List.of(), "mountpoint", "/srv/data"), c.before());
    }

    @Test
    void theProbeRunForRealReadsADeviceAndSaysMdIsMissingPlainly() throws Exception {
        String hostile = "/dev/no-such'; touch /tmp/ff-probe-pwned; '$(id)";
        java.nio.file.Path pwned = java.nio.file.Path.of("/tmp/ff-probe-pwned");
        java.nio.file.Files.deleteIfExists(pwned);
        ProbeScript script = ProbeScript.of(List.of(), List.of(), List.of(hostile, "/dev/null"), List.of("md0"));
        Process p = new ProcessBuilder("sh", "-c", script.script()).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        p.waitFor();
        ProbeReport r = ProbeReport.parse(out, script.marker());
        assertTrue(java.nio.file.Files.notExists(pwned), "nothing in a device path is run");
        DeviceState missing = DeviceState.of(hostile, r);
        assertEquals(false, missing.exists());
        assertEquals(null, missing.error());
        DeviceState nul = DeviceState.of("/dev/null", r);
        assertEquals("/dev/null", nul.resolved());
        assertTrue(nul.blank() || nul.error() != null, nul::toString);
        if (!java.nio.file.Files.exists(java.nio.file.Path.of("/proc/mdstat"))) {
            assertEquals(ProbeReport.Mdstat.UNSUPPORTED, r.section(ProbeScript.arraySection("md0")).orElseThrow().text().strip());
        }
    }
}
