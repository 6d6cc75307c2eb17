package dev.fleetform.reconciler.host;

import dev.fleetform.changes.Address;
import dev.fleetform.changes.Resource;
import dev.fleetform.changes.ResourceKind;
import dev.fleetform.compiler.Validation;
import dev.fleetform.compiler.Validator;
import dev.fleetform.compiler.emit.EmitContext;
import dev.fleetform.compiler.plan.DesiredResources;
import dev.fleetform.compiler.plan.HostPaths;
import dev.fleetform.compiler.work.Workers;
import dev.fleetform.reconciler.api.Fleetform;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The compiled host-baseline playbook and the host provider write the same files with the same
 * bytes (HostPaths), so a host managed by one and then the other is not rewritten, nor left with
 * two: ansible-core renders the playbook's own templates with the compiled inventory's vars of an
 * example host, and each file is compared with what the provider writes for that host.
 */
class BaselineFilesAnsibleTest {
    private static final Path EXAMPLE = Path.of(System.getProperty("fleetform.repoRoot", "..")).toAbsolutePath().normalize()
            .resolve("fleet-repo-example/fleet.yaml");
    private static final String HOST = "gpu-a100-01";

    @Test
    void theProvidersFilesAreTheBytesThePlaybookWrites(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("out");
        try (Workers workers = Workers.of(2)) {
            Fleetform.open(EXAMPLE, workers).compile().to(out).call();
        }
        Path ansible = out.resolve("ansible");
        Path rendered = Files.createDirectories(tmp.resolve("rendered"));
        Path play = tmp.resolve("render.yml");
        Files.writeString(play, """
                - hosts: %s
                  connection: local
                  gather_facts: false
                  tasks:
                    - { ansible.builtin.template: { src: "%s/templates/sysctl.conf.j2", dest: "%s/sysctl" } }
                    - { ansible.builtin.template: { src: "%s/templates/limits.conf.j2", dest: "%s/limits" } }
                    - { ansible.builtin.template: { src: "%s/templates/systemd-limits.conf.j2", dest: "%s/systemd" } }
                    - { ansible.builtin.template: { src: "%s/templates/resolv.conf.j2", dest: "%s/resolv" } }
                """.formatted(HOST, ansible, rendered, ansible, rendered, ansible, rendered, ansible, rendered));
        Process p = new ProcessBuilder("ansible-playbook", "-i", ansible.resolve("inventory.yml").toString(), play.toString(),
                "-e", "{\"ansible_python_interpreter\": \"/usr/bin/python3\"}")
                .redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), log);

        Validation v = Validator.validate(EXAMPLE);
        Map<Address, Resource> desired = DesiredResources.of(v.fleet(), v.index(), new EmitContext(dev.fleetform.compiler.emit.Templates.builtIn())).all()
                .entrySet().stream().filter(e -> e.getKey().startsWith("host/" + HOST))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        Map<String, String> limits = BaselineFiles.values(desired, ResourceKind.LIMIT);
        Resource dns = desired.values().stream().filter(r -> r.kind() == ResourceKind.DNS).findFirst().orElseThrow();
        same(rendered.resolve("sysctl"), BaselineFiles.sysctl(BaselineFiles.values(desired, ResourceKind.SYSCTL)));
        same(rendered.resolve("limits"), BaselineFiles.limits(limits));
        same(rendered.resolve("systemd"), BaselineFiles.systemdLimits(limits.get("nofile")));
        same(rendered.resolve("resolv"), BaselineFiles.resolv(BaselineFiles.strings(dns, "nameservers"), BaselineFiles.strings(dns, "search")));
        assertTrue(Files.readString(rendered.resolve("sysctl")).startsWith(HostPaths.HEADER + "\n"));
    }

    private static void same(Path ansible, byte[] provider) throws IOException {
        assertArrayEquals(Files.readAllBytes(ansible), provider, () -> {
            try {
                return ansible.getFileName() + ": ansible wrote\n" + Files.readString(ansible) + "\nthe provider writes\n" + new String(provider, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
    }
}
