package dev.fleetform.reconciler.host;

import dev.fleetform.changes.ResourceChange;
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
import dev.fleetform.reconciler.engine.TargetError;
import dev.fleetform.reconciler.host.lab.Lab;
import dev.fleetform.reconciler.host.lab.LabExtension;
import dev.fleetform.reconciler.host.lab.LabRuns;
import dev.fleetform.reconciler.host.ssh.SshOptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static dev.fleetform.reconciler.host.lab.LabRuns.changes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The host provider through the engine, on the lab's real hosts: converge, stay converged, correct drift, fail per host. */
@ExtendWith(LabExtension.class)
class HostProviderLabTest {
    /** What a fresh lab host has: the kernel's defaults, the machine's resolv.conf, UTC, no Fleetform files. */
    private static final String FRESH = Lab.NO_BASELINE_FILES + " /etc/sysctl.d/50-lab.conf; "
            + "sysctl -qw net.core.somaxconn=4096 net.ipv4.tcp_fin_timeout=60 'net.ipv4.ip_local_port_range=32768 60999' net.ipv4.tcp_keepalive_time=7200; "
            + "printf 'nameserver 10.255.255.53\\n' >/etc/resolv.conf; ln -sfn /usr/share/zoneinfo/Etc/UTC /etc/localtime; echo Etc/UTC >/etc/timezone";

    @TempDir
    Path repo;
    private Lab lab;

    @BeforeEach
    void freshHosts(Lab lab) {
        this.lab = lab;
        for (int i = 1; i <= LabExtension.HOSTS; i++) assertEquals(0, lab.inHost(lab.host(i), FRESH).exit());
    }

    /** The baseline files this test wrote go, so other tests' fleets (without a baseline) see none. */
    @org.junit.jupiter.api.AfterEach
    void noBaselineFiles() {
        for (int i = 1; i <= LabExtension.HOSTS; i++) assertEquals(0, lab.inHost(lab.host(i), FRESH).exit());
    }

    private static String host(String name, String address, String extra) {
        return "  - name: " + name + "\n    address: " + address + "\n" + extra
                + "    hardware: { cpu: { cores: 2 }, memoryGiB: 16 }\n";
    }

    private Engine engine(String hosts) throws IOException {
        return engine("root", hosts);
    }

    private Engine engine(String user, String hosts) throws IOException {
        return engine(user, hosts, "", LabRuns.SSH);
    }

    private Engine engine(String user, String hosts, String moreSysctls, SshOptions options) throws IOException {
        return engine(user, hosts, moreSysctls, options, "");
    }

    private Engine engine(String user, String hosts, String moreSysctls, SshOptions options, String topLevel) throws IOException {
        return engine(user, hosts, moreSysctls, options, topLevel, "{ nofile: 1048576, nproc: 65535 }");
    }

    private Engine engine(String user, String hosts, String moreSysctls, SshOptions options, String topLevel, String limits) throws IOException {
        Validation v = LabRuns.fleet(lab, repo, """
                apiVersion: fleetform.dev/v1
                kind: Fleet
                metadata: { name: lab, owners: [lab@example.com] }
                defaults:
                  ssh: { user: %s, identityFile: %s, knownHosts: known_hosts%s }
                  baseline:
                    sysctl:
                      net.core.somaxconn: "1024"
                      net.ipv4.tcp_fin_timeout: "23"
                      net.ipv4.ip_local_port_range: "20000 60000"
                %s    limits: %s
                    dns: { nameservers: [10.77.0.2, 10.77.0.3], search: [lab.example.com] }
                    timezone: Europe/Berlin
                %shosts:
                """.formatted(user, lab.identityFile(), topLevel.isEmpty() ? "" : ", via: lab-jump", moreSysctls, limits, topLevel) + hosts);
        HostProvider p = new HostProvider(v, new EmitContext(Templates.builtIn()), new FileSystemSource(repo), options);
        return LabRuns.engine(p);
    }

    private Engine labHosts() throws IOException {
        StringBuilder b = new StringBuilder();
        for (int i = 1; i <= LabExtension.HOSTS; i++) b.append(host(lab.host(i).name(), lab.host(i).address(), ""));
        return engine(b.toString());
    }

    private String in(int i, String script) {
        return lab.onHost(lab.host(i), script);
    }

    /** The inode of each managed file: an atomic write (rename) gives a new one. */
    private String inodes(int i) {
        return in(i, "stat -c '%n %i' /etc/sysctl.d/60-fleetform.conf /etc/security/limits.d/60-fleetform.conf /etc/systemd/system.conf.d/60-fleetform.conf /etc/resolv.conf /etc/timezone");
    }

    @Test
    void freshHostsConvergeAndASecondRunWritesNothing() throws IOException {
        Engine e = labHosts();
        Drift d = e.drift(Selection.everything());
        assertTrue(d.errors().isEmpty(), () -> d.errors().toString());
        List<String> expected = List.of("create host/lab-01/limits/nofile", "create host/lab-01/limits/nproc", "update host/lab-01/dns",
                "update host/lab-01/sysctl/net.core.somaxconn", "update host/lab-01/sysctl/net.ipv4.ip_local_port_range",
                "update host/lab-01/sysctl/net.ipv4.tcp_fin_timeout", "update host/lab-01/timezone");
        assertEquals(expected, changes(d).get("host/lab-01"));
        assertEquals(3, d.targets().size());

        ApplyReport r = e.apply(d, null);
        assertFalse(r.failed(), () -> r.outcomes().toString());
        assertEquals(3 * expected.size(), r.outcomes().stream().filter(o -> o instanceof Outcome.Applied).count());

        for (int i = 1; i <= LabExtension.HOSTS; i++) {
            assertEquals("1024\n23\n20000\t60000\n", in(i, "sysctl -n net.core.somaxconn net.ipv4.tcp_fin_timeout net.ipv4.ip_local_port_range"));
            String limits = in(i, "cat /etc/security/limits.d/60-fleetform.conf");
            assertTrue(limits.contains("root    hard    nofile    1048576\n"), limits);
            assertTrue(limits.contains("*       soft    nproc     65535\n"), limits);
            assertEquals("root:root 644\n", in(i, "stat -c '%U:%G %a' /etc/security/limits.d/60-fleetform.conf"));
            assertTrue(in(i, "cat /etc/resolv.conf").endsWith("nameserver 10.77.0.2\nnameserver 10.77.0.3\nsearch lab.example.com\n"));
            assertEquals("/usr/share/zoneinfo/Europe/Berlin\nEurope/Berlin\n", in(i, "readlink /etc/localtime; cat /etc/timezone"));
            assertEquals("net.core.somaxconn = 1024\n", in(i, "grep somaxconn /etc/sysctl.d/60-fleetform.conf"));
            assertEquals("[Manager]\nDefaultLimitNOFILE=1048576\n", in(i, "grep -v '^#' /etc/systemd/system.conf.d/60-fleetform.conf"),
                    "services get the nofile limit too (pam_limits does not reach them)");
        }

        String before = inodes(2);
        Drift again = e.drift(Selection.everything());
        assertTrue(again.inSync(), () -> changes(again).toString());
        assertTrue(e.apply(again, null).outcomes().isEmpty());
        assertEquals(before, inodes(2), "nothing was rewritten");
    }

    @Test
    void driftMadeByHandIsReportedAndCorrected() throws IOException {
        Engine e = labHosts();
        assertFalse(e.apply(e.drift(Selection.everything()), null).failed());
        in(2, "sysctl -qw net.ipv4.tcp_fin_timeout=45; sed -i 's/^\\(root *hard *nofile *\\).*/\\11024/' /etc/security/limits.d/60-fleetform.conf");
        String untouched = inodes(1);

        Drift d = e.drift(Selection.everything());
        assertEquals(List.of("update host/lab-02/limits/nofile", "update host/lab-02/sysctl/net.ipv4.tcp_fin_timeout"), changes(d).get("host/lab-02"));
        assertEquals(List.of(), changes(d).get("host/lab-01"));
        ResourceChange fin = d.plan().changes().stream().filter(c -> c.address().text().endsWith("tcp_fin_timeout")).findFirst().orElseThrow();
        assertEquals(Map.of("value", "45"), fin.before());
        ResourceChange nofile = d.plan().changes().stream().filter(c -> c.address().text().endsWith("nofile")).findFirst().orElseThrow();
        assertEquals("* soft 1048576, * hard 1048576, root soft 1048576, root hard 1024", nofile.before().get("value"));

        ApplyReport r = e.apply(d, null);
        assertFalse(r.failed(), () -> r.outcomes().toString());
        assertEquals("23\n", in(2, "sysctl -n net.ipv4.tcp_fin_timeout"));
        assertTrue(in(2, "cat /etc/security/limits.d/60-fleetform.conf").contains("root    hard    nofile    1048576\n"));
        assertTrue(e.drift(Selection.everything()).inSync());
        assertEquals(untouched, inodes(1), "a host in sync is not written to");
    }

    /**
     * A sysctl and a limit removed from git: Fleetform's own files set them, so drift shows each as a
     * delete and apply rewrites the files without them. The removed sysctl takes the value the host's
     * other sysctl files give it (lab-02); where none does (lab-01), the kernel keeps its value and the
     * outcome says so.
     */
    @Test
    void aSysctlAndALimitRemovedFromGitAreDeletesAndApplyTakesThemOut() throws IOException {
        StringBuilder hosts = new StringBuilder();
        for (int i = 1; i <= 2; i++) hosts.append(host(lab.host(i).name(), lab.host(i).address(), ""));
        Engine with = engine("root", hosts.toString(), "      net.ipv4.tcp_keepalive_time: \"600\"\n", LabRuns.SSH, "");
        assertFalse(with.apply(with.drift(Selection.everything()), null).failed());
        assertEquals("600\n", in(1, "sysctl -n net.ipv4.tcp_keepalive_time"));
        in(2, "printf '# another package sets it\\nnet.ipv4.tcp_keepalive_time = 7000\\n' >/etc/sysctl.d/50-lab.conf");

        Engine without = engine("root", hosts.toString(), "", LabRuns.SSH, "", "{ nofile: 1048576 }");
        Drift d = without.drift(Selection.everything());
        assertTrue(d.errors().isEmpty(), () -> d.errors().toString());
        for (String h : List.of("lab-01", "lab-02")) {
            assertEquals(List.of("delete host/" + h + "/limits/nproc", "delete host/" + h + "/sysctl/net.ipv4.tcp_keepalive_time"), changes(d).get("host/" + h));
        }
        ResourceChange keepalive = d.plan().changes().stream().filter(c -> c.address().text().equals("host/lab-01/sysctl/net.ipv4.tcp_keepalive_time"))
                .findFirst().orElseThrow();
        assertEquals(dev.fleetform.changes.Risk.SAFE, keepalive.risk());
        assertEquals(Map.of("value", "600"), keepalive.before());
        assertTrue(keepalive.reason().contains("removed from Fleetform's sysctl file"), keepalive.reason());

        ApplyReport r = without.apply(d, null);
        assertFalse(r.failed(), () -> r.outcomes().toString());
        for (int i = 1; i <= 2; i++) {
            assertFalse(in(i, "cat /etc/sysctl.d/60-fleetform.conf").contains("tcp_keepalive_time"));
            String limits = in(i, "cat /etc/security/limits.d/60-fleetform.conf");
            assertFalse(limits.contains("nproc"), limits);
            assertTrue(limits.contains("nofile"), limits);
        }
        assertEquals("7000\n", in(2, "sysctl -n net.ipv4.tcp_keepalive_time"), "set again as the host's other file says");
        assertEquals("600\n", in(1, "sysctl -n net.ipv4.tcp_keepalive_time"), "no other file sets it: the kernel keeps it");
        Map<String, String> notes = new TreeMap<>();
        for (Outcome o : r.outcomes()) if (o instanceof Outcome.Applied a && !a.note().isEmpty()) notes.put(a.change().address().text(), a.note());
        assertEquals("sysctl net.ipv4.tcp_keepalive_time is removed from /etc/sysctl.d/60-fleetform.conf; set to 7000 again, as /etc/sysctl.d/50-lab.conf says",
                notes.get("host/lab-02/sysctl/net.ipv4.tcp_keepalive_time"));
        assertEquals("sysctl net.ipv4.tcp_keepalive_time is removed from /etc/sysctl.d/60-fleetform.conf; no other sysctl file sets it, "
                + "so the kernel keeps 600 until the next boot", notes.get("host/lab-01/sysctl/net.ipv4.tcp_keepalive_time"));
        assertTrue(notes.get("host/lab-01/limits/nproc").contains("from the next login"), notes::toString);
        Drift again = without.drift(Selection.everything());
        assertTrue(again.inSync(), () -> changes(again).toString());
    }

    /**
     * A host converged by an earlier Fleetform, which wrote the sysctls to 90-fleetform.conf: its
     * stale values would win over 60-fleetform.conf at the next boot, so drift reports the keys it
     * sets and apply removes it; a 90-fleetform.conf without Fleetform's header is left alone.
     */
    @Test
    void theSysctlFileOfAnEarlierFleetformIsReportedAndRemoved() throws IOException {
        Engine e = engine(host(lab.host(1).name(), lab.host(1).address(), "") + host(lab.host(2).name(), lab.host(2).address(), ""));
        assertFalse(e.apply(e.drift(Selection.everything()), null).failed());
        in(1, "printf '# Managed by Fleetform: edit fleet.yaml, not this file.\\nnet.core.somaxconn = 4096\\nnet.ipv4.tcp_fin_timeout = 23\\n' "
                + ">/etc/sysctl.d/90-fleetform.conf");
        in(2, "printf 'net.core.somaxconn = 4096\\n' >/etc/sysctl.d/90-fleetform.conf");
        try {
            Drift d = e.drift(Selection.everything());
            assertEquals(List.of("update host/lab-01/sysctl/net.core.somaxconn", "update host/lab-01/sysctl/net.ipv4.tcp_fin_timeout"), changes(d).get("host/lab-01"));
            assertEquals(List.of(), changes(d).get("host/lab-02"), "a file of that name without Fleetform's header is someone else's");
            ResourceChange somaxconn = d.plan().changes().stream().filter(c -> c.address().text().equals("host/lab-01/sysctl/net.core.somaxconn"))
                    .findFirst().orElseThrow();
            assertEquals(Map.of("value", "1024 (and 4096 in /etc/sysctl.d/90-fleetform.conf, which wins at boot)"), somaxconn.before());

            ApplyReport r = e.apply(d, null);
            assertFalse(r.failed(), () -> r.outcomes().toString());
            assertEquals("gone\n", in(1, "test -e /etc/sysctl.d/90-fleetform.conf || echo gone"));
            assertEquals("net.core.somaxconn = 4096\n", in(2, "cat /etc/sysctl.d/90-fleetform.conf"));
            assertEquals("1024\n", in(1, "sysctl -n net.core.somaxconn"));
            Drift again = e.drift(new Selection(List.of("host/lab-01"), Set.of()));
            assertTrue(again.inSync(), () -> changes(again).toString());
        } finally {
            lab.inHost(lab.host(2), "rm -f /etc/sysctl.d/90-fleetform.conf");
        }
    }

    @Test
    void anUnreachableHostAWrongHostKeyAndAFailedLoginEachSaySoWhileTheOthersConverge() throws IOException {
        Lab.Host ok = lab.host(1);
        Lab.Host wrongKey = lab.host(2);
        Lab.Host noLogin = lab.host(3);
        Path keys = noLogin.dir().resolve("authorized_keys");
        byte[] authorized = Files.readAllBytes(keys);
        Files.write(keys, new byte[0]);
        try {
            Engine e = engine(host(ok.name(), ok.address(), "")
                    + host(wrongKey.name(), wrongKey.address(), "    hostKey: \"" + noLogin.hostKey() + "\"\n")
                    + host(noLogin.name(), noLogin.address(), "")
                    + host("lab-gone", Lab.network() + ".99", ""));
            Drift d = e.drift(Selection.everything());
            Map<String, String> errors = d.errors().stream().collect(Collectors.toMap(x -> x.target().address(), TargetError::reason));
            assertEquals(3, errors.size(), errors::toString);
            assertTrue(errors.get("host/lab-02").startsWith("the host key of lab-02 (root@" + wrongKey.address() + ":22) is not the one pinned"), errors::toString);
            assertTrue(errors.get("host/lab-03").startsWith("authentication failed on lab-03"), errors::toString);
            assertTrue(errors.get("host/lab-gone").startsWith("cannot reach lab-gone (root@" + Lab.network() + ".99:22)"), errors::toString);
            for (TargetError x : d.errors()) assertFalse(x.hint() == null || x.hint().isBlank(), x.toString());

            assertEquals(1, d.targets().size());
            ApplyReport r = e.apply(d, null);
            assertEquals(7, r.runs().getFirst().count(Outcome.Applied.class));
            assertEquals("23\n", in(1, "sysctl -n net.ipv4.tcp_fin_timeout"));
            assertEquals("60\n", in(2, "sysctl -n net.ipv4.tcp_fin_timeout"), "a host whose key is wrong is not touched");
        } finally {
            Files.write(keys, authorized);
        }
    }

    @Test
    void aSysctlTheKernelDoesNotHaveIsAWarningAndAFailedChangeWhileTheOthersApply() throws IOException {
        Engine e = engine("root", host(lab.host(1).name(), lab.host(1).address(), ""), "      net.ipv4.no_such_key: \"1\"\n", LabRuns.SSH);
        Drift d = e.drift(Selection.everything());
        assertTrue(d.plan().warnings().contains(
                "host/lab-01/sysctl/net.ipv4.no_such_key: sysctl: cannot stat /proc/sys/net/ipv4/no_such_key: No such file or directory"),
                () -> d.plan().warnings().toString());
        assertTrue(changes(d).get("host/lab-01").contains("create host/lab-01/sysctl/net.ipv4.no_such_key"));
        ApplyReport r = e.apply(d, null);
        Outcome missing = r.outcomes().stream().filter(o -> o.change().address().name().equals("net.ipv4.no_such_key")).findFirst().orElseThrow();
        assertTrue(missing instanceof Outcome.Failed f && f.reason().startsWith("sysctl net.ipv4.no_such_key: sysctl: cannot stat /proc/sys/net/ipv4/no_such_key"),
                missing::toString);
        assertEquals(r.outcomes().size() - 1, r.runs().getFirst().count(Outcome.Applied.class), "the others are applied");
        assertEquals("23\n", in(1, "sysctl -n net.ipv4.tcp_fin_timeout"));
    }

    @Test
    void aHostWhoseProbeHangsIsEndedAtTheDeadlineAndSaysSo() throws IOException {
        // a FIFO nobody writes: cat blocks on it as on a hung mount
        in(2, "rm -f /etc/timezone && mkfifo /etc/timezone");
        try {
            Engine e = engine("root", host(lab.host(1).name(), lab.host(1).address(), "") + host(lab.host(2).name(), lab.host(2).address(), ""),
                    "", LabRuns.SSH.withCommandTimeout(Duration.ofSeconds(2)));
            Drift d = e.drift(Selection.everything());
            assertEquals(1, d.errors().size(), () -> d.errors().toString());
            TargetError x = d.errors().getFirst();
            assertEquals("host/lab-02", x.target().address());
            assertTrue(x.reason().startsWith("lab-02 did not finish a command within 2 s"), x::reason);
            assertFalse(e.apply(d, null).runs().getFirst().outcomes().isEmpty(), "lab-01 is applied");
        } finally {
            in(2, "rm -f /etc/timezone; echo Etc/UTC >/etc/timezone");
        }
    }

    @Test
    void hostsBehindTheOpensshBastionOfDefaultsSshVia() throws IOException {
        Lab.Host jump = lab.host(1);
        Engine e = engine("root", host(lab.host(2).name(), lab.host(2).address(), "") + host(lab.host(3).name(), lab.host(3).address(), ""), "",
                LabRuns.SSH, "access:\n  bastions:\n    - { name: lab-jump, kind: openssh, address: " + jump.address() + ", port: 22, user: root }\n");
        Drift d = e.drift(Selection.everything());
        assertTrue(d.errors().isEmpty(), () -> d.errors().toString());
        assertFalse(e.apply(d, null).failed());
        assertEquals("23\n", in(2, "sysctl -n net.ipv4.tcp_fin_timeout"));
        assertEquals("23\n", in(3, "sysctl -n net.ipv4.tcp_fin_timeout"));
        assertEquals("60\n", in(1, "sysctl -n net.ipv4.tcp_fin_timeout"), "the bastion itself is only passed through");
        assertTrue(e.drift(Selection.everything()).inSync());
        List<String> logins = Files.readAllLines(lab.host(3).dir().resolve("sshd.log")).stream().filter(l -> l.contains("Accepted publickey")).toList();
        assertTrue(logins.getLast().contains(" from " + jump.address() + " "), "lab-03 was reached from the bastion: " + logins.getLast());
    }

    private void addOps(int i, String rule) {
        in(i, LabRuns.addOps(rule));
    }

    private void removeOps(int i) {
        lab.inHost(lab.host(i), LabRuns.REMOVE_OPS);
    }

    @Test
    void aNonRootUserAppliesThroughSudoAndASudoThatWantsAPasswordSaysSo() throws IOException {
        assertTrue(Files.isExecutable(Path.of("/usr/bin/sudo")), "sudo is missing: .ci/run installs it (apt-get install sudo)");
        addOps(2, "ops ALL=(ALL) NOPASSWD: ALL");
        addOps(3, "ops ALL=(ALL) ALL");
        try {
            Engine e = engine("ops", host(lab.host(2).name(), lab.host(2).address(), "") + host(lab.host(3).name(), lab.host(3).address(), ""));
            Drift d = e.drift(Selection.everything());
            assertTrue(d.errors().isEmpty(), () -> d.errors().toString());
            assertEquals(changes(d).get("host/lab-02").size(), changes(d).get("host/lab-03").size(), "reading needs no sudo");
            ApplyReport r = e.apply(d, null);
            ApplyReport.TargetRun two = r.runs().stream().filter(x -> x.target().address().equals("host/lab-02")).findFirst().orElseThrow();
            ApplyReport.TargetRun three = r.runs().stream().filter(x -> x.target().address().equals("host/lab-03")).findFirst().orElseThrow();
            assertEquals(two.outcomes().size(), two.count(Outcome.Applied.class), two.outcomes()::toString);
            assertEquals("root:root 644\n", in(2, "stat -c '%U:%G %a' /etc/security/limits.d/60-fleetform.conf"));
            assertEquals("23\n", in(2, "sysctl -n net.ipv4.tcp_fin_timeout"));
            // ops's login shell is dash: the probe reads the sysctls it set as they are
            Drift again = e.drift(new Selection(List.of("host/lab-02"), Set.of()));
            assertEquals(List.of(), changes(again).get("host/lab-02"), "lab-02 converged, as ops (login shell /bin/sh) sees it");
            assertEquals(three.outcomes().size(), three.count(Outcome.Failed.class));
            for (Outcome o : three.outcomes()) {
                assertTrue(((Outcome.Failed) o).reason().startsWith("sudo on lab-03 wants a password for ops"), o.toString());
            }
            assertEquals("60\n", in(3, "sysctl -n net.ipv4.tcp_fin_timeout"));
        } finally {
            removeOps(2);
            removeOps(3);
        }
    }
}
