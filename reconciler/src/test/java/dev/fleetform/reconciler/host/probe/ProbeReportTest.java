package dev.fleetform.reconciler.host.probe;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The probe's document as parsed, on outputs recorded from a fresh lab host (Debian 12; the
 * machine's own sandbox mounts removed from findmnt's table) and on /proc/mdstat recorded on real
 * machines (node_exporter's fixture).
 */
class ProbeReportTest {

    private static String recorded(String name) throws IOException {
        try (InputStream in = ProbeReportTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void sysctlsAreReadNormalisedOrSayWhyNot() throws IOException {
        ProbeReport r = ProbeReport.parse(recorded("lab-host-fresh.txt"));
        assertEquals("4096", r.sysctl("net.core.somaxconn").value());
        assertEquals("32768 60999", r.sysctl("net.ipv4.ip_local_port_range").value(), "the kernel's tab read back as a space");
        ProbeReport.Sysctl missing = r.sysctl("kernel.nosuchkey");
        assertFalse(missing.readable());
        assertEquals("sysctl: cannot stat /proc/sys/kernel/nosuchkey: No such file or directory", missing.error());
        assertEquals("not probed", r.sysctl("vm.swappiness").error());
    }

    @Test
    void filesComeBackByteForByteWithOwnerAndModeOrAbsent() throws IOException {
        ProbeReport r = ProbeReport.parse(recorded("lab-host-fresh.txt"));
        assertTrue(r.file(HostFiles.SYSCTL).isEmpty(), "a fresh host has no Fleetform sysctl file");
        assertTrue(r.file(HostFiles.LIMITS).isEmpty());
        ProbeReport.FileState resolv = r.file(HostFiles.RESOLV).orElseThrow();
        assertEquals("nameserver 10.255.255.53\n", new String(resolv.bytes(), StandardCharsets.UTF_8));
        assertEquals("root:root 755", resolv.ownerMode());
        assertEquals("# UNCONFIGURED FSTAB FOR BASE SYSTEM\n", r.fstab());
    }

    @Test
    void timezoneFromTheLocaltimeLinkAndTimezoneFile() throws IOException {
        ProbeReport r = ProbeReport.parse(recorded("lab-host-fresh.txt"));
        assertEquals("UTC", r.timezone(), "Etc/UTC is UTC as the fleet writes it");
        assertFalse(r.systemd(), "no systemd on this machine kind");
        assertTrue(ProbeReport.sameZone("UTC", "Etc/UTC"));
        assertFalse(ProbeReport.sameZone("UTC", "Europe/Berlin"));
    }

    @Test
    void packagesByDpkgStatus() throws IOException {
        Map<String, Boolean> p = ProbeReport.parse(recorded("lab-host-fresh.txt")).packages();
        assertEquals(Map.of("openssh-server", true), p, "a package dpkg does not know is absent");
    }

    @Test
    void blockDevicesAndMountsFromLsblkAndFindmnt() throws IOException {
        ProbeReport r = ProbeReport.parse(recorded("lab-host-fresh.txt"));
        List<ProbeReport.BlockDevice> devices = r.blockDevices();
        ProbeReport.BlockDevice loop = devices.stream().filter(d -> d.name().equals("loop0")).findFirst().orElseThrow();
        assertEquals(1L << 30, loop.sizeBytes(), "a 1 GiB lab disk, in bytes (-b)");
        assertEquals("loop", loop.type());
        assertTrue(loop.mountpoints().isEmpty());
        List<ProbeReport.Mount> mounts = r.mounts();
        ProbeReport.Mount etc = mounts.stream().filter(m -> m.target().equals("/etc")).findFirst().orElseThrow();
        assertEquals("overlay", etc.fstype());
        assertTrue(mounts.stream().anyMatch(m -> m.target().equals("/usr/lib/sysctl.d") && m.options().startsWith("ro,")));
    }

    @Test
    void noMdDriverSaysSoPlainly() throws IOException {
        ProbeReport.Mdstat md = ProbeReport.parse(recorded("lab-host-fresh.txt")).mdstat();
        assertFalse(md.supported());
        assertEquals("md not supported by this kernel (no /proc/mdstat)", md.text());
    }

    @Test
    void mdstatOfARealMachineComesThroughAsIs() throws IOException {
        byte[] mdstat = recorded("node-exporter-fixture.mdstat").getBytes(StandardCharsets.UTF_8);
        String doc = recorded("lab-host-fresh.txt").replaceAll("(?m)^fleetform-probe-1 mdstat .*$",
                "fleetform-probe-1 mdstat 0 " + Base64.getEncoder().encodeToString(mdstat));
        ProbeReport.Mdstat md = ProbeReport.parse(doc).mdstat();
        assertTrue(md.supported());
        assertEquals(new String(mdstat, StandardCharsets.UTF_8), md.text());
    }

    @Test
    void aDocumentCutShortIsRefusedAndForeignLinesIgnored() throws IOException {
        String doc = recorded("lab-host-fresh.txt");
        String cut = doc.substring(0, doc.indexOf("fleetform-probe-1 end"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ProbeReport.parse(cut));
        assertEquals("the probe's output was cut short (no end line)", e.getMessage());
        ProbeReport chatty = ProbeReport.parse("Welcome to lab-01!\nfleetform-probe-1 end 0 \n" + doc);
        assertEquals("4096", chatty.sysctl("net.core.somaxconn").value());
        assertNull(ProbeReport.parse("fleetform-probe-1 end 0 \n").timezone());
    }
}
