package dev.fleetform.compiler.check.storage;

import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.fleetform.compiler.check.RuleFindings.assertValid;
import static dev.fleetform.compiler.check.RuleFindings.hints;
import static dev.fleetform.compiler.check.RuleFindings.lines;
import static dev.fleetform.compiler.check.storage.StorageFleet.with;
import static org.junit.jupiter.api.Assertions.assertEquals;

class DiskOnceRuleTest {

    private static final String RULE = "DISK-ONCE";

    @Test
    void aMemberThatIsAlsoASpareNamesBothUses() {
        String yaml = with("spares: [d4]", "spares: [d3]");
        assertEquals(List.of("fleet.yaml:17:66: error[DISK-ONCE]: st-01: disk d3 is used by array md0 (device) "
                + "and by array md0 (spare)"), lines(RULE, yaml));
        assertEquals(List.of("a disk belongs to one array or one filesystem; remove d3 from one of them"),
                hints(RULE, yaml));
    }

    @Test
    void aDiskListedTwiceInOneArray() {
        String yaml = with("devices: [d1, d2, d3]", "devices: [d1, d2, d1]");
        assertEquals(List.of("fleet.yaml:17:52: error[DISK-ONCE]: st-01: disk d1 is listed twice in devices of array md0"),
                lines(RULE, yaml));
    }

    @Test
    void aFilesystemOnAnArrayMember() {
        String yaml = with("on: d5,", "on: d2,");
        assertEquals(List.of("fleet.yaml:20:25: error[DISK-ONCE]: st-01: disk d2 is used by array md0 (device) "
                + "and by filesystem logs"), lines(RULE, yaml));
        assertEquals(List.of("a disk belongs to one array or one filesystem; put logs on another disk or array"),
                hints(RULE, yaml));
    }

    @Test
    void twoFilesystemsOnOneArray() {
        String yaml = with("on: d5,", "on: md0,");
        assertEquals(List.of("fleet.yaml:20:25: error[DISK-ONCE]: st-01: array md0 is used by filesystem data "
                + "and by filesystem logs"), lines(RULE, yaml));
        assertEquals(List.of("an array carries one filesystem; put logs on another array or disk"), hints(RULE, yaml));
    }

    @Test
    void eachDiskUsedOnceIsValid() {
        assertValid(StorageFleet.YAML);
    }

    @Test
    void theSameDiskNameOnTwoHostsIsNotShared() {
        assertValid(StorageFleet.PROFILED);
    }
}
