package dev.fleetform.reconciler.host.lab;

import dev.fleetform.compiler.Validation;
import dev.fleetform.compiler.work.Workers;
import dev.fleetform.reconciler.api.Fleetform;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The lab is what its tests rely on: separate hosts, a fleet that validates, a guard on disks. */
@ExtendWith(LabExtension.class)
class LabTest {

    @Test
    void theLabFleetIsValid(Lab lab) {
        Validation v = Fleetform.open(lab.out().resolve("fleet.yaml"), Workers.callerOnly()).validate();
        assertTrue(v.valid(), () -> v.diagnostics().toString());
        assertTrue(v.fleet().hosts().size() >= LabExtension.HOSTS);
    }

    @Test
    void eachHostHasItsOwnNameFilesAndKernelNetworkSettings(Lab lab) {
        Lab.Host one = lab.host(1);
        Lab.Host two = lab.host(2);
        assertEquals("lab-01", lab.inHost(one, "hostname").out().strip());
        String dir = "/srv/lab-test-" + UUID.randomUUID();
        assertEquals(0, lab.inHost(one, "mkdir " + dir + " && sysctl -qw net.ipv4.tcp_fin_timeout=17").exit());
        try {
            assertFalse(Files.exists(Path.of(dir)), "a host's /srv is its own, not the machine's");
            assertEquals(1, lab.inHost(two, "test -d " + dir).exit());
            assertEquals("17", lab.inHost(one, "sysctl -n net.ipv4.tcp_fin_timeout").out().strip());
            assertFalse(lab.inHost(two, "sysctl -n net.ipv4.tcp_fin_timeout").out().strip().equals("17"));
            assertEquals("", lab.inHost(one, "ls /usr/lib/sysctl.d").out().strip(), "sysctl --system finds nothing to apply to the shared kernel");
            assertEquals(0, lab.inHost(one, "grep -q pyenv /root/.bashrc").exit() == 0 ? 1 : 0, "Debian's root dotfiles, not the machine's");
        } finally {
            lab.inHost(one, "rmdir " + dir + "; sysctl -qw net.ipv4.tcp_fin_timeout=60");
        }
    }

    @Test
    void onlyTheLabsOwnLoopDevicesPassTheGuard(Lab lab) {
        String disk = lab.host(1).disks().getFirst();
        assertEquals(disk, lab.requireLabDevice(disk));
        assertThrows(IllegalArgumentException.class, () -> lab.requireLabDevice("/dev/vda"));
        assertThrows(IllegalArgumentException.class, () -> lab.requireLabDevice("/dev/loop999"));
    }
}
