package dev.fleetform.reconciler.host;

import dev.fleetform.changes.ResourceChange;
import dev.fleetform.changes.Risk;
import dev.fleetform.compiler.Validation;
import dev.fleetform.compiler.emit.EmitContext;
import dev.fleetform.compiler.emit.Templates;
import dev.fleetform.compiler.load.FileSystemSource;
import dev.fleetform.reconciler.api.Fleetform;
import dev.fleetform.reconciler.engine.ApplyReport;
import dev.fleetform.reconciler.engine.Drift;
import dev.fleetform.reconciler.engine.Engine;
import dev.fleetform.reconciler.engine.Outcome;
import dev.fleetform.reconciler.engine.Selection;
import dev.fleetform.reconciler.engine.TargetPlan;
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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * VMs through the engine on the lab's libvirt host (lab-01: real libvirtd, QEMU under TCG, a
 * diskless guest from the built-in template made runnable under TCG by lab/up). The guest has no
 * ACPI handler, so {@code virsh shutdown} never stops it: that is the timeout path; where a test
 * needs a guest that does stop, a job on the host powers it off a few seconds later, as a guest
 * answering ACPI would.
 */
@ExtendWith(LabExtension.class)
class HostProviderVmLabTest {
    private static final String VM = "lab-01-vm1";
    private static final String ADDRESS = "host/lab-01/vm/" + VM;
    private static final String VM2 = "lab-01-vm2";
    /** A domain defined by hand, without Fleetform's metadata: never Fleetform's to touch. */
    private static final String OTHER = "lab-01-byhand";

    @TempDir
    Path repo;
    private Lab lab;

    @BeforeEach
    void noVm(Lab lab) {
        this.lab = lab;
        clean();
    }

    @AfterEach
    void clean() {
        for (String d : List.of(VM, VM2, OTHER)) {
            lab.inHost(lab.host(Lab.LIBVIRT_HOST), "virsh destroy " + d + " >/dev/null 2>&1; virsh undefine " + d + " >/dev/null 2>&1; true");
        }
    }

    private Engine engine(String vms, Duration shutdownTimeout) throws IOException {
        Lab.Host h = lab.host(Lab.LIBVIRT_HOST);
        Validation v = LabRuns.fleet(lab, repo, """
                apiVersion: fleetform.dev/v1
                kind: Fleet
                metadata: { name: lab, owners: [lab@example.com] }
                defaults:
                  ssh: { user: root, identityFile: %s, knownHosts: known_hosts }
                hosts:
                  - name: %s
                    address: %s
                    hardware: { cpu: { cores: 2 }, memoryGiB: 16 }
                %s""".formatted(lab.identityFile(), h.name(), h.address(), vms));
        HostProvider p = new HostProvider(v, new EmitContext(Templates.withOverrides(lab.templates())), new FileSystemSource(repo), LabRuns.SSH)
                .withVmShutdownTimeout(shutdownTimeout);
        return LabRuns.engine(p);
    }

    private Engine engine(int vcpus) throws IOException {
        return engine(vm(vcpus), Duration.ofSeconds(20));
    }

    private static String vm(int vcpus) {
        return "    vms: [ { name: " + VM + ", vcpus: " + vcpus + ", memoryGiB: 1, autostart: true } ]\n";
    }

    private String in(String script) {
        return lab.onHost(lab.host(Lab.LIBVIRT_HOST), script);
    }

    private static List<String> changes(Drift d) {
        return d.targets().stream().map(TargetPlan::plan).flatMap(p -> p.changes().stream())
                .map(c -> c.action().jsonName() + " " + c.address().text()).sorted().toList();
    }

    private static ResourceChange change(Drift d, String address) {
        return d.plan().changes().stream().filter(c -> c.address().text().equals(address)).findFirst().orElseThrow();
    }

    private String state() {
        return in("virsh domstate " + VM).strip();
    }

    private String autostart() {
        return in("virsh dominfo " + VM + " | sed -n 's/^Autostart: *//p'").strip();
    }

    @Test
    void aVmIsDefinedStartedAndAutostartedAndASecondRunChangesNothing() throws IOException {
        Engine e = engine(1);
        Drift d = e.drift(Selection.everything());
        assertTrue(d.errors().isEmpty(), () -> d.errors().toString());
        assertEquals(List.of("create " + ADDRESS), changes(d));

        ApplyReport r = e.apply(d, null);
        assertFalse(r.failed(), () -> r.outcomes().toString());
        assertEquals("running", state());
        assertEquals("enable", autostart());
        assertTrue(in("virsh dumpxml --inactive " + VM).contains("<vcpu placement='static'>1</vcpu>"));
        assertTrue(in("cat /var/lib/fleetform/libvirt/" + VM + ".xml").contains("<fleetform:vm xmlns:fleetform="), "the compiled bytes were defined");

        Drift again = e.drift(Selection.everything());
        assertTrue(again.inSync(), () -> changes(again).toString());
        assertTrue(e.apply(again, null).outcomes().isEmpty());
    }

    @Test
    void aVmShutOffAndAutostartDisabledByHandIsReportedAndCorrected() throws IOException {
        Engine e = engine(1);
        assertFalse(e.apply(e.drift(Selection.everything()), null).failed());
        in("virsh destroy " + VM + " && virsh autostart --disable " + VM);

        Drift d = e.drift(Selection.everything());
        assertEquals(List.of("update " + ADDRESS), changes(d));
        ResourceChange c = change(d, ADDRESS);
        assertEquals("shut off", c.before().get("state"));
        assertEquals(false, c.before().get("autostart"));
        assertEquals(Risk.SAFE, c.risk(), c::toString);
        assertEquals(c.before().get("domainXml"), c.after().get("domainXml"), "the definition libvirt holds is the compiled one");

        ApplyReport r = e.apply(d, null);
        assertFalse(r.failed(), () -> r.outcomes().toString());
        assertEquals("running", state());
        assertEquals("enable", autostart());
        assertTrue(e.drift(Selection.everything()).inSync());
    }

    @Test
    void aDefinitionEditedByHandIsDriftAndAVcpuChangeShutsDownRedefinesAndStarts() throws IOException {
        Engine e = engine(1);
        assertFalse(e.apply(e.drift(Selection.everything()), null).failed());
        String pid = in("cat /run/libvirt/qemu/" + VM + ".pid");

        Engine two = engine(2);
        Drift d = two.drift(Selection.everything());
        ResourceChange c = change(d, ADDRESS);
        assertEquals(Risk.DISRUPTIVE, c.risk(), c::toString);
        assertEquals(1, c.before().get("vcpus"));
        // the diskless guest ignores ACPI: a job on the host powers it off 3 s later, as a guest that answers would
        in("(sleep 3; virsh destroy " + VM + ") >/dev/null 2>&1 </dev/null &");
        ApplyReport r = two.apply(d, null);
        assertFalse(r.failed(), () -> r.outcomes().toString());
        assertEquals("running", state());
        assertNotEquals(pid, in("cat /run/libvirt/qemu/" + VM + ".pid"), "restarted");
        assertTrue(in("virsh dumpxml " + VM).contains("<vcpu placement='static'>2</vcpu>"), "runs the new definition");
        assertTrue(two.drift(Selection.everything()).inSync());

        // a device added by hand is a difference, the machine type libvirt expands is not
        in("virsh dumpxml --inactive " + VM + " | sed 's|</devices>|<watchdog model=\"i6300esb\" action=\"reset\"/></devices>|' >/tmp/ff-vm-edit.xml "
                + "&& virsh define /tmp/ff-vm-edit.xml >/dev/null && rm /tmp/ff-vm-edit.xml");
        Drift edited = two.drift(Selection.everything());
        ResourceChange x = change(edited, ADDRESS);
        assertTrue(String.valueOf(x.before().get("domainXml")).contains("watchdog"), x::toString);
        assertEquals(Risk.DISRUPTIVE, x.risk());
    }

    @Test
    void aGuestThatDoesNotShutDownIsAClearFailureAndIsNotDestroyed() throws IOException {
        assertFalse(engine(1).apply(engine(1).drift(Selection.everything()), null).failed());
        Engine two = engine(vm(2), Duration.ofSeconds(2));
        ApplyReport r = two.apply(two.drift(Selection.everything()), null);
        Outcome o = r.outcomes().getFirst();
        assertTrue(o instanceof Outcome.Failed f && f.reason().startsWith("VM " + VM + " did not shut down within 2 s of virsh shutdown"), o::toString);
        assertEquals("running", state(), "not destroyed");
        assertTrue(in("virsh dumpxml --inactive " + VM).contains("<vcpu placement='static'>1</vcpu>"), "not redefined");
    }

    @Test
    void aVmRemovedFromGitIsADestructiveDeleteBlockedUntilApprovedThenDestroyedAndUndefined() throws IOException {
        Engine both = engine("    vms:\n      - { name: " + VM + ", vcpus: 1, memoryGiB: 1, autostart: true }\n"
                + "      - { name: " + VM2 + ", vcpus: 1, memoryGiB: 1, autostart: true }\n", Duration.ofSeconds(2));
        assertFalse(both.apply(both.drift(Selection.everything()), null).failed());
        assertEquals("running", in("virsh domstate " + VM2).strip());
        // a domain of someone else's, running beside them: no Fleetform metadata
        in("virsh dumpxml --inactive " + VM2 + " | sed -e '/<metadata>/,/<\\/metadata>/d' -e '/<uuid>/d' -e 's|<name>" + VM2 + "</name>|<name>" + OTHER + "</name>|' "
                + ">/tmp/ff-byhand.xml && virsh define /tmp/ff-byhand.xml >/dev/null && rm /tmp/ff-byhand.xml");

        Engine one = engine(vm(1), Duration.ofSeconds(2));
        String gone = "host/lab-01/vm/" + VM2;
        Drift d = one.drift(Selection.everything());
        assertTrue(d.errors().isEmpty(), () -> d.errors().toString());
        assertEquals(List.of("delete " + gone), changes(d), "the VM git no longer declares, and not the domain made by hand");
        ResourceChange c = change(d, gone);
        assertEquals(Risk.DESTRUCTIVE, c.risk(), c::toString);
        assertFalse(c.approved());
        assertEquals("running", c.before().get("state"));

        ApplyReport blocked = one.apply(d, null);
        assertTrue(blocked.outcomes().stream().allMatch(o -> o instanceof Outcome.Blocked), () -> blocked.outcomes().toString());
        assertEquals("running", in("virsh domstate " + VM2).strip(), "not approved: still there and running");

        Drift approved = one.drift(new Selection(List.of(), java.util.Set.of(gone)));
        assertTrue(change(approved, gone).approved());
        // the diskless guest ignores ACPI: virsh shutdown times out (2 s), then virsh destroy ends it
        ApplyReport r = one.apply(approved, null);
        assertFalse(r.failed(), () -> r.outcomes().toString());
        assertTrue(r.outcomes().getFirst() instanceof Outcome.Applied, () -> r.outcomes().toString());
        assertEquals("", in("virsh list --all --name | grep -x " + VM2 + " || true").strip(), "undefined");
        assertEquals("running", state(), "the declared VM is untouched");
        assertEquals("shut off", in("virsh domstate " + OTHER).strip(), "the domain made by hand is untouched");
        assertTrue(one.drift(Selection.everything()).inSync());
    }
}
