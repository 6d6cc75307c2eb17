package dev.fleetform.compiler.check.vgpu;

import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.fleetform.compiler.check.FixtureText.removeLines;
import static dev.fleetform.compiler.check.RuleFindings.assertValid;
import static dev.fleetform.compiler.check.RuleFindings.hints;
import static dev.fleetform.compiler.check.RuleFindings.lines;
import static dev.fleetform.compiler.check.vgpu.GpuFleet.withLine;
import static org.junit.jupiter.api.Assertions.assertEquals;

class VgpuMixedSizeRuleTest {

    private static final String RULE = "VGPU-MIXED-SIZE";

    @Test
    void framebuffersAboveTheGpusAreRefusedAtTheVgpuThatOverflows() {
        String yaml = withLine(27, "A100-5C", "A100-8C");
        assertEquals(List.of("fleet.yaml:28:13: error[VGPU-MIXED-SIZE]: gpu-01: vGPUs on GPU gpu1 need 43 GiB of "
                + "framebuffer (1 × A100-20C + 1 × A100-10C + 1 × A100-8C + 1 × A100-5C); the A100-40GB has 40 GiB"),
                lines(RULE, yaml));
        assertEquals(List.of("remove or shrink vGPUs on gpu1 by 3 GiB, or move some to another GPU"), hints(RULE, yaml));
    }

    @Test
    void moreOfOneProfileThanMaxMixedIsRefusedAndTheSumIsNotJudged() {
        String yaml = withLine(26, "A100-10C", "A100-20C");
        yaml = removeLines(yaml, "profile: A100-5C");
        yaml = yaml.replace("- { gpu: gpu2, profile: A100D-40C }\n", "- { gpu: gpu1, profile: A100-20C }\n");
        assertEquals(List.of("fleet.yaml:31:13: error[VGPU-MIXED-SIZE]: gpu-01: GPU gpu1 carries 3 vGPUs of A100-20C; "
                + "mixed-size mode allows at most 2 (VM vm2 2, VM vm3 1)"), lines(RULE, yaml));
        assertEquals(List.of("remove 1 of them or move them to another GPU"), hints(RULE, yaml));
    }

    @Test
    void differentSizesUpToTheFramebufferAreValid() {
        assertValid(GpuFleet.YAML);
    }
}
