package dev.fleetform.compiler.check.storage;

import dev.fleetform.compiler.check.VmHostFleet;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.fleetform.compiler.check.RuleFindings.assertValid;
import static dev.fleetform.compiler.check.RuleFindings.hints;
import static dev.fleetform.compiler.check.RuleFindings.lines;
import static dev.fleetform.compiler.check.VmHostFleet.with;
import static org.junit.jupiter.api.Assertions.assertEquals;

class RefFilesystemRuleTest {

    private static final String RULE = "REF-FILESYSTEM";

    @Test
    void aMisspeltFilesystemGetsADidYouMean() {
        String yaml = with("- { filesystem: scratch, sizeGiB: 500 }", "- { filesystem: scrach, sizeGiB: 500 }");
        assertEquals(List.of("fleet.yaml:29:15: error[REF-FILESYSTEM]: hv-01: VM vm2 has a disk on filesystem scrach, "
                + "which the host does not have"), lines(RULE, yaml));
        assertEquals(List.of("did you mean 'scratch'?"), hints(RULE, yaml));
    }

    @Test
    void somethingFarOffListsTheHostsFilesystems() {
        String yaml = with("disks: [ { filesystem: vmstore, sizeGiB: 800 } ]", "disks: [ { filesystem: images, sizeGiB: 800 } ]");
        assertEquals(List.of("fleet.yaml:23:59: error[REF-FILESYSTEM]: hv-01: VM vm1 has a disk on filesystem images, "
                + "which the host does not have"), lines(RULE, yaml));
        assertEquals(List.of("the host's filesystems are scratch, vmstore"), hints(RULE, yaml));
    }

    @Test
    void filesystemsOfTheHostAreValid() {
        assertValid(VmHostFleet.YAML);
    }
}
