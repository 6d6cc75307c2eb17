package dev.fleetform.compiler.check.capacity;

import dev.fleetform.compiler.check.VmHostFleet;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.fleetform.compiler.check.RuleFindings.assertValid;
import static dev.fleetform.compiler.check.RuleFindings.hints;
import static dev.fleetform.compiler.check.RuleFindings.lines;
import static dev.fleetform.compiler.check.VmHostFleet.with;
import static org.junit.jupiter.api.Assertions.assertEquals;

class VmDiskFitRuleTest {

    private static final String RULE = "VM-DISK-FIT";

    @Test
    void anArrayHoldsWhatItsLevelLeavesOfItsSmallestMember() {
        String yaml = with("- { filesystem: vmstore, sizeGiB: 800 }\n", "- { filesystem: vmstore, sizeGiB: 801 }\n");
        assertEquals(List.of("fleet.yaml:4:5: error[VM-DISK-FIT]: hv-01: VM disks on filesystem vmstore need 1601 GiB; "
                + "its RAID5 array md0 of 3 disks has 1600 GiB usable (vm2 801 GiB, vm1 800 GiB)"), lines(RULE, yaml));
        assertEquals(List.of("shrink or move a VM disk, or put vmstore on a bigger disk or array"), hints(RULE, yaml));
    }

    @Test
    void aDiskHoldsItsSize() {
        String yaml = with("{ filesystem: scratch, sizeGiB: 500 }", "{ filesystem: scratch, sizeGiB: 501 }");
        assertEquals(List.of("fleet.yaml:4:5: error[VM-DISK-FIT]: hv-01: VM disks on filesystem scratch need 501 GiB; "
                + "its disk d4 has 500 GiB usable (vm2 501 GiB)"), lines(RULE, yaml));
    }

    @Test
    void raid1HoldsOneMember() {
        String yaml = with("level: 5, devices: [d1, d2, d3]", "level: 1, devices: [d1, d3]");
        assertEquals(List.of("fleet.yaml:4:5: error[VM-DISK-FIT]: hv-01: VM disks on filesystem vmstore need 1600 GiB; "
                + "its RAID1 array md0 of 2 disks has 1000 GiB usable (vm1 800 GiB, vm2 800 GiB)"), lines(RULE, yaml));
    }

    @Test
    void aBrokenArrayIsLeftToTheRaidRules() {
        String yaml = with("level: 5, devices: [d1, d2, d3]", "level: 5, devices: [d1, d3]");
        assertEquals(List.of(), lines(RULE, yaml));
        assertEquals(1, lines("RAID-MEMBERS", yaml).size());
    }

    @Test
    void exactlyTheUsableSizeIsValid() {
        assertValid(VmHostFleet.YAML);
    }
}
