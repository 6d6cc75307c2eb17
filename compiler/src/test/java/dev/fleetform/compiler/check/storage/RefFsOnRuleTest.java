package dev.fleetform.compiler.check.storage;

import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.fleetform.compiler.check.RuleFindings.assertValid;
import static dev.fleetform.compiler.check.RuleFindings.hints;
import static dev.fleetform.compiler.check.RuleFindings.lines;
import static dev.fleetform.compiler.check.storage.StorageFleet.PROFILED;
import static dev.fleetform.compiler.check.storage.StorageFleet.with;
import static org.junit.jupiter.api.Assertions.assertEquals;

class RefFsOnRuleTest {

    private static final String RULE = "REF-FS-ON";

    @Test
    void aMisspeltArrayGetsADidYouMeanThatPrefersArrays() {
        String yaml = with("on: md0,", "on: md1,");
        assertEquals(List.of("fleet.yaml:19:25: error[REF-FS-ON]: st-01: filesystem data is on md1, "
                + "which is not a RAID array or disk of the host"), lines(RULE, yaml));
        assertEquals(List.of("did you mean 'md0'?"), hints(RULE, yaml));
    }

    @Test
    void aMisspeltDiskGetsADidYouMean() {
        String yaml = with("on: d5,", "on: dd5,");
        assertEquals(List.of("did you mean 'd5'?"), hints(RULE, yaml));
    }

    @Test
    void somethingFarOffListsArraysAndDisks() {
        String yaml = with("on: d5,", "on: scratch,");
        assertEquals(List.of("fleet.yaml:20:25: error[REF-FS-ON]: st-01: filesystem logs is on scratch, "
                + "which is not a RAID array or disk of the host"), lines(RULE, yaml));
        assertEquals(List.of("the host's arrays and disks are d1, d2, d3, d4, d5, md0"), hints(RULE, yaml));
    }

    @Test
    void aFilesystemInheritedFromAProfileIsReportedOnceAtTheProfile() {
        String yaml = with(PROFILED, "on: md0,", "on: md9,");
        assertEquals(List.of("fleet.yaml:16:25: error[REF-FS-ON]: st-01: filesystem data is on md9, "
                + "which is not a RAID array or disk of the host (and 1 more host with profile storage-node)"),
                lines(RULE, yaml));
    }

    @Test
    void arraysAndDisksAreValid() {
        assertValid(StorageFleet.YAML);
        assertValid(PROFILED);
    }
}
