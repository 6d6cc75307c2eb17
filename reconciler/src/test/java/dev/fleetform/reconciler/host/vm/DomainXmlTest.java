package dev.fleetform.reconciler.host.vm;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The definition rule on libvirt 9.0's real dumpxml of a compiled domain (README.md beside the fixtures). */
class DomainXmlTest {
    private static String fixture(String name) throws IOException {
        try (InputStream in = DomainXmlTest.class.getResourceAsStream("/dev/fleetform/reconciler/host/vm/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static boolean matches(String live, String compiled) {
        return DomainXml.parse(live).matches(DomainXml.parse(compiled));
    }

    @Test
    void whatLibvirtAddsIsNotADifference() throws IOException {
        assertTrue(matches(fixture("libvirt-9.0-dumpxml-inactive.xml"), fixture("compiled.xml")));
    }

    @Test
    void aHostPassthroughCpuIsMigratableByDefault() throws IOException {
        // the built-in template's CPU, as libvirt 9.0 dumps it (seen defining it under KVM in the lab)
        String compiled = fixture("compiled.xml").replace("<clock offset='utc'/>", "<cpu mode='host-passthrough' check='none'/>\n  <clock offset='utc'/>");
        String live = fixture("libvirt-9.0-dumpxml-inactive.xml").replaceAll("(?s)<cpu mode='custom'.*?</cpu>", "<cpu mode='host-passthrough' check='none' migratable='on'/>");
        assertTrue(matches(live, compiled));
        assertFalse(matches(live.replace("check='none' migratable='on'", "check='none' migratable='on' mode2='x'"), compiled));
    }

    @Test
    void aDeviceAddedByHandIsADifference() throws IOException {
        String live = fixture("libvirt-9.0-dumpxml-inactive.xml").replace("</devices>", "<watchdog model='i6300esb' action='reset'/></devices>");
        assertFalse(matches(live, fixture("compiled.xml")));
        String disk = fixture("libvirt-9.0-dumpxml-inactive.xml").replace("</devices>",
                "<disk type='file' device='disk'><source file='/srv/x.qcow2'/><target dev='vdb' bus='virtio'/></disk></devices>");
        assertFalse(matches(disk, fixture("compiled.xml")));
    }

    @Test
    void aChangedValueAnExtraAttributeOrAMissingElementIsADifference() throws IOException {
        String live = fixture("libvirt-9.0-dumpxml-inactive.xml");
        String compiled = fixture("compiled.xml");
        assertFalse(matches(live.replace("<vcpu placement='static'>1</vcpu>", "<vcpu placement='static'>2</vcpu>"), compiled));
        assertFalse(matches(live.replace("<on_crash>restart</on_crash>", "<on_crash>destroy</on_crash>"), compiled));
        assertFalse(matches(live.replace("<clock offset='utc'/>", "<clock offset='utc' adjustment='reset'/>"), compiled));
        assertFalse(matches(live.replace("<acpi/>", ""), compiled));
        assertFalse(matches(live.replace("fleet=\"lab\"", "fleet=\"other\""), compiled));
        assertFalse(matches(live.replace("machine='pc-q35-7.2'", "machine='pc-i440fx-7.2'"), compiled));
        // only the implicit inputs are libvirt's: a tablet is someone's
        assertFalse(matches(live.replace("<input type='mouse' bus='ps2'/>", "<input type='tablet' bus='usb'/>"), compiled));
    }

    @Test
    void theFieldsThePlanShows() throws IOException {
        DomainXml live = DomainXml.parse(fixture("libvirt-9.0-dumpxml-inactive.xml"));
        assertEquals(1, live.vcpus());
        assertEquals(1, live.memoryGiB());
        assertEquals(null, live.bridge());
        assertEquals(1.5, DomainXml.parse(fixture("compiled.xml").replace("1048576</memory>", "1572864</memory>")).memoryGiB());
    }

    @Test
    void aDoctypeIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> DomainXml.parse("<!DOCTYPE d [<!ENTITY x SYSTEM 'file:///etc/passwd'>]><domain>&x;</domain>"));
    }

    @Test
    void fleetformsMarkIsItsMetadataElementInItsNamespaceOnly() throws IOException {
        String live = fixture("libvirt-9.0-dumpxml-inactive.xml");
        DomainXml.Mark m = DomainXml.parse(live).mark();
        assertEquals("lab", m.fleet());
        assertTrue(m.host().startsWith("lab-"), m::toString);
        // the same element name in another namespace, or none at all: not Fleetform's
        assertEquals(null, DomainXml.parse(live.replace("https://fleetform.dev/xmlns/libvirt/1", "https://example.com/other")).mark());
        assertEquals(null, DomainXml.parse(live.replaceAll("(?s)<metadata>.*?</metadata>", "")).mark());
    }

    @Test
    void diskIndexIsTheInverseOfTheCompilersTargetNames() {
        assertEquals(0, VmProjection.diskIndex("vda"));
        assertEquals(25, VmProjection.diskIndex("vdz"));
        assertEquals(26, VmProjection.diskIndex("vdaa"));
        assertEquals(-1, VmProjection.diskIndex("sda"));
        assertEquals(-1, VmProjection.diskIndex("hdc"));
    }
}
