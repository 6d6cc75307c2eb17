package dev.fleetform.compiler.check.storage;

import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.fleetform.compiler.check.RuleFindings.assertValid;
import static dev.fleetform.compiler.check.RuleFindings.hints;
import static dev.fleetform.compiler.check.RuleFindings.lines;
import static dev.fleetform.compiler.check.storage.StorageFleet.with;
import static org.junit.jupiter.api.Assertions.assertEquals;

class RaidSparesRuleTest {

    private static final String RULE = "RAID-SPARES";

    @Test
    void raid0WithASpareIsRefused() {
        String yaml = with("level: 5,", "level: 0,");
        assertEquals(List.of("fleet.yaml:17:57: error[RAID-SPARES]: st-01: RAID0 array md0 has spares (d4); "
                + "RAID0 has no redundancy, so a spare can never be used"), lines(RULE, yaml));
        assertEquals(List.of("remove spares, or use level 1, 5, 6 or 10"), hints(RULE, yaml));
    }

    @Test
    void raid0WithoutSparesIsValid() {
        assertValid(with("level: 5, devices: [d1, d2, d3], spares: [d4]", "level: 0, devices: [d1, d2, d3]"));
    }

    @Test
    void redundantLevelsMayHaveSpares() {
        assertValid(StorageFleet.YAML);
        assertValid(with("level: 5, devices: [d1, d2, d3]", "level: 1, devices: [d1, d2, d3]"));
    }
}
