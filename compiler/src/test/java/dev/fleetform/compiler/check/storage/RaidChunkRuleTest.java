package dev.fleetform.compiler.check.storage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static dev.fleetform.compiler.check.RuleFindings.assertValid;
import static dev.fleetform.compiler.check.RuleFindings.hints;
import static dev.fleetform.compiler.check.RuleFindings.lines;
import static dev.fleetform.compiler.check.storage.StorageFleet.with;
import static org.junit.jupiter.api.Assertions.assertEquals;

class RaidChunkRuleTest {

    private static final String RULE = "RAID-CHUNK";

    @Test
    void aChunkThatIsNotAPowerOfTwoIsRefusedWithTheNearestPowers() {
        String yaml = with("chunkKiB: 512", "chunkKiB: 500");
        assertEquals(List.of("fleet.yaml:17:71: error[RAID-CHUNK]: st-01: array md0 has chunkKiB 500; "
                + "it must be a power of two, at least 4"), lines(RULE, yaml));
        assertEquals(List.of("use 256 or 512 (the default is 512)"), hints(RULE, yaml));
    }

    @Test
    void aChunkBelowFourIsRefused() {
        String yaml = with("chunkKiB: 512", "chunkKiB: 2");
        assertEquals(List.of("fleet.yaml:17:71: error[RAID-CHUNK]: st-01: array md0 has chunkKiB 2; "
                + "it must be a power of two, at least 4"), lines(RULE, yaml));
        assertEquals(List.of("use at least 4 (the default is 512)"), hints(RULE, yaml));
    }

    @ParameterizedTest
    @ValueSource(ints = {4, 64, 512, 1024, 65536})
    void powersOfTwoFromFourAreValid(int chunk) {
        assertValid(with("chunkKiB: 512", "chunkKiB: " + chunk));
    }

    @Test
    void theDefaultChunkIsValid() {
        assertValid(with(", chunkKiB: 512", ""));
    }
}
