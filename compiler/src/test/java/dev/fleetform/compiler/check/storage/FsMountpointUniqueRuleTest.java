package dev.fleetform.compiler.check.storage;

import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.fleetform.compiler.check.RuleFindings.assertValid;
import static dev.fleetform.compiler.check.RuleFindings.hints;
import static dev.fleetform.compiler.check.RuleFindings.lines;
import static dev.fleetform.compiler.check.storage.StorageFleet.with;
import static org.junit.jupiter.api.Assertions.assertEquals;

class FsMountpointUniqueRuleTest {

    private static final String RULE = "FS-MOUNTPOINT-UNIQUE";

    @Test
    void twoFilesystemsAtOneMountpoint() {
        String yaml = with("mountpoint: /var/log/app", "mountpoint: /data");
        assertEquals(List.of("fleet.yaml:20:45: error[FS-MOUNTPOINT-UNIQUE]: st-01: filesystems data and logs "
                + "both mount at /data"), lines(RULE, yaml));
        assertEquals(List.of("give filesystem logs another mountpoint"), hints(RULE, yaml));
    }

    @Test
    void aTrailingSlashIsTheSameMountpoint() {
        String yaml = with("mountpoint: /var/log/app", "mountpoint: /data/");
        assertEquals(List.of("fleet.yaml:20:45: error[FS-MOUNTPOINT-UNIQUE]: st-01: filesystems data and logs "
                + "both mount at /data/"), lines(RULE, yaml));
    }

    @Test
    void distinctMountpointsAreValid() {
        assertValid(StorageFleet.YAML);
        assertValid(with("mountpoint: /var/log/app", "mountpoint: /data/logs"));
    }
}
