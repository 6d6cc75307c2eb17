package dev.fleetform.reconciler.host;

import dev.fleetform.changes.Address;
import dev.fleetform.changes.Resource;
import dev.fleetform.changes.ResourceKind;
import dev.fleetform.reconciler.host.probe.HostFiles;
import dev.fleetform.reconciler.host.probe.ProbeReport;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The probe projected onto git's addresses: only what git declares, values as git spells them when they mean the same. */
class LiveProjectionTest {
    private static final String M = "fleetform-probe-0123456789abcdef01234567";
    private static final Address.OnHost H = Address.OnHost.of("h");

    private static String section(String name, int exit, String body) {
        return M + " begin " + name + "\n" + body + "\n" + M + " end " + exit + "\n";
    }

    private static ProbeReport probe(String... sections) {
        return ProbeReport.parse((String.join("", sections) + M + " done\n").getBytes(StandardCharsets.UTF_8), M);
    }

    private static Map<Address, Resource> desired(Resource... rs) {
        Map<Address, Resource> m = new LinkedHashMap<>();
        for (Resource r : rs) m.put(r.address(), r);
        return m;
    }

    private static Map<String, Object> live(LiveProjection.Live l, String address) {
        return l.resources().stream().filter(r -> r.address().text().equals(address)).map(Resource::fields).findFirst().orElse(null);
    }

    @Test
    void sysctlsAsGitSpellsThemWhenTheKernelMeansTheSame() {
        Map<Address, Resource> want = desired(
                new Resource(H.child("sysctl", "net.ipv4.ip_local_port_range"), ResourceKind.SYSCTL, Map.of("value", "20000  60000")),
                new Resource(H.child("sysctl", "net.core.somaxconn"), ResourceKind.SYSCTL, Map.of("value", "1024")));
        LiveProjection.Live l = LiveProjection.of(want, probe(
                section("sysctl", 0, "/proc/sys/net/ipv4/ip_local_port_range:20000\t60000\n/proc/sys/net/core/somaxconn:4096\n"
                        + "/proc/sys/net/core/optmem_max:20480")));
        assertEquals(Map.of("value", "20000  60000"), live(l, "host/h/sysctl/net.ipv4.ip_local_port_range"));
        assertEquals(Map.of("value", "4096"), live(l, "host/h/sysctl/net.core.somaxconn"));
        assertEquals(2, l.resources().size(), "a sysctl git does not declare is not looked at");
    }

    @Test
    void theSysctlFileOfAnEarlierFleetformIsDriftUntilItIsGone() {
        Map<Address, Resource> want = desired(new Resource(H, ResourceKind.HOST, Map.of()),
                new Resource(H.child("sysctl", "net.core.somaxconn"), ResourceKind.SYSCTL, Map.of("value", "4096")));
        String kernel = "/proc/sys/net/core/somaxconn:4096";
        String before = "# Managed by Fleetform: edit fleet.yaml, not this file.\nnet.core.somaxconn = 1024\nnet.ipv4.tcp_fin_timeout = 20\n";
        LiveProjection.Live l = LiveProjection.of(want, probe(section("sysctl", 0, kernel), section("file:" + HostFiles.SYSCTL_BEFORE, 0, before)));
        assertEquals(Map.of("value", "4096 (and 1024 in /etc/sysctl.d/90-fleetform.conf, which wins at boot)"), live(l, "host/h/sysctl/net.core.somaxconn"),
                "in sync now, not after the next boot");
        assertEquals(Map.of("value", "20"), live(l, "host/h/sysctl/net.ipv4.tcp_fin_timeout"), "a key only it sets is one git no longer declares");

        // a file of that name someone else wrote is theirs
        LiveProjection.Live theirs = LiveProjection.of(want, probe(section("sysctl", 0, kernel),
                section("file:" + HostFiles.SYSCTL_BEFORE, 0, "net.core.somaxconn = 1024\n")));
        assertEquals(Map.of("value", "4096"), live(theirs, "host/h/sysctl/net.core.somaxconn"));
        assertNull(live(theirs, "host/h/sysctl/net.ipv4.tcp_fin_timeout"));
    }

    @Test
    void aLimitIsOneValueOnlyWhenAllFourLinesAgree() {
        Map<Address, Resource> want = desired(
                new Resource(H.child("limits", "nofile"), ResourceKind.LIMIT, Map.of("value", "1048576")),
                new Resource(H.child("limits", "nproc"), ResourceKind.LIMIT, Map.of("value", "65535")),
                new Resource(H.child("limits", "memlock"), ResourceKind.LIMIT, Map.of("value", "unlimited")));
        String file = """
                # Managed by Fleetform
                *       soft    nofile    1048576
                *       hard    nofile    1048576
                root    soft    nofile    1048576
                root    hard    nofile    1048576
                *       -       nproc     65535
                root    soft    nproc     4096
                @admins hard    core      0
                """;
        String systemd = "# Managed by Fleetform\n[Manager]\nDefaultLimitNOFILE=1048576\n";
        LiveProjection.Live l = LiveProjection.of(want, probe(section("file:" + HostFiles.LIMITS, 0, file), section("file:" + HostFiles.SYSTEMD_LIMITS, 0, systemd)));
        assertEquals(Map.of("value", "1048576"), live(l, "host/h/limits/nofile"));
        assertEquals(Map.of("value", "* soft 65535, * hard 65535, root soft 4096, root hard unset"), live(l, "host/h/limits/nproc"));
        assertNull(live(l, "host/h/limits/memlock"), "not in the file: absent, so apply creates it");
    }

    @Test
    void nofileIsInSyncOnlyWhenSystemdsDropInSaysItToo() {
        Map<Address, Resource> want = desired(new Resource(H.child("limits", "nofile"), ResourceKind.LIMIT, Map.of("value", "1048576")));
        String file = "*       -       nofile    1048576\nroot    -       nofile    1048576\n";
        assertEquals(Map.of("value", "1048576 (systemd DefaultLimitNOFILE unset)"),
                live(LiveProjection.of(want, probe(section("file:" + HostFiles.LIMITS, 0, file))), "host/h/limits/nofile"),
                "services would still start with systemd's default");
        String edited = "[Manager]\nDefaultLimitNOFILE=1048576\nDefaultLimitNOFILE=65536\n";
        assertEquals(Map.of("value", "1048576 (systemd DefaultLimitNOFILE 65536)"),
                live(LiveProjection.of(want, probe(section("file:" + HostFiles.LIMITS, 0, file), section("file:" + HostFiles.SYSTEMD_LIMITS, 0, edited))),
                        "host/h/limits/nofile"), "the last setting is the one systemd takes");
    }

    @Test
    void resolvConfAsTheResolverReadsIt() {
        Map<Address, Resource> want = desired(new Resource(H.child("dns"), ResourceKind.DNS,
                Map.of("nameservers", List.of("10.0.0.2"), "search", List.of("int.example.com"))));
        LiveProjection.Live l = LiveProjection.of(want, probe(section("file:" + HostFiles.RESOLV, 0,
                "# generated\nnameserver 10.0.0.2\n; old\nsearch a.example.com\nnameserver 10.0.0.3\ndomain int.example.com\noptions ndots:2\n")));
        assertEquals(Map.of("nameservers", List.of("10.0.0.2", "10.0.0.3"), "search", List.of("int.example.com")), live(l, "host/h/dns"));
        LiveProjection.Live none = LiveProjection.of(want, probe(section("file:" + HostFiles.RESOLV, 1, "cat: /etc/resolv.conf: No such file or directory")));
        assertEquals(Map.of("nameservers", List.of(), "search", List.of()), live(none, "host/h/dns"));
    }

    @Test
    void timezoneByItsNamesAndAVmLibvirtDoesNotListIsNotLive() {
        Resource disk = new Resource(H.child("vm", "v1"), ResourceKind.VM, Map.of("vcpus", 2));
        Map<Address, Resource> want = desired(new Resource(H.child("timezone"), ResourceKind.TIMEZONE, Map.of("value", "Etc/UTC")), disk);
        LiveProjection.Live l = LiveProjection.of(want, probe(section("link:/etc/localtime", 0, "/usr/share/zoneinfo/UTC"),
                section("file:" + HostFiles.TIMEZONE, 0, "UTC\n")));
        assertEquals(Map.of("value", "Etc/UTC"), live(l, "host/h/timezone"));
        assertEquals(null, live(l, "host/h/vm/v1"), "libvirt was not read: the VM is not shown as defined");
        LiveProjection.Live split = LiveProjection.of(want, probe(section("link:/etc/localtime", 0, "/usr/share/zoneinfo/Europe/Berlin"),
                section("file:" + HostFiles.TIMEZONE, 0, "UTC\n")));
        assertEquals(Map.of("value", "Europe/Berlin (but /etc/timezone says UTC)"), live(split, "host/h/timezone"));
        assertTrue(l.warnings().isEmpty());
    }
}
