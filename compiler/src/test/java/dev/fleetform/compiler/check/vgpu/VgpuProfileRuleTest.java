package dev.fleetform.compiler.check.vgpu;

import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.fleetform.compiler.check.RuleFindings.assertValid;
import static dev.fleetform.compiler.check.RuleFindings.hints;
import static dev.fleetform.compiler.check.RuleFindings.lines;
import static dev.fleetform.compiler.check.vgpu.GpuFleet.with;
import static org.junit.jupiter.api.Assertions.assertEquals;

class VgpuProfileRuleTest {

    private static final String RULE = "VGPU-PROFILE";

    @Test
    void aProfileOfAnotherBoardGetsADidYouMean() {
        String yaml = with("profile: A100D-40C", "profile: A100-40C");
        assertEquals(List.of("fleet.yaml:33:26: error[VGPU-PROFILE]: gpu-01: VM vm3 asks for vGPU profile A100-40C "
                + "on GPU gpu2, a A100-80GB, which has no such profile"), lines(RULE, yaml));
        assertEquals(List.of("did you mean 'A100D-40C'?"), hints(RULE, yaml));
    }

    @Test
    void somethingFarOffListsTheModelsProfilesLargestFirst() {
        String yaml = with("profile: A100D-40C", "profile: L4-24C");
        assertEquals(List.of("A100-80GB profiles are A100D-80C, A100D-40C, A100D-20C, A100D-16C, A100D-10C, "
                + "A100D-8C, A100D-4C"), hints(RULE, yaml));
    }

    @Test
    void aVgpuWithAnUnknownProfileIsNotCountedByTheFitRules() {
        String yaml = GpuFleet.withLine(28, "A100-5C", "A100-50C");
        assertEquals(1, lines(RULE, yaml).size());
        assertEquals(List.of(), lines("VGPU-MIXED-SIZE", yaml));
        assertEquals(List.of(), lines("VGPU-VM-BOARD", yaml));
    }

    @Test
    void profilesOfTheGpusModelAreValid() {
        assertValid(GpuFleet.YAML);
    }
}
