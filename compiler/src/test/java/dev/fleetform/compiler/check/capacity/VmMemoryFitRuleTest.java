package dev.fleetform.compiler.check.capacity;

import dev.fleetform.compiler.check.VmHostFleet;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.fleetform.compiler.check.RuleFindings.assertValid;
import static dev.fleetform.compiler.check.RuleFindings.hints;
import static dev.fleetform.compiler.check.RuleFindings.lines;
import static dev.fleetform.compiler.check.VmHostFleet.with;
import static org.junit.jupiter.api.Assertions.assertEquals;

class VmMemoryFitRuleTest {

    private static final String RULE = "VM-MEMORY-FIT";

    @Test
    void oneGibTooManyIsReportedOnTheHostWithTheVmsShares() {
        String yaml = with("memoryGiB: 48", "memoryGiB: 49");
        assertEquals(List.of("fleet.yaml:4:5: error[VM-MEMORY-FIT]: hv-01: VMs need 241 GiB of memory; "
                + "the host has 256 GiB - reservedMemoryGiB 16 = 240 GiB (vm1 96 GiB, vm2 96 GiB, vm3 49 GiB)"),
                lines(RULE, yaml));
        assertEquals(List.of("lower memoryGiB of a VM, move a VM to another host, or lower reservedMemoryGiB"),
                hints(RULE, yaml));
    }

    @Test
    void theDefaultReservationIsEightGib() {
        String yaml = with("    reservedMemoryGiB: 16\n", "").replace("memoryGiB: 48", "memoryGiB: 57");
        assertEquals(List.of("fleet.yaml:4:5: error[VM-MEMORY-FIT]: hv-01: VMs need 249 GiB of memory; "
                + "the host has 256 GiB - reservedMemoryGiB 8 = 248 GiB (vm1 96 GiB, vm2 96 GiB, vm3 57 GiB)"),
                lines(RULE, yaml));
    }

    @Test
    void aHostWithoutMemoryCannotHostVms() {
        String yaml = with("      memoryGiB: 256\n", "");
        assertEquals(List.of("fleet.yaml:4:5: error[VM-MEMORY-FIT]: hv-01: VMs need 240 GiB of memory; the host "
                + "declares no hardware.memoryGiB (vm1 96 GiB, vm2 96 GiB, vm3 48 GiB)"), lines(RULE, yaml));
        assertEquals(List.of("set hardware.memoryGiB on the host or its profile"), hints(RULE, yaml));
    }

    @Test
    void exactlyTheLimitIsValid() {
        assertValid(VmHostFleet.YAML);
        assertValid(with("    reservedMemoryGiB: 16\n", "").replace("memoryGiB: 48", "memoryGiB: 56"));
    }
}
