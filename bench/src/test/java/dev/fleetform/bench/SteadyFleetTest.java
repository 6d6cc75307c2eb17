package dev.fleetform.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fleetform.compiler.Validation;
import dev.fleetform.compiler.Validator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bench/steady.sh's fleet: lab/up's fleet kept as it is (its hosts, SSH settings and baseline, so
 * the hosts stay in sync with what the lab applied), its hosts the nodes of a pool of miners.
 */
class SteadyFleetTest {
    @TempDir
    Path tmp;

    /** A lab fleet of the shape lab/up writes. */
    private static String lab(int hosts) {
        StringBuilder s = new StringBuilder("""
                apiVersion: fleetform.dev/v1
                kind: Fleet
                metadata: { name: lab, owners: [lab@example.com] }
                defaults:
                  ssh:
                    user: root
                    port: 22
                    identityFile: /tmp/lab/id_ed25519
                    knownHosts: known_hosts
                  baseline:
                    sysctl:
                      net.core.somaxconn: "4096"
                      net.ipv4.ip_local_port_range: "20000 60000"
                    limits: { nofile: 1048576, nproc: 65535 }
                    timezone: Europe/Berlin
                hosts:
                """);
        for (int i = 1; i <= hosts; i++) {
            s.append("  - name: lab-%02d\n    address: 10.77.9.%d\n    labels: { lab: \"true\" }\n".formatted(i, i + 10))
             .append("    hardware:\n      cpu: { cores: 2 }\n      memoryGiB: 16\n");
        }
        return s.toString();
    }

    @Test
    void theLabsHostsBecomeAPoolRunningTheMinersAndTheirBaselineStaysAsItWas() throws IOException {
        Path file = tmp.resolve("fleet.yaml");
        Files.writeString(file, SteadyFleet.of(lab(50), 880));
        Files.writeString(tmp.resolve("known_hosts"), "");
        Validation v = Validator.validate(file);
        String found = v.diagnostics().stream().map(d -> d.location() + ": " + d.ruleId() + ": " + d.message()).collect(Collectors.joining("\n"));
        assertTrue(v.valid(), found);
        assertEquals(50, v.fleet().hosts().size());
        assertEquals(880, v.fleet().miners().size());
        assertEquals(1, v.fleet().clusters().size());
        String text = Files.readString(file);
        assertTrue(text.contains("net.core.somaxconn: \"4096\""), "sysctl values stay strings, as the lab applied them:\n" + text.substring(0, 800));
        assertTrue(text.contains("address: \"10.77.9.60\""), "the lab's addresses");
    }
}
