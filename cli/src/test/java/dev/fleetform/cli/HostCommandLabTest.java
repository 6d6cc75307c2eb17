package dev.fleetform.cli;

import dev.fleetform.reconciler.host.lab.Lab;
import dev.fleetform.reconciler.host.lab.LabExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code fleetform drift} and {@code apply} on the lab's fleet (lab/out/fleet.yaml: its hosts,
 * no cluster), as a person trying the product runs them: the host family is part of every run.
 */
@ExtendWith(LabExtension.class)
class HostCommandLabTest {

    @Test
    void driftFindsAHandMadeChangeApplyCorrectsItAndDriftIsThenClean(Lab lab) {
        String fleet = lab.out().resolve("fleet.yaml").toString();
        Lab.Host one = lab.host(1);
        assertEquals(0, lab.inHost(one, "sysctl -q -w net.core.somaxconn=128").exit());

        // the lab's own templates (lab/up writes them beside its fleet.yaml): its VM runs under QEMU's TCG, KVM or not
        Cli drift = Cli.run("drift", fleet, "--templates", "templates");
        assertEquals(2, drift.exit(), drift.out() + drift.err());
        assertTrue(drift.out().contains("host/lab-01/sysctl/net.core.somaxconn"), drift.out());

        Cli apply = Cli.run("apply", fleet, "--parallel", "2", "--templates", "templates");
        assertEquals(0, apply.exit(), apply.out() + apply.err());
        assertEquals("4096", lab.inHost(one, "sysctl -n net.core.somaxconn").out().strip());

        Cli again = Cli.run("drift", fleet, "--target", "host", "--format", "json", "--templates", "templates");
        assertEquals(0, again.exit(), again.out() + again.err());
        for (int i = 1; i <= 3; i++) {
            assertTrue(again.out().contains("\"target\" : \"host/lab-0" + i + "\",\n    \"status\" : \"in-sync\""), again.out());
        }
    }

    @Test
    void outOfRangeRolloutOptionsAreUsageErrors(Lab lab) {
        Path fleet = lab.out().resolve("fleet.yaml");
        Cli parallel = Cli.run("drift", fleet.toString(), "--parallel", "0");
        assertEquals(64, parallel.exit(), parallel.out() + parallel.err());
        assertTrue(parallel.err().contains("--parallel is at least 1, not 0"), parallel.err());
        Cli maxFail = Cli.run("apply", fleet.toString(), "--max-fail", "150");
        assertEquals(64, maxFail.exit(), maxFail.out() + maxFail.err());
        assertTrue(maxFail.err().contains("--max-fail is a percentage, 0 to 100, not 150"), maxFail.err());
        assertFalse((parallel.err() + maxFail.err()).contains("Exception"));
    }

    @Test
    void aTemplatesFolderThatIsNotThereIsAnErrorNotTheBuiltInTemplates(Lab lab) {
        Cli drift = Cli.run("drift", lab.out().resolve("fleet.yaml").toString(), "--templates", "tempaltes");
        assertTrue(drift.err().contains("no templates in ") && drift.err().contains("tempaltes: the folder is missing or empty"), drift.err());
        assertTrue(drift.err().contains("hint: check the --templates folder"), drift.err());
        assertFalse(drift.out().contains("in sync") || drift.exit() == 0 || drift.exit() == 2, "nothing was observed with other templates: " + drift.out());
        assertFalse(drift.err().contains("Exception"), drift.err());
    }
}
