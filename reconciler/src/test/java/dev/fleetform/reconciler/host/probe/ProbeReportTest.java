package dev.fleetform.reconciler.host.probe;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
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

    /** A recorded document parsed with the marker its probe had. */
    private static ProbeReport parse(String doc) {
        return ProbeReport.parse(doc.getBytes(StandardCharsets.ISO_8859_1), doc.substring(0, doc.indexOf(" begin ")));
    }

    private static String recorded(String name) throws IOException {
        try (InputStream in = ProbeReportTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    @Test
    void sysctlsAreReadNormalisedOrSayWhyNot() throws IOException {
        ProbeReport r = parse(recorded("lab-host-fresh.txt"));
        assertEquals("4096", r.sysctl("net.core.somaxconn").value());
        assertEquals("32768 60999", r.sysctl("net.ipv4.ip_local_port_range").value(), "the kernel's tab read back as a space");
        ProbeReport.Sysctl missing = r.sysctl("kernel.nosuchkey");
        assertFalse(missing.readable());
        assertEquals("sysctl: cannot stat /proc/sys/kernel/nosuchkey: No such file or directory", missing.error());
        assertEquals("sysctl: cannot read /proc/sys/net/ipv4/route/flush: Permission denied", r.sysctl("net.ipv4.route.flush").error(),
                "a write-only key, even for root");
        assertEquals("not probed", r.sysctl("vm.swappiness").error());
    }

    @Test
    void aSysctlKeyNamesItsFileAsSysctlDoes() {
        assertEquals("/proc/sys/net/core/somaxconn", ProbeScript.sysctlPath("net.core.somaxconn"));
        assertEquals("/proc/sys/net/ipv4/conf/eth0.100/rp_filter", ProbeScript.sysctlPath("net.ipv4.conf.eth0/100.rp_filter"),
                "in a dotted name a slash is a dot of an interface's name");
        assertEquals("/proc/sys/net/ipv4/conf/eth0.100/rp_filter", ProbeScript.sysctlPath("net/ipv4/conf/eth0.100/rp_filter"));
    }

    @Test
    void filesComeBackByteForByteWithOwnerAndModeOrAbsent() throws IOException {
        ProbeReport r = parse(recorded("lab-host-fresh.txt"));
        assertTrue(r.file(HostFiles.SYSCTL).isEmpty(), "a fresh host has no Fleetform sysctl file");
        assertTrue(r.file(HostFiles.LIMITS).isEmpty());
        ProbeReport.FileState resolv = r.file(HostFiles.RESOLV).orElseThrow();
        assertEquals("nameserver 10.255.255.53\n", new String(resolv.bytes(), StandardCharsets.UTF_8));
        assertEquals("root:root 755", resolv.ownerMode());
        assertEquals("# UNCONFIGURED FSTAB FOR BASE SYSTEM\n", r.fstab());
    }

    @Test
    void timezoneFromTheLocaltimeLinkAndTimezoneFile() throws IOException {
        ProbeReport r = parse(recorded("lab-host-fresh.txt"));
        assertEquals("UTC", r.timezone(), "Etc/UTC is UTC as the fleet writes it");
        assertFalse(r.systemd(), "no systemd on this machine kind");
        assertTrue(ProbeReport.sameZone("UTC", "Etc/UTC"));
        assertFalse(ProbeReport.sameZone("UTC", "Europe/Berlin"));
    }

    @Test
    void packagesByDpkgStatus() throws IOException {
        Map<String, Boolean> p = parse(recorded("lab-host-fresh.txt")).packages();
        assertEquals(Map.of("openssh-server", true), p, "a package dpkg does not know is absent");
    }

    @Test
    void blockDevicesAndMountsFromLsblkAndFindmnt() throws IOException {
        ProbeReport r = parse(recorded("lab-host-fresh.txt"));
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
        ProbeReport.Mdstat md = parse(recorded("lab-host-fresh.txt")).mdstat();
        assertFalse(md.supported());
        assertEquals("md not supported by this kernel (no /proc/mdstat)", md.text());
    }

    @Test
    void mdstatOfARealMachineComesThroughAsIs() throws IOException {
        String mdstat = recorded("node-exporter-fixture.mdstat");
        String doc = recorded("lab-host-fresh.txt");
        String m = doc.substring(0, doc.indexOf(" begin "));
        String withMd = doc.replace(m + " begin mdstat\nno /proc/mdstat\n" + m + " end 1\n", m + " begin mdstat\n" + mdstat + "\n" + m + " end 0\n");
        ProbeReport.Mdstat md = parse(withMd).mdstat();
        assertTrue(md.supported());
        assertEquals(mdstat, md.text(), "byte for byte");
    }

    @Test
    void aDocumentCutShortIsRefusedAndNeitherForeignLinesNorContentWithoutTheNonceConfuseIt() throws IOException {
        String doc = recorded("lab-host-fresh.txt");
        String m = doc.substring(0, doc.indexOf(" begin "));
        for (String cut : List.of(doc.substring(0, doc.indexOf(m + " done")), doc.substring(0, doc.indexOf(m + " begin lsblk") + 20))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> parse(cut));
            assertTrue(e.getMessage().startsWith("the probe's output was cut short"), e.getMessage());
        }
        ProbeReport chatty = ProbeReport.parse(("Welcome to lab-01!\n" + doc).getBytes(StandardCharsets.ISO_8859_1), m);
        assertEquals("4096", chatty.sysctl("net.core.somaxconn").value());
        // a resolv.conf that fakes the end of its section with another probe's marker stays content
        String forged = "nameserver 10.0.0.1\nfleetform-probe-000000000000000000000000 end 0\n";
        String tampered = doc.replace("nameserver 10.255.255.53\n", forged);
        assertEquals(forged, new String(parse(tampered).file(HostFiles.RESOLV).orElseThrow().bytes(), StandardCharsets.UTF_8));
        assertNull(ProbeReport.parse((m + " done\n").getBytes(StandardCharsets.ISO_8859_1), m).timezone());
    }
}
