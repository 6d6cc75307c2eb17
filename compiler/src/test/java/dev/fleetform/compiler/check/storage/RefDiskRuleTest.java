package dev.fleetform.compiler.check.storage;

import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.fleetform.compiler.check.RuleFindings.assertValid;
import static dev.fleetform.compiler.check.RuleFindings.hints;
import static dev.fleetform.compiler.check.RuleFindings.lines;
import static dev.fleetform.compiler.check.storage.StorageFleet.with;
import static org.junit.jupiter.api.Assertions.assertEquals;

class RefDiskRuleTest {

    private static final String RULE = "REF-DISK";

    @Test
    void aMisspeltDeviceGetsADidYouMean() {
        String yaml = with("devices: [d1, d2, d3]", "devices: [d1, d2, dd3]");
        assertEquals(List.of("fleet.yaml:17:52: error[REF-DISK]: st-01: array md0 devices names disk dd3, "
                + "which the host does not have"), lines(RULE, yaml));
        assertEquals(List.of("did you mean 'd3'?"), hints(RULE, yaml));
    }

    @Test
    void anUnknownSpareListsTheHostsDisks() {
        String yaml = with("spares: [d4]", "spares: [nvme9]");
        assertEquals(List.of("fleet.yaml:17:66: error[REF-DISK]: st-01: array md0 spares names disk nvme9, "
                + "which the host does not have"), lines(RULE, yaml));
        assertEquals(List.of("the host's disks are d1, d2, d3, d4, d5"), hints(RULE, yaml));
    }

    @Test
    void anArrayIsNotADisk() {
        String yaml = with("spares: [d4]", "spares: [md0]");
        assertEquals(List.of("fleet.yaml:17:66: error[REF-DISK]: st-01: array md0 spares names md0, "
                + "which is a RAID array, not a disk"), lines(RULE, yaml));
        assertEquals(List.of("arrays are built from disks of hardware.disks; nested arrays are not supported"),
                hints(RULE, yaml));
    }

    @Test
    void disksOfTheHostAreValid() {
        assertValid(StorageFleet.YAML);
    }
}
