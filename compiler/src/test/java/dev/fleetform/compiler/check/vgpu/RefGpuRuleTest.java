package dev.fleetform.compiler.check.vgpu;

import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.fleetform.compiler.check.FixtureText.removeLines;
import static dev.fleetform.compiler.check.RuleFindings.assertValid;
import static dev.fleetform.compiler.check.RuleFindings.hints;
import static dev.fleetform.compiler.check.RuleFindings.lines;
import static dev.fleetform.compiler.check.vgpu.GpuFleet.with;
import static org.junit.jupiter.api.Assertions.assertEquals;

class RefGpuRuleTest {

    private static final String RULE = "REF-GPU";

    @Test
    void aMisspeltGpuGetsADidYouMeanAndIsNotJudgedFurther() {
        String yaml = with("{ gpu: gpu2, profile: A100D-40C }", "{ gpu: gpu-2, profile: A100D-40C }");
        assertEquals(List.of("fleet.yaml:33:15: error[REF-GPU]: gpu-01: VM vm3 has a vGPU on GPU gpu-2, "
                + "which the host does not have"), lines(RULE, yaml));
        assertEquals(List.of("did you mean 'gpu2'?"), hints(RULE, yaml));
        assertEquals(List.of(), lines("VGPU-PROFILE", yaml));
    }

    @Test
    void somethingFarOffListsTheHostsGpus() {
        String yaml = with("{ gpu: gpu2, profile: A100D-40C }", "{ gpu: tesla, profile: A100D-40C }");
        assertEquals(List.of("the host's GPUs are gpu0, gpu1, gpu2"), hints(RULE, yaml));
    }

    @Test
    void aHostWithoutGpusSaysWhereToDeclareThem() {
        String yaml = removeLines(removeLines(GpuFleet.YAML, "pci: "), " gpus:");
        List<String> hints = hints(RULE, yaml);
        assertEquals(8, hints.size(), "one finding per vGPU of the fixture");
        assertEquals(List.of("declare the GPU under the host's hardware.gpus"), hints.stream().distinct().toList());
    }

    @Test
    void gpusOfTheHostAreValid() {
        assertValid(GpuFleet.YAML);
    }
}
