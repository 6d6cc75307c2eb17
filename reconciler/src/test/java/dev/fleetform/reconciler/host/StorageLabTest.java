package dev.fleetform.reconciler.host;

import dev.fleetform.changes.Action;
import dev.fleetform.changes.ResourceChange;
import dev.fleetform.changes.Risk;
import dev.fleetform.compiler.Validation;
import dev.fleetform.reconciler.api.Fleetform;
import dev.fleetform.reconciler.engine.ApplyReport;
import dev.fleetform.reconciler.engine.Drift;
import dev.fleetform.reconciler.engine.Engine;
import dev.fleetform.reconciler.engine.Outcome;
import dev.fleetform.reconciler.engine.Selection;
import dev.fleetform.reconciler.host.lab.Lab;
import dev.fleetform.reconciler.host.lab.LabExtension;
import dev.fleetform.reconciler.host.lab.LabRuns;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Storage through the engine on the lab's loop disks: mkfs on blank disks only, mounts by UUID in fstab, drift corrected, data kept. */
@ExtendWith(LabExtension.class)
class StorageLabTest {
    private static final String FSTAB = "# UNCONFIGURED FSTAB FOR BASE SYSTEM\n# a line of another tool, kept byte for byte:\ntmpfs\t/mnt/scratch  tmpfs  size=1m 0 0\n";

    @TempDir
    Path repo;
    private Lab lab;

    /** Fresh hosts: nothing mounted on /srv/data, the lab's fstab, both disks blank (lab devices only). */
    @BeforeEach
    void freshHosts(Lab lab) {
        this.lab = lab;
        for (int i = 1; i <= LabExtension.HOSTS; i++) {
            StringBuilder s = new StringBuilder("umount -q /srv/data /mnt/x 2>/dev/null; rm -rf /srv/data /etc/fleetform; " + Lab.NO_BASELINE_FILES + "; printf '%s' '" + FSTAB + "' >/etc/fstab; "
                    + "rm -f /etc/systemd/system/fleetform-defrag-*; ");
            for (String d : lab.host(i).disks()) s.append("wipefs -q -a ").append(lab.requireLabDevice(d)).append("; ");
            in(i, s.toString());
        }
    }

    private String in(int i, String script) {
        return lab.onHost(lab.host(i), script);
    }

    /** Host i with its first lab disk as d1 and a filesystem {@code data} of {@code type} on it at /srv/data. */
    private String host(int i, String type, String extra) {
        Lab.Host h = lab.host(i);
        String d1 = lab.requireLabDevice(h.disks().get(0));
        return "  - name: " + h.name() + "\n    address: " + h.address() + "\n"
                + "    hardware:\n      cpu: { cores: 2 }\n      memoryGiB: 16\n"
                + "      disks: [ { name: d1, device: " + d1 + ", sizeGiB: 1, media: ssd } ]\n"
                + "    storage:\n      filesystems:\n"
                + "        - { name: data, on: d1, type: " + type + ", mountpoint: /srv/data, mountOptions: [noatime]" + extra + " }\n";
    }

    private Engine engine(String hosts) throws IOException {
        return engine("root", hosts);
    }

    private Engine engine(String user, String hosts) throws IOException {
        Validation v = LabRuns.fleet(lab, repo, """
                apiVersion: fleetform.dev/v1
                kind: Fleet
                metadata: { name: lab, owners: [lab@example.com] }
                defaults:
                  ssh: { user: %s, identityFile: %s, knownHosts: known_hosts }
                hosts:
                """.formatted(user, lab.identityFile()) + hosts);
        return LabRuns.hostEngine(v, repo);
    }

    /** The storage changes (a VM another run left defined on the libvirt host is not this test's). */
    private static List<String> changes(Drift d) {
        return d.plan().changes().stream().filter(c -> c.kind().area() == dev.fleetform.changes.ResourceKind.Area.STORAGE).map(c -> c.action().jsonName() + " " + c.address().text() + " " + c.risk().name().toLowerCase()).sorted().toList();
    }

    private static ResourceChange change(Drift d, String address) {
        return d.plan().changes().stream().filter(c -> c.address().text().equals(address)).findFirst().orElseThrow(() -> new AssertionError(changes(d)));
    }

    private static Outcome outcome(ApplyReport r, String address) {
        return r.outcomes().stream().filter(o -> o.change().address().text().equals(address)).findFirst().orElseThrow(() -> new AssertionError(r.outcomes()));
    }

    @Test
    void aBlankDiskIsFormattedXfsWithItsOptionsAndMountedByUuidThenNothingMoreHappens() throws IOException {
        Engine e = engine(host(1, "xfs", ", mkfsOptions: [-L, ffdata]"));
        Drift d = e.drift(Selection.everything());
        assertTrue(d.errors().isEmpty(), () -> d.errors().toString());
        assertEquals(List.of("create host/lab-01/filesystem/data safe", "create host/lab-01/mount/data safe"), changes(d));

        ApplyReport r = e.apply(d, null);
        assertFalse(r.failed(), () -> r.outcomes().toString());
        assertEquals(2, r.runs().getFirst().count(Outcome.Applied.class), () -> r.outcomes().toString());

        String dev = lab.host(1).disks().get(0);
        String uuid = in(1, "blkid -p -s UUID -o value " + dev).strip();
        assertEquals("xfs ffdata\n", in(1, "blkid -p -s TYPE -o value " + dev + " | tr '\\n' ' ' | sed 's/ $//'; echo -n ' '; blkid -p -s LABEL -o value " + dev));
        assertEquals(dev + " xfs\n", in(1, "findmnt -rn -o SOURCE,FSTYPE --mountpoint /srv/data"));
        assertTrue(in(1, "findmnt -rn -o OPTIONS --mountpoint /srv/data").contains("noatime"));
        assertEquals(FSTAB + "UUID=" + uuid + " /srv/data xfs noatime 0 0\n", in(1, "cat /etc/fstab"), "the other lines are kept byte for byte");

        String inode = in(1, "stat -c %i /etc/fstab");
        Drift again = e.drift(Selection.everything());
        assertTrue(again.inSync(), () -> changes(again).toString());
        assertTrue(again.plan().warnings().isEmpty(), () -> again.plan().warnings().toString());
        assertTrue(e.apply(again, null).outcomes().isEmpty());
        assertEquals(inode, in(1, "stat -c %i /etc/fstab"), "fstab is not rewritten when in sync");
        assertEquals(uuid, in(1, "blkid -p -s UUID -o value " + dev).strip(), "no second mkfs");
    }

    /** Host i as {@link #host} makes it, with its disk still declared but no filesystem: the filesystem left git. */
    private String hostWithoutStorage(int i) {
        Lab.Host h = lab.host(i);
        return "  - name: " + h.name() + "\n    address: " + h.address() + "\n"
                + "    hardware:\n      cpu: { cores: 2 }\n      memoryGiB: 16\n"
                + "      disks: [ { name: d1, device: " + lab.requireLabDevice(h.disks().get(0)) + ", sizeGiB: 1, media: ssd } ]\n";
    }

    @Test
    void aFilesystemRemovedFromGitIsUnmountedAndLosesItsFstabLineWhileItsDataStays() throws IOException {
        Engine e = engine(host(1, "xfs", ""));
        assertFalse(e.apply(e.drift(Selection.everything()), null).failed());
        String dev = lab.host(1).disks().get(0);
        String uuid = in(1, "blkid -p -s UUID -o value " + dev).strip();
        in(1, "echo keep >/srv/data/file");
        assertTrue(in(1, "cat /etc/fleetform/mounts").endsWith("data\t/srv/data\n"), "Fleetform records the mount it made");

        Engine removed = engine(hostWithoutStorage(1));
        Drift d = removed.drift(Selection.everything());
        assertEquals(List.of("delete host/lab-01/mount/data disruptive"), changes(d), "the filesystem itself is not removed: only its mount");
        assertEquals("unmounts /srv/data on lab-01 and removes its fstab line; the filesystem and its data stay", change(d, "host/lab-01/mount/data").reason());

        ApplyReport r = removed.apply(d, null);
        assertFalse(r.failed(), () -> r.outcomes().toString());
        Outcome o = outcome(r, "host/lab-01/mount/data");
        assertTrue(o instanceof Outcome.Applied a && a.note().contains("its data stay on the device"), o::toString);
        assertEquals("", in(1, "findmnt -rn --mountpoint /srv/data || true"));
        assertEquals(FSTAB, in(1, "cat /etc/fstab"), "only its line is gone, the others are byte for byte");
        assertFalse(in(1, "cat /etc/fleetform/mounts").contains("/srv/data"));
        // never wiped: the same filesystem, its file still there
        assertEquals(uuid, in(1, "blkid -p -s UUID -o value " + dev).strip());
        assertEquals("keep\n", in(1, "mkdir -p /mnt/x && mount " + dev + " /mnt/x && cat /mnt/x/file; umount /mnt/x"));
        Drift again = removed.drift(Selection.everything());
        assertTrue(again.inSync(), () -> changes(again).toString());
    }

    @Test
    void aRemovedFilesystemThatIsBusyIsRefusedAndLeftMountedAndInFstab() throws IOException {
        Engine e = engine(host(1, "xfs", ""));
        assertFalse(e.apply(e.drift(Selection.everything()), null).failed());
        String fstab = in(1, "cat /etc/fstab");
        // something works in /srv/data (its pid kept in the host's own /root to end it, and only it)
        in(1, "(cd /srv/data && exec sleep 120) >/dev/null 2>&1 </dev/null & echo $! >/root/busy.pid");
        try {
            Engine removed = engine(hostWithoutStorage(1));
            ApplyReport r = removed.apply(removed.drift(Selection.everything()), null);
            Outcome o = outcome(r, "host/lab-01/mount/data");
            assertTrue(o instanceof Outcome.Refused f && f.why().startsWith("umount /srv/data on lab-01: ") && f.why().contains("busy")
                    && f.why().endsWith("; left mounted and in fstab (stop what uses it, then apply again)"), o::toString);
            assertEquals(fstab, in(1, "cat /etc/fstab"));
            assertFalse(in(1, "findmnt -rn --mountpoint /srv/data").isBlank());
        } finally {
            in(1, "kill $(cat /root/busy.pid); rm -f /root/busy.pid; sleep 0.2");
        }
    }

    @Test
    void aRemovedMountAndADeletedFstabLineAreDriftAndAreCorrected() throws IOException {
        Engine e = engine(host(1, "xfs", ""));
        assertFalse(e.apply(e.drift(Selection.everything()), null).failed());
        String dev = lab.host(1).disks().get(0);
        String uuid = in(1, "blkid -p -s UUID -o value " + dev).strip();
        in(1, "echo keep >/srv/data/file && umount /srv/data && sed -i '/srv\\/data/d' /etc/fstab");

        Drift d = e.drift(Selection.everything());
        assertEquals(List.of("create host/lab-01/mount/data safe"), changes(d), "neither mounted nor in fstab: the mount is not there");
        ApplyReport r = e.apply(d, null);
        assertFalse(r.failed(), () -> r.outcomes().toString());
        assertEquals(dev + "\n", in(1, "findmnt -rn -o SOURCE --mountpoint /srv/data"));
        assertEquals("keep\n", in(1, "cat /srv/data/file"), "the same filesystem, its data kept");
        assertEquals(FSTAB + "UUID=" + uuid + " /srv/data xfs noatime 0 0\n", in(1, "cat /etc/fstab"));
        assertTrue(e.drift(Selection.everything()).inSync());

        // only the fstab line gone: written again, the mount left as it is
        in(1, "sed -i '/srv\\/data/d' /etc/fstab");
        Drift line = e.drift(Selection.everything());
        assertEquals(List.of("update host/lab-01/mount/data disruptive"), changes(line));
        assertEquals("no line for /srv/data in /etc/fstab", change(line, "host/lab-01/mount/data").before().get("fstab"));
        assertFalse(change(line, "host/lab-01/mount/data").before().containsKey("mounted"));
        assertFalse(e.apply(line, null).failed());
        assertEquals(FSTAB + "UUID=" + uuid + " /srv/data xfs noatime 0 0\n", in(1, "cat /etc/fstab"));
        assertTrue(e.drift(Selection.everything()).inSync());

        // only the mount gone: mounted again from fstab, fstab untouched
        in(1, "umount /srv/data");
        Drift only = e.drift(Selection.everything());
        assertEquals(List.of("update host/lab-01/mount/data disruptive"), changes(only));
        assertEquals("no", change(only, "host/lab-01/mount/data").before().get("mounted"));
        assertFalse(change(only, "host/lab-01/mount/data").before().containsKey("fstab"));
        assertFalse(e.apply(only, null).failed());
        assertTrue(e.drift(Selection.everything()).inSync());
    }

    @Test
    void aDiskThatCarriesAFilesystemIsReportedDestructiveAndKeepsItsSignature() throws IOException {
        String dev = lab.requireLabDevice(lab.host(2).disks().get(0));
        in(2, "mkfs.ext4 -q -F " + dev);
        String uuid = in(2, "blkid -p -s UUID -o value " + dev).strip();
        Engine e = engine(host(2, "xfs", ""));
        Drift d = e.drift(Selection.everything());
        ResourceChange fs = change(d, "host/lab-02/filesystem/data");
        assertEquals(Action.REPLACE, fs.action());
        assertEquals(Risk.DESTRUCTIVE, fs.risk());
        assertEquals("ext4", fs.before().get("type"));
        assertTrue(fs.reason().contains("all data on data is lost"), fs.reason());

        ApplyReport r = e.apply(d, null);
        assertTrue(outcome(r, "host/lab-02/filesystem/data") instanceof Outcome.Blocked, () -> r.outcomes().toString());
        Outcome mount = outcome(r, "host/lab-02/mount/data");
        assertTrue(mount instanceof Outcome.Failed f && f.reason().contains("carries ext4, not xfs"), mount::toString);
        assertEquals("ext4 " + uuid + "\n", in(2, "echo $(blkid -p -s TYPE -o value " + dev + ") $(blkid -p -s UUID -o value " + dev + ")"));
        assertEquals(FSTAB, in(2, "cat /etc/fstab"), "no fstab line for a filesystem that is not there");
    }

    @Test
    void aSignatureThatAppearsAfterThePlanIsRefusedByTheCheckBeforeMkfs() throws IOException {
        String dev = lab.requireLabDevice(lab.host(3).disks().get(0));
        Engine e = engine(host(3, "xfs", ""));
        Drift d = e.drift(Selection.everything());
        assertEquals(Risk.SAFE, change(d, "host/lab-03/filesystem/data").risk(), "blank when the plan was made");
        in(3, "mkfs.ext4 -q -F " + dev);
        String uuid = in(3, "blkid -p -s UUID -o value " + dev).strip();

        ApplyReport r = e.apply(d, null);
        Outcome fs = outcome(r, "host/lab-03/filesystem/data");
        assertTrue(fs instanceof Outcome.Refused f && f.why().equals(dev + " carries a signature (ext4): refused, mkfs and mdadm --create run only on a device with none"),
                fs::toString);
        assertEquals(uuid, in(3, "blkid -p -s UUID -o value " + dev).strip(), "the filesystem made by hand is still there");
    }

    @Test
    void anApprovedReformatIsRefusedWhileMountedAndDoneOnceNot() throws IOException {
        String dev = lab.requireLabDevice(lab.host(2).disks().get(0));
        in(2, "mkfs.ext4 -q -F " + dev + " && mkdir -p /mnt/x && mount " + dev + " /mnt/x");
        Engine e = engine(host(2, "xfs", ""));
        Selection approved = new Selection(List.of(), Set.of("host/lab-02/filesystem/data"));
        Drift d = e.drift(approved);
        assertTrue(change(d, "host/lab-02/filesystem/data").approved());
        Outcome fs = outcome(e.apply(d, null), "host/lab-02/filesystem/data");
        assertTrue(fs instanceof Outcome.Refused f && f.why().startsWith(dev + " is mounted (/mnt/x"), fs::toString);
        assertEquals("ext4\n", in(2, "blkid -p -s TYPE -o value " + dev));

        in(2, "umount /mnt/x");
        ApplyReport r = e.apply(e.drift(approved), null);
        assertFalse(r.failed(), () -> r.outcomes().toString());
        assertEquals("xfs\n", in(2, "blkid -p -s TYPE -o value " + dev));
        assertTrue(e.drift(Selection.everything()).inSync());
    }

    @Test
    void anArrayOnAKernelWithoutMdSaysSoInDriftAndInApply() throws IOException {
        Lab.Host h = lab.host(3);
        String d1 = lab.requireLabDevice(h.disks().get(0)), d2 = lab.requireLabDevice(h.disks().get(1));
        Engine e = engine("  - name: " + h.name() + "\n    address: " + h.address() + "\n"
                + "    hardware:\n      cpu: { cores: 2 }\n      memoryGiB: 16\n"
                + "      disks: [ { name: d1, device: " + d1 + ", sizeGiB: 1, media: ssd }, { name: d2, device: " + d2 + ", sizeGiB: 1, media: ssd } ]\n"
                + "    storage:\n      raid: [ { name: md0, level: 1, devices: [d1, d2] } ]\n"
                + "      filesystems: [ { name: data, on: md0, type: xfs, mountpoint: /srv/data } ]\n");
        Drift d = e.drift(Selection.everything());
        assertTrue(d.errors().isEmpty(), () -> d.errors().toString());
        assertTrue(d.plan().warnings().contains("host/lab-03/raid/md0: md not supported by this kernel (no /proc/mdstat)"),
                () -> d.plan().warnings().toString());
        assertEquals(List.of("create host/lab-03/filesystem/data safe", "create host/lab-03/mount/data safe", "create host/lab-03/raid/md0 safe"), changes(d));

        ApplyReport r = e.apply(d, null);
        Outcome md = outcome(r, "host/lab-03/raid/md0");
        assertTrue(md instanceof Outcome.Failed f && f.reason().equals("cannot create md0: md not supported by this kernel (no /proc/mdstat)"), md::toString);
        Outcome fs = outcome(r, "host/lab-03/filesystem/data");
        assertTrue(fs instanceof Outcome.Failed f && f.reason().equals("/dev/md/md0: no such block device"), fs::toString);
        assertTrue(outcome(r, "host/lab-03/mount/data") instanceof Outcome.Failed, () -> r.outcomes().toString());
        assertEquals("", in(3, "wipefs --noheadings " + d1 + " " + d2), "the member disks are untouched");
        assertEquals(FSTAB, in(3, "cat /etc/fstab"));
    }

    @Test
    void aLoginUserReadsDevicesThroughSudoAndOneWhoCannotNeverSeesThemBlank() throws IOException {
        assertTrue(Files.isExecutable(Path.of("/usr/bin/sudo")), "sudo is missing: .ci/run installs it (apt-get install sudo)");
        String dev2 = lab.requireLabDevice(lab.host(2).disks().get(0));
        in(2, "mkfs.ext4 -q -F " + dev2);
        in(2, LabRuns.addOps("ops ALL=(ALL) NOPASSWD: ALL"));
        in(3, LabRuns.addOps("ops ALL=(ALL) ALL"));
        try {
            Drift d = engine("ops", host(2, "ext4", "") + host(3, "xfs", "")).drift(Selection.everything());
            assertTrue(d.errors().isEmpty(), () -> d.errors().toString());
            assertFalse(d.plan().changes().stream().anyMatch(c -> c.address().text().equals("host/lab-02/filesystem/data")),
                    () -> changes(d).toString() + " (lab-02's ext4, read through sudo -n, is git's)");
            ResourceChange blind = change(d, "host/lab-03/filesystem/data");
            assertEquals(Risk.DESTRUCTIVE, blind.risk(), "a blank disk that cannot be read is not taken for blank");
            assertTrue(String.valueOf(blind.before().get("type")).contains("sudo"), blind.before()::toString);
            assertTrue(d.plan().warnings().stream().anyMatch(w -> w.startsWith("host/lab-03/filesystem/data: cannot read the signatures of ")),
                    () -> d.plan().warnings().toString());
        } finally {
            for (int i : new int[] {2, 3}) lab.inHost(lab.host(i), LabRuns.REMOVE_OPS);
        }
    }

    @Test
    void anotherDeviceMountedAtTheMountpointIsReportedAndRefusedAndFstabIsLeftAlone() throws IOException {
        String other = lab.requireLabDevice(lab.host(1).disks().get(1));
        in(1, "mkfs.ext4 -q -F " + other + " && mkdir -p /srv/data && mount " + other + " /srv/data");
        Engine e = engine(host(1, "xfs", ""));
        Drift d = e.drift(Selection.everything());
        ResourceChange m = change(d, "host/lab-01/mount/data");
        assertEquals("from " + other + ", not " + lab.host(1).disks().get(0), m.before().get("mounted"));
        ApplyReport r = e.apply(d, null);
        assertTrue(outcome(r, "host/lab-01/filesystem/data") instanceof Outcome.Applied, () -> r.outcomes().toString());
        Outcome mount = outcome(r, "host/lab-01/mount/data");
        assertTrue(mount instanceof Outcome.Refused f && f.why().equals("/srv/data has " + other + " mounted, not " + lab.host(1).disks().get(0) + ": refused"),
                mount::toString);
        assertEquals(other + "\n", in(1, "findmnt -rn -o SOURCE --mountpoint /srv/data"));
        assertEquals(FSTAB, in(1, "cat /etc/fstab"));
    }


    @Test
    void aDefragTimerIsWrittenAndWherePid1IsNotSystemdTheOutcomeSaysItIsNotEnabled() throws IOException {
        Engine e = engine(host(2, "xfs", ", defrag: weekly"));
        Drift d = e.drift(Selection.everything());
        assertEquals(List.of("create host/lab-02/filesystem/data safe", "create host/lab-02/mount/data safe"), changes(d));
        ApplyReport r = e.apply(d, null);
        assertFalse(r.failed(), () -> r.outcomes().toString());
        Outcome fs = outcome(r, "host/lab-02/filesystem/data");
        assertTrue(fs instanceof Outcome.Applied a && a.note().equals("defrag timer /etc/systemd/system/fleetform-defrag-data.timer written but not enabled: "
                + "PID 1 is not systemd on lab-02 (enable it with systemctl enable --now fleetform-defrag-data.timer once it is)"), fs::toString);
        String timer = in(2, "cat /etc/systemd/system/fleetform-defrag-data.timer");
        assertTrue(timer.contains("\nOnCalendar=weekly\n") && timer.contains("WantedBy=timers.target"), timer);
        String service = in(2, "cat /etc/systemd/system/fleetform-defrag-data.service");
        assertTrue(service.contains("ExecStart=\"xfs_fsr\" \"-t\" \"7200\" \"/srv/data\"\n") && service.contains("RequiresMountsFor=\"/srv/data\""), service);
        assertEquals("root:root 644\n", in(2, "stat -c '%U:%G %a' /etc/systemd/system/fleetform-defrag-data.timer"));
        assertTrue(e.drift(Selection.everything()).inSync(), "written is in sync where there is no systemd to enable it");

        // edited by hand: drift, written again; daily: rewritten; never: removed
        in(2, "sed -i 's/OnCalendar=weekly/OnCalendar=hourly/' /etc/systemd/system/fleetform-defrag-data.timer");
        Drift edited = e.drift(Selection.everything());
        assertEquals(List.of("update host/lab-02/filesystem/data safe"), changes(edited));
        assertTrue(String.valueOf(change(edited, "host/lab-02/filesystem/data").before().get("defrag")).startsWith("edited by hand"));
        assertFalse(e.apply(edited, null).failed());
        assertTrue(in(2, "cat /etc/systemd/system/fleetform-defrag-data.timer").contains("OnCalendar=weekly"));

        Engine daily = engine(host(2, "xfs", ", defrag: daily"));
        Drift dd = daily.drift(Selection.everything());
        assertEquals("weekly", change(dd, "host/lab-02/filesystem/data").before().get("defrag"));
        assertFalse(daily.apply(dd, null).failed());
        assertTrue(in(2, "cat /etc/systemd/system/fleetform-defrag-data.timer").contains("OnCalendar=daily"));
        assertTrue(daily.drift(Selection.everything()).inSync());

        Engine never = engine(host(2, "xfs", ""));
        Drift dn = never.drift(Selection.everything());
        assertEquals(List.of("update host/lab-02/filesystem/data safe"), changes(dn));
        assertFalse(never.apply(dn, null).failed());
        assertEquals("", in(2, "ls /etc/systemd/system/ | grep fleetform-defrag || true"));
        assertTrue(never.drift(Selection.everything()).inSync());
        assertTrue(in(2, "findmnt -rn -o SOURCE --mountpoint /srv/data").startsWith("/dev/loop"), "the filesystem stays");
    }
}
