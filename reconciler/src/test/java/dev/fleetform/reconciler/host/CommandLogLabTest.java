package dev.fleetform.reconciler.host;

import dev.fleetform.changes.Address;
import dev.fleetform.changes.Differ;
import dev.fleetform.changes.Resource;
import dev.fleetform.changes.ResourceChange;
import dev.fleetform.changes.ResourceKind;
import dev.fleetform.changes.ResourceSet;
import dev.fleetform.compiler.Validation;
import dev.fleetform.compiler.Validator;
import dev.fleetform.compiler.model.Host;
import dev.fleetform.compiler.work.Workers;
import dev.fleetform.reconciler.engine.Outcome;
import dev.fleetform.reconciler.host.lab.Lab;
import dev.fleetform.reconciler.host.lab.LabExtension;
import dev.fleetform.reconciler.host.probe.HostFiles;
import dev.fleetform.reconciler.host.probe.ProbeReport;
import dev.fleetform.reconciler.host.probe.ProbeScript;
import dev.fleetform.reconciler.host.ssh.ExecResult;
import dev.fleetform.reconciler.host.ssh.ShellQuote;
import dev.fleetform.reconciler.host.ssh.SshClient;
import dev.fleetform.reconciler.host.ssh.SshEndpoint;
import dev.fleetform.reconciler.host.ssh.SshOptions;
import dev.fleetform.reconciler.host.ssh.SshSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hostile values through the host provider's applier, as if the schema had let them through,
 * against a lab host whose second sshd logs every command it is given (ForceCommand) before it
 * runs it: the log shows each value inside one quoted word, and nothing it smuggles in ran.
 */
@ExtendWith(LabExtension.class)
class CommandLogLabTest {
    private static final int PORT = 2222;

    private Lab lab;
    private Lab.Host host;
    private final String marker = "/tmp/ff-injected-" + UUID.randomUUID();

    @BeforeEach
    void loggingSshd(Lab lab) {
        this.lab = lab;
        this.host = lab.host(1);
        String dir = "/root/cmdlog";
        String script = """
                set -e
                mkdir -p %1$s
                cat > %1$s/run <<'EOF'
                #!/bin/sh
                printf '%%s\\n--\\n' "$SSH_ORIGINAL_COMMAND" >> %1$s/commands.log
                exec /bin/sh -c "$SSH_ORIGINAL_COMMAND"
                EOF
                chmod 755 %1$s/run
                : > %1$s/commands.log
                sed -e 's|^ListenAddress .*|ListenAddress %2$s:%3$d|' -e 's|^PidFile .*|PidFile %1$s/sshd.pid|' %4$s/sshd_config > %1$s/sshd_config
                echo 'ForceCommand %1$s/run' >> %1$s/sshd_config
                setsid /usr/sbin/sshd -D -f %1$s/sshd_config -E %1$s/sshd.log </dev/null >/dev/null 2>&1 &
                for i in $(seq 1 100); do [ -s %1$s/sshd.pid ] && exit 0; sleep 0.05; done
                exit 1
                """.formatted(dir, host.address(), PORT, host.dir());
        Lab.Result r = lab.inHost(host, script);
        assertEquals(0, r.exit(), r.out());
    }

    @AfterEach
    void stopIt() {
        lab.inHost(host, "kill $(cat /root/cmdlog/sshd.pid) 2>/dev/null; rm -rf /root/cmdlog; " + Lab.NO_BASELINE_FILES);
    }

    private SshSession open() throws Exception {
        String known = "[" + host.address() + "]:" + PORT + " " + host.hostKey() + "\n";
        return new SshClient(SshOptions.defaults()).open(new SshEndpoint(host.name(), host.address(), PORT, "root", lab.identityFile(), known, null));
    }

    @Test
    void theCommandLogShowsEveryHostileValueAsOneQuotedWordAndNothingInjectedRan() throws Exception {
        List<String> hostile = List.of("1; touch " + marker, "$(touch " + marker + ")", "`touch " + marker + "`",
                "x' ; touch " + marker + " ; '");
        Address.OnHost h = Address.OnHost.of(host.name());
        List<Resource> desired = new ArrayList<>();
        Map<String, String> sysctls = new LinkedHashMap<>();
        for (int i = 0; i < hostile.size(); i++) sysctls.put("net.ff" + i + ".x", hostile.get(i));
        sysctls.put("net.core.x$(touch " + marker + ")", "1");
        sysctls.forEach((k, v) -> desired.add(new Resource(h.child("sysctl", k), ResourceKind.SYSCTL, Map.of("value", v))));
        desired.add(new Resource(h.child("dns"), ResourceKind.DNS, Map.of("nameservers", List.of("10.0.0.2; touch " + marker),
                "search", List.of("$(touch " + marker + ")"))));
        desired.add(new Resource(h.child("timezone"), ResourceKind.TIMEZONE, Map.of("value", "Europe/Berlin; touch " + marker)));

        Validation lab = new Validator(Workers.callerOnly()).validateFile(this.lab.out().resolve("fleet.yaml"));
        Host model = lab.fleet().hosts().getFirst();
        Map<Address, Resource> byAddress = new LinkedHashMap<>();
        for (Resource r : desired) byAddress.put(r.address(), r);
        List<ResourceChange> changes = Differ.diff(ResourceSet.of(List.of(new ResourceSet.Part("hostile", null, () -> desired))),
                ResourceSet.EMPTY, Set.of()).changes();
        assertEquals(desired.size(), changes.size());

        List<Outcome> out = new ArrayList<>();
        try (SshSession s = open()) {
            ProbeScript probe = ProbeScript.of(List.of(), List.of());
            ExecResult read = s.exec(probe.script(), null);
            new BaselineApplier().apply(new RemoteHost(model, s, ProbeReport.parse(read.stdout(), probe.marker()), byAddress), changes, out);
        }
        assertEquals(changes.size(), out.size(), out::toString);
        for (Outcome o : out) {
            if (o.change().kind() != ResourceKind.TIMEZONE) assertTrue(o instanceof Outcome.Applied || o instanceof Outcome.Failed f
                    && f.reason().startsWith("sysctl "), o::toString); // the kernel has no such key: sysctl -p says so
        }

        String log = lab(this.lab.inHost(host, "cat /root/cmdlog/commands.log"));
        assertTrue(log.contains("cat >\"$t\""), "the log is the provider's commands: " + log);
        for (String v : hostile) assertTrue(log.contains(ShellQuote.quote("net.ff" + hostile.indexOf(v) + ".x")), log);
        assertTrue(log.contains(ShellQuote.quote("net.core.x$(touch " + marker + ")")), "the hostile key went as one quoted word: " + log);
        assertTrue(log.contains(ShellQuote.quote(HostFiles.ZONEINFO + "Europe/Berlin; touch " + marker))
                || out.stream().anyMatch(o -> o instanceof Outcome.Failed f && f.reason().contains("timezone")), log);
        assertFalse(Files.exists(Path.of(marker)), "nothing ran on the machine's shared /tmp");
        assertEquals(1, this.lab.inHost(host, "test -e " + ShellQuote.quote(marker)).exit(), "nor in the host");
        // the values are data: in the files as written, not run
        String sysctl = lab(this.lab.inHost(host, "cat " + HostFiles.SYSCTL));
        assertTrue(sysctl.contains("net.ff1.x = $(touch " + marker + ")"), sysctl);
        String resolv = lab(this.lab.inHost(host, "cat " + HostFiles.RESOLV));
        assertTrue(resolv.contains("search $(touch " + marker + ")"), resolv);
    }

    @Test
    void aValueWithALineBreakIsRefusedBeforeAnythingIsWritten() throws Exception {
        Address.OnHost h = Address.OnHost.of(host.name());
        List<Resource> desired = List.of(new Resource(h.child("sysctl", "net.core.somaxconn"), ResourceKind.SYSCTL,
                Map.of("value", "4096\nkernel.sysrq = 1")));
        Map<Address, Resource> byAddress = Map.of(desired.getFirst().address(), desired.getFirst());
        List<ResourceChange> changes = Differ.diff(ResourceSet.of(List.of(new ResourceSet.Part("hostile", null, () -> desired))),
                ResourceSet.EMPTY, Set.of()).changes();
        Host model = new Validator(Workers.callerOnly()).validateFile(lab.out().resolve("fleet.yaml")).fleet().hosts().getFirst();
        List<Outcome> out = new ArrayList<>();
        try (SshSession s = open()) {
            ProbeScript probe = ProbeScript.of(List.of(), List.of());
            ExecResult read = s.exec(probe.script(), null);
            new BaselineApplier().apply(new RemoteHost(model, s, ProbeReport.parse(read.stdout(), probe.marker()), byAddress), changes, out);
        }
        Outcome.Failed f = (Outcome.Failed) out.getFirst();
        assertEquals("the value of sysctl net.core.somaxconn must be one line (it holds a line break or NUL): 4096\\nkernel.sysrq = 1", f.reason());
        assertFalse(lab(lab.inHost(host, "cat /root/cmdlog/commands.log")).contains("kernel.sysrq"), "nothing carrying it reached the host");
    }

    private static String lab(Lab.Result r) {
        assertEquals(0, r.exit(), r.out());
        return r.out();
    }
}
