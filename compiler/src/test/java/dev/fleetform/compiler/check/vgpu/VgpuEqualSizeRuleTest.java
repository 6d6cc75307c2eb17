package dev.fleetform.compiler.check.vgpu;

import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.fleetform.compiler.check.RuleFindings.assertValid;
import static dev.fleetform.compiler.check.RuleFindings.hints;
import static dev.fleetform.compiler.check.RuleFindings.lines;
import static dev.fleetform.compiler.check.vgpu.GpuFleet.withLine;
import static org.junit.jupiter.api.Assertions.assertEquals;

class VgpuEqualSizeRuleTest {

    private static final String RULE = "VGPU-EQUAL-SIZE";
    /** vm1's last vGPU (an A100-10C on gpu0), after which the tests add more of the same. */
    private static final int VM1_LAST_VGPU = 19;
    private static final String ANOTHER = "\n          - { gpu: gpu0, profile: A100-10C }";

    @Test
    void twoProfilesOnOneGpuAcrossVmsAreRefused() {
        String yaml = withLine(24, "A100-10C", "A100-5C");
        assertEquals(List.of("fleet.yaml:24:26: error[VGPU-EQUAL-SIZE]: gpu-01: GPU gpu0 is in equal-size mode "
                + "but carries A100-10C (VM vm1) and A100-5C (VM vm2)"), lines(RULE, yaml));
        assertEquals(List.of("use one profile for every vGPU on gpu0, or set vgpuMode: mixed-size on it"),
                hints(RULE, yaml));
    }

    @Test
    void moreThanMaxEqualIsRefusedAtTheFirstVgpuTooMany() {
        String yaml = withLine(VM1_LAST_VGPU, "A100-10C }", "A100-10C }" + ANOTHER + ANOTHER);
        assertEquals(List.of("fleet.yaml:26:13: error[VGPU-EQUAL-SIZE]: gpu-01: GPU gpu0 carries 5 vGPUs of A100-10C; "
                + "equal-size mode allows at most 4 (VM vm1 4, VM vm2 1)"), lines(RULE, yaml));
        assertEquals(List.of("remove 1 of them or move them to another GPU, or use a smaller profile"), hints(RULE, yaml));
    }

    @Test
    void exactlyMaxEqualIsValid() {
        assertValid(withLine(VM1_LAST_VGPU, "A100-10C }", "A100-10C }" + ANOTHER));
    }

    @Test
    void mixedSizeGpusAreNotJudgedHere() {
        assertEquals(List.of(), lines(RULE, GpuFleet.YAML));
        assertValid(GpuFleet.YAML);
    }
}
