package dev.fleetform.reconciler.host.vm;

import dev.fleetform.changes.Address;
import dev.fleetform.changes.Resource;
import dev.fleetform.changes.ResourceKind;
import dev.fleetform.reconciler.host.probe.ProbeReport;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The VMs Fleetform defined that git no longer declares, from a probe document around libvirt 9.0's real dumpxml. */
class VmProjectionTest {
    private static final String M = "fleetform-probe-00";

    private static String fixture() throws IOException {
        try (InputStream in = VmProjectionTest.class.getResourceAsStream("/dev/fleetform/reconciler/host/vm/libvirt-9.0-dumpxml-inactive.xml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String section(String name, int exit, String body) {
        return M + " begin " + name + "\n" + body + "\n" + M + " end " + exit + "\n";
    }

    @Test
    void onlyMarkedDomainsOfThisFleetThatGitNoLongerDeclaresAreDeletes() throws IOException {
        String xml = fixture();
        String disk = xml.replace("</devices>", "<disk type='file' device='disk'><source file='/srv/vm/gone-1.qcow2'/>"
                + "<target dev='vdb' bus='virtio'/></disk></devices>");
        String doc = section("virsh:list", 0, "kept\ngone\nother\nbyhand\n")
                + section("virsh:autostart", 0, "gone\n")
                + section("vm-state:kept", 0, "running") + section("vm-xml:kept", 0, xml)
                + section("vm-state:gone", 0, "running") + section("vm-xml:gone", 0, disk)
                + section("vm-state:other", 0, "shut off") + section("vm-xml:other", 0, xml.replace("fleet=\"lab\"", "fleet=\"prod\""))
                + M + " done\n";
        ProbeReport probe = ProbeReport.parse(doc.getBytes(StandardCharsets.UTF_8), M);
        Address.OnHost kept = new Address.OnHost("lab-01", List.of("vm", "kept"));
        Map<Address, Resource> desired = Map.of(kept, new Resource(kept, ResourceKind.VM, Map.of()));

        VmProjection.Undeclared u = VmProjection.undeclared("lab-01", "lab", desired, probe);
        assertEquals(List.of("host/lab-01/vm/gone", "host/lab-01/vm/gone/disk/1"), u.resources().stream().map(r -> r.address().text()).toList());
        Resource vm = u.resources().getFirst();
        assertEquals("running", vm.fields().get("state"));
        assertEquals(true, vm.fields().get("autostart"));
        assertEquals("/srv/vm/gone-1.qcow2", u.resources().get(1).fields().get("path"));
        assertEquals(List.of("host/lab-01: domain other was defined by Fleetform for fleet prod, not lab: left alone"), u.warnings());
    }
}
