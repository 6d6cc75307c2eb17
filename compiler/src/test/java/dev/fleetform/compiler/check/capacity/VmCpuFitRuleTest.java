package dev.fleetform.compiler.check.capacity;

import dev.fleetform.compiler.check.VmHostFleet;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.fleetform.compiler.check.RuleFindings.assertValid;
import static dev.fleetform.compiler.check.RuleFindings.hints;
import static dev.fleetform.compiler.check.RuleFindings.lines;
import static dev.fleetform.compiler.check.VmHostFleet.with;
import static org.junit.jupiter.api.Assertions.assertEquals;

class VmCpuFitRuleTest {

    private static final String RULE = "VM-CPU-FIT";

    @Test
    void oneVcpuTooManyIsReportedOnTheHostWithTheVmsShares() {
        String yaml = with("name: vm3, vcpus: 16", "name: vm3, vcpus: 17");
        assertEquals(List.of("fleet.yaml:4:5: error[VM-CPU-FIT]: hv-01: VMs need 49 vCPUs; the host allows "
                + "32 cores × overcommit.cpu 1.5 = 48 (vm3 17, vm1 16, vm2 16)"), lines(RULE, yaml));
        assertEquals(List.of("lower vcpus of a VM, move a VM to another host, or raise overcommit.cpu"),
                hints(RULE, yaml));
    }

    @Test
    void withoutOvercommitTheLimitIsTheCores() {
        String yaml = with("    overcommit: { cpu: 1.5 }\n", "");
        assertEquals(List.of("fleet.yaml:4:5: error[VM-CPU-FIT]: hv-01: VMs need 48 vCPUs; the host allows "
                + "32 cores × overcommit.cpu 1 = 32 (vm1 16, vm2 16, vm3 16)"), lines(RULE, yaml));
    }

    @Test
    void aHostWithoutCoresCannotHostVms() {
        String yaml = with("      cpu: { cores: 32 }\n", "");
        assertEquals(List.of("fleet.yaml:4:5: error[VM-CPU-FIT]: hv-01: VMs need 48 vCPUs; the host declares "
                + "no hardware.cpu.cores (vm1 16, vm2 16, vm3 16)"), lines(RULE, yaml));
        assertEquals(List.of("set hardware.cpu.cores on the host or its profile"), hints(RULE, yaml));
    }

    @Test
    void exactlyTheLimitIsValid() {
        assertValid(VmHostFleet.YAML);
    }
}
