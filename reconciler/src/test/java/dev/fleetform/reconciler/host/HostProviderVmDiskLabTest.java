package dev.fleetform.reconciler.host;

import dev.fleetform.changes.Action;
import dev.fleetform.changes.ResourceChange;
import dev.fleetform.changes.Risk;
import dev.fleetform.compiler.Validation;
import dev.fleetform.compiler.emit.EmitContext;
import dev.fleetform.compiler.emit.Templates;
import dev.fleetform.compiler.load.FileSystemSource;
import dev.fleetform.reconciler.engine.ApplyReport;
import dev.fleetform.reconciler.engine.Drift;
import dev.fleetform.reconciler.engine.Engine;
import dev.fleetform.reconciler.engine.Outcome;
import dev.fleetform.reconciler.engine.Selection;
import dev.fleetform.reconciler.host.lab.Lab;
import dev.fleetform.reconciler.host.lab.LabExtension;
import dev.fleetform.reconciler.host.lab.LabRuns;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A VM's disk volume on the lab's libvirt host: an XFS filesystem on a lab loop disk mounted at
 * /srv/vmstore, a qcow2 volume made there by apply (real qemu-img), grown with the VM shut down,
 * shrunk only approved; an existing volume is never overwritten.
 */
@ExtendWith(LabExtension.class)
class HostProviderVmDiskLabTest {
    private static final String VM = "lab-01-vmd";
    private static final String VOLUME = "/srv/vmstore/" + VM + "-0.qcow2";
    private static final String DISK = "host/lab-01/vm/" + VM + "/disk/0";

    @TempDir
    Path repo;
    private Lab lab;
    private String fstab;

    @BeforeEach
    void blankDisk(Lab lab) {
        this.lab = lab;
        fstab = in("cat /etc/fstab");
        clean();
    }

    @AfterEach
    void clean() {
        in("virsh destroy " + VM + " >/dev/null 2>&1; virsh undefine " + VM + " >/dev/null 2>&1; umount -q /srv/vmstore 2>/dev/null; rm -rf /srv/vmstore; "
                + "wipefs -q -a " + lab.requireLabDevice(lab.host(Lab.LIBVIRT_HOST).disks().get(0)) + "; " + Lab.NO_BASELINE_FILES + "; true");
        Lab.Result r = lab.inHost(lab.host(Lab.LIBVIRT_HOST), "cat >/etc/fstab <<'EOF'\n" + fstab + "EOF\n");
        assertEquals(0, r.exit(), r.out());
    }

    private String in(String script) {
        return lab.onHost(lab.host(Lab.LIBVIRT_HOST), script);
    }

    private Engine engine(int sizeGiB) throws IOException {
        Lab.Host h = lab.host(Lab.LIBVIRT_HOST);
        String d1 = lab.requireLabDevice(h.disks().get(0));
        Validation v = LabRuns.fleet(lab, repo, """
                apiVersion: fleetform.dev/v1
                kind: Fleet
                metadata: { name: lab, owners: [lab@example.com] }
                defaults:
                  ssh: { user: root, identityFile: %s, knownHosts: known_hosts }
                hosts:
                  - name: %s
                    address: %s
                    hardware:
                      cpu: { cores: 2 }
                      memoryGiB: 16
                      # declared larger than the 1 GiB loop file: qcow2 volumes are sparse, 2 GiB of virtual size fit
                      disks: [ { name: d1, device: %s, sizeGiB: 4, media: ssd } ]
                    storage:
                      filesystems: [ { name: vmstore, on: d1, type: xfs, mountpoint: /srv/vmstore } ]
                    vms:
                      - { name: %s, vcpus: 1, memoryGiB: 1, autostart: true, disks: [ { filesystem: vmstore, sizeGiB: %d } ] }
                """.formatted(lab.identityFile(), h.name(), h.address(), d1, VM, sizeGiB));
        HostProvider p = new HostProvider(v, new EmitContext(Templates.withOverrides(lab.templates())), new FileSystemSource(repo), LabRuns.SSH)
                .withVmShutdownTimeout(Duration.ofSeconds(20));
        return LabRuns.engine(p);
    }

    private static List<String> changes(Drift d) {
        return d.plan().changes().stream().map(c -> c.action().jsonName() + " " + c.address().text() + " " + c.risk().name().toLowerCase()).sorted().toList();
    }

    private static ResourceChange change(Drift d, String address) {
        return d.plan().changes().stream().filter(c -> c.address().text().equals(address)).findFirst().orElseThrow(() -> new AssertionError(changes(d)));
    }

    private long virtualSize() {
        String json = in("qemu-img info -U --output=json " + VOLUME);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"virtual-size\": (\\d+)").matcher(json);
        assertTrue(m.find(), json);
        return Long.parseLong(m.group(1));
    }

    private static final long GIB = 1024L * 1024 * 1024;

    /** The diskless guest ignores ACPI: a job on the host powers it off a few seconds later, as a guest that answers would. */
    private void guestAnswersShutdown() {
        in("(sleep 3; virsh destroy " + VM + ") >/dev/null 2>&1 </dev/null &");
    }

    @Test
    void aMissingVolumeIsCreatedAnExistingOneIsNeverOverwrittenGrowingIsDisruptiveShrinkingNeedsApproval() throws IOException {
        Engine e = engine(1);
        Drift d = e.drift(Selection.everything());
        assertTrue(d.errors().isEmpty(), () -> d.errors().toString());
        assertEquals(List.of("create host/lab-01/filesystem/vmstore safe", "create host/lab-01/mount/vmstore safe", "create host/lab-01/vm/" + VM + " safe"),
                changes(d), "the disk is told by the VM's create");
        ApplyReport r = e.apply(d, null);
        assertFalse(r.failed(), () -> r.outcomes().toString());
        assertEquals(GIB, virtualSize());
        assertTrue(in("qemu-img info -U " + VOLUME).contains("file format: qcow2"));
        assertEquals("running", in("virsh domstate " + VM).strip());
        assertTrue(in("virsh domblklist " + VM).contains(VOLUME), "the VM runs on it");
        assertTrue(e.drift(Selection.everything()).inSync(), "a second run changes nothing");

        // the VM undefined by hand, its volume with data in it: defined again on that volume, never a new one over it
        in("virsh destroy " + VM + " && virsh undefine " + VM + " >/dev/null && qemu-io -f qcow2 -c 'write -P 0x5a 0 64k' " + VOLUME + " >/dev/null");
        String sum = in("sha256sum " + VOLUME);
        Drift again = e.drift(Selection.everything());
        assertEquals(List.of("create host/lab-01/vm/" + VM + " safe"), changes(again));
        assertFalse(e.apply(again, null).failed());
        assertEquals(sum, in("sha256sum " + VOLUME), "the existing volume was not overwritten");
        assertTrue(in("virsh domblklist " + VM).contains(VOLUME));

        // grown: disruptive, shut down → qemu-img resize → started
        Engine two = engine(2);
        Drift grow = two.drift(Selection.everything());
        ResourceChange g = change(grow, DISK);
        assertEquals(Action.UPDATE, g.action());
        assertEquals(Risk.DISRUPTIVE, g.risk(), g::toString);
        assertEquals(1, g.before().get("sizeGiB"));
        guestAnswersShutdown();
        ApplyReport gr = two.apply(grow, null);
        assertFalse(gr.failed(), () -> gr.outcomes().toString());
        assertEquals(2 * GIB, virtualSize());
        assertEquals("running", in("virsh domstate " + VM).strip());
        assertTrue(two.drift(Selection.everything()).inSync());

        // shrunk: destructive, blocked without approval (the volume keeps its size), applied approved
        Drift shrink = e.drift(Selection.everything());
        ResourceChange s = change(shrink, DISK);
        assertEquals(Risk.DESTRUCTIVE, s.risk(), s::toString);
        assertFalse(s.approved());
        ApplyReport blocked = e.apply(shrink, null);
        assertTrue(blocked.outcomes().stream().anyMatch(o -> o instanceof Outcome.Blocked b && b.change().address().text().equals(DISK)),
                () -> blocked.outcomes().toString());
        assertEquals(2 * GIB, virtualSize(), "not approved: not shrunk");
        Drift approved = e.drift(new Selection(List.of(), Set.of(DISK)));
        guestAnswersShutdown();
        ApplyReport sr = e.apply(approved, null);
        assertFalse(sr.failed(), () -> sr.outcomes().toString());
        assertEquals(GIB, virtualSize());
        assertEquals("running", in("virsh domstate " + VM).strip());
        assertTrue(e.drift(Selection.everything()).inSync());
    }
}
