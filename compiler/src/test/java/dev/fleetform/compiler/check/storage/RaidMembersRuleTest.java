package dev.fleetform.compiler.check.storage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static dev.fleetform.compiler.check.FixtureText.removeLines;
import static dev.fleetform.compiler.check.RuleFindings.assertValid;
import static dev.fleetform.compiler.check.RuleFindings.hints;
import static dev.fleetform.compiler.check.RuleFindings.lines;
import static dev.fleetform.compiler.check.storage.StorageFleet.PROFILED;
import static dev.fleetform.compiler.check.storage.StorageFleet.with;
import static org.junit.jupiter.api.Assertions.assertEquals;

class RaidMembersRuleTest {

    private static final String RULE = "RAID-MEMBERS";
    private static final String MD0 = "level: 5, devices: [d1, d2, d3], spares: [d4]";

    @Test
    void raid5WithTwoMembersNeedsAThird() {
        String yaml = with(MD0, "level: 5, devices: [d1, d2], spares: [d4]");
        assertEquals(List.of("fleet.yaml:17:34: error[RAID-MEMBERS]: st-01: RAID5 array md0 has 2 members; RAID5 needs at least 3"),
                lines(RULE, yaml));
        assertEquals(List.of("add a disk to devices, or use level 1"), hints(RULE, yaml));
    }

    @Test
    void raid10WithThreeMembersSuggestsRaid5() {
        String yaml = with(MD0, "level: 10, devices: [d1, d2, d3], spares: [d4]");
        assertEquals(List.of("fleet.yaml:17:35: error[RAID-MEMBERS]: st-01: RAID10 array md0 has 3 members; RAID10 needs at least 4"),
                lines(RULE, yaml));
        assertEquals(List.of("add a disk to devices, or use level 5"), hints(RULE, yaml));
    }

    @Test
    void raid10NeedsAnEvenNumberOfMembers() {
        String yaml = removeLines(with(MD0, "level: 10, devices: [d1, d2, d3, d4, d5]"), "name: logs");
        assertEquals(List.of("fleet.yaml:17:35: error[RAID-MEMBERS]: st-01: RAID10 array md0 has 5 members; RAID10 needs an even number"),
                lines(RULE, yaml));
        assertEquals(List.of("add or remove a disk in devices, or use level 6"), hints(RULE, yaml));
    }

    @Test
    void raid1WithOneMemberHasNoSmallerLevelToSuggest() {
        String yaml = with(MD0, "level: 1, devices: [d1], spares: [d4]");
        assertEquals(List.of("fleet.yaml:17:34: error[RAID-MEMBERS]: st-01: RAID1 array md0 has 1 member; RAID1 needs at least 2"),
                lines(RULE, yaml));
        assertEquals(List.of("add a disk to devices"), hints(RULE, yaml));
    }

    @Test
    void sparesAreNotMembers() {
        String yaml = with(MD0, "level: 6, devices: [d1, d2, d3], spares: [d4]");
        assertEquals(List.of("fleet.yaml:17:34: error[RAID-MEMBERS]: st-01: RAID6 array md0 has 3 members; RAID6 needs at least 4"),
                lines(RULE, yaml));
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            "level: 0, devices: [d1, d2]",
            "level: 1, devices: [d1, d2]",
            "level: 1, devices: [d1, d2, d3]",
            "level: 5, devices: [d1, d2, d3], spares: [d4]",
            "level: 6, devices: [d1, d2, d3, d4]",
            "level: 10, devices: [d1, d2, d3, d4]",
    })
    void enoughMembersForEachLevelIsValid(String md0) {
        assertValid(with(MD0, md0));
    }

    @Test
    void anArrayInheritedFromAProfileIsReportedOnceAtTheProfile() {
        String yaml = with(PROFILED, "level: 5, devices: [d1, d2, d3]", "level: 6, devices: [d1, d2, d3]");
        assertEquals(List.of("fleet.yaml:14:34: error[RAID-MEMBERS]: st-01: RAID6 array md0 has 3 members; "
                        + "RAID6 needs at least 4 (and 1 more host with profile storage-node)"),
                lines(RULE, yaml));
        assertEquals(List.of("add a disk to devices, or use level 5"), hints(RULE, yaml));
    }
}
