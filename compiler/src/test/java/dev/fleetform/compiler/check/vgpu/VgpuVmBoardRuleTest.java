package dev.fleetform.compiler.check.vgpu;

import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.fleetform.compiler.check.FixtureText.removeLines;
import static dev.fleetform.compiler.check.RuleFindings.assertValid;
import static dev.fleetform.compiler.check.RuleFindings.hints;
import static dev.fleetform.compiler.check.RuleFindings.lines;
import static dev.fleetform.compiler.check.vgpu.GpuFleet.with;
import static dev.fleetform.compiler.check.vgpu.GpuFleet.withLine;
import static org.junit.jupiter.api.Assertions.assertEquals;

class VgpuVmBoardRuleTest {

    private static final String RULE = "VGPU-VM-BOARD";

    @Test
    void twoBoardsInOneVmAreRefused() {
        String yaml = withLine(19, "{ gpu: gpu0, profile: A100-10C }", "{ gpu: gpu2, profile: A100D-40C }");
        assertEquals(List.of("fleet.yaml:19:26: error[VGPU-VM-BOARD]: gpu-01: VM vm1 mixes vGPU A100-10C "
                + "(board A100, series C) with A100D-40C (board A100D, series C)"), lines(RULE, yaml));
        assertEquals(List.of("give every vGPU of vm1 a A100 profile of series C, or give A100D-40C to another VM"),
                hints(RULE, yaml));
    }

    @Test
    void twoSeriesInOneVmAreRefused() {
        String yaml = with("hosts:\n", """
                        gpuModels:
                          A100-40GB:
                            framebufferGiB: 40
                            profiles: { A100-20Q: { framebufferGiB: 20, maxEqual: 2, maxMixed: 2 } }
                        hosts:
                        """);
        yaml = removeLines(removeLines(yaml, "{ gpu: gpu1, profile: A100-20C }"), "{ gpu: gpu1, profile: A100-5C }")
                .replace("{ gpu: gpu1, profile: A100-10C }", "{ gpu: gpu1, profile: A100-20Q }");
        assertEquals(List.of("fleet.yaml:29:26: error[VGPU-VM-BOARD]: gpu-01: VM vm2 mixes vGPU A100-10C "
                + "(board A100, series C) with A100-20Q (board A100, series Q)"), lines(RULE, yaml));
    }

    @Test
    void oneBoardAndSeriesPerVmIsValid() {
        assertValid(GpuFleet.YAML);
    }
}
