package dev.fleetform.reconciler.host;

import dev.fleetform.changes.Address;
import dev.fleetform.changes.Resource;
import dev.fleetform.compiler.Validation;
import dev.fleetform.compiler.emit.EmitContext;
import dev.fleetform.compiler.emit.Templates;
import dev.fleetform.compiler.load.FileSystemSource;
import dev.fleetform.compiler.plan.DesiredResources;
import dev.fleetform.compiler.work.Workers;
import dev.fleetform.reconciler.api.Fleetform;
import dev.fleetform.reconciler.engine.Target;
import dev.fleetform.reconciler.engine.TargetUnavailable;
import dev.fleetform.reconciler.host.ssh.SshOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the host provider decides before any connection: its targets, its desired state, a configuration it cannot use. */
class HostProviderTest {
    @TempDir
    Path repo;

    private Validation fleet(String ssh) throws IOException {
        Files.writeString(repo.resolve("fleet.yaml"), """
                apiVersion: fleetform.dev/v1
                kind: Fleet
                metadata: { name: t, owners: [t@example.com] }
                defaults:
                  ssh: %s
                  baseline:
                    sysctl: { net.core.somaxconn: "1024", vm.swappiness: "1" }
                    limits: { nofile: 1048576 }
                    timezone: UTC
                hosts:
                  - { name: a-01, address: 192.0.2.11, hardware: { cpu: { cores: 2 }, memoryGiB: 16 } }
                  - name: a-02
                    address: 192.0.2.12
                    baseline: { sysctl: { net.ipv4.tcp_fin_timeout: "20" } }
                    hardware: { cpu: { cores: 2 }, memoryGiB: 16 }
                """.formatted(ssh));
        Validation v = Fleetform.open(repo.resolve("fleet.yaml"), Workers.callerOnly()).validate();
        assertTrue(v.valid(), () -> v.diagnostics().toString());
        return v;
    }

    private HostProvider provider(Validation v) {
        return new HostProvider(v, new EmitContext(Templates.builtIn()), new FileSystemSource(repo), SshOptions.defaults());
    }

    @Test
    void aTargetPerHostWhoseDesiredStateIsWhatPlanBuilds() throws IOException {
        Validation v = fleet("{ user: root, knownHosts: known_hosts }");
        HostProvider p = provider(v);
        assertEquals("host", p.family());
        assertEquals(List.of(new Target("host/a-01"), new Target("host/a-02")), p.targets());
        Map<Address, Resource> plan = DesiredResources.of(v.fleet(), v.index(), new EmitContext(Templates.builtIn())).all();
        Map<String, Map<String, Object>> fromPlan = plan.values().stream().filter(r -> r.address().startsWith("host/a-02"))
                .collect(Collectors.toMap(r -> r.address().text(), Resource::fields));
        Map<String, Map<String, Object>> desired = p.desired(new Target("host/a-02")).all().values().stream()
                .collect(Collectors.toMap(r -> r.address().text(), Resource::fields));
        assertEquals(fromPlan, desired);
        assertEquals(Map.of("value", "20"), desired.get("host/a-02/sysctl/net.ipv4.tcp_fin_timeout"), "the host's own baseline over the defaults");
        assertTrue(desired.containsKey("host/a-02/sysctl/vm.swappiness"));
    }

    @Test
    void aKnownHostsFileMissingFromTheRepoMakesTheHostUnavailableWithAHint() throws IOException {
        HostProvider p = provider(fleet("{ user: root, knownHosts: known_hosts }"));
        TargetUnavailable e = assertThrows(TargetUnavailable.class, () -> p.observe(new Target("host/a-01")));
        assertTrue(e.getMessage().startsWith("cannot read the knownHosts file"), e.getMessage());
        assertTrue(e.hint().contains("ssh-keyscan"), e.hint());
    }

    @Test
    void withNeitherAHostKeyNorKnownHostsNoConnectionIsTried() throws IOException {
        HostProvider p = provider(fleet("{ user: root }"));
        TargetUnavailable e = assertThrows(TargetUnavailable.class, () -> p.observe(new Target("host/a-01")));
        assertEquals("no host key to check a-01 against: it has no hostKey and defaults.ssh has no knownHosts", e.getMessage());
    }

    @Test
    void identityFilesAreFoundAsSshFindsThem() {
        Path home = Path.of(System.getProperty("user.home"));
        assertEquals(home.resolve(".ssh/fleet_ed25519"), HostEndpoints.identity("~/.ssh/fleet_ed25519"));
        assertEquals(Path.of("/etc/fleet/key"), HostEndpoints.identity("/etc/fleet/key"));
        assertEquals(Path.of("keys/k").toAbsolutePath(), HostEndpoints.identity("keys/k"));
    }
}
