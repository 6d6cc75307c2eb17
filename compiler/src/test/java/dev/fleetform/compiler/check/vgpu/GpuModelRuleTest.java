package dev.fleetform.compiler.check.vgpu;

import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.fleetform.compiler.check.RuleFindings.assertValid;
import static dev.fleetform.compiler.check.RuleFindings.hints;
import static dev.fleetform.compiler.check.RuleFindings.lines;
import static dev.fleetform.compiler.check.vgpu.GpuFleet.with;
import static org.junit.jupiter.api.Assertions.assertEquals;

class GpuModelRuleTest {

    private static final String RULE = "GPU-MODEL";

    @Test
    void aMisspeltModelGetsADidYouMeanAndItsVgpusAreNotJudged() {
        String yaml = with("name: gpu2, model: A100-80GB", "name: gpu2, model: A100-80G");
        assertEquals(List.of("fleet.yaml:12:25: error[GPU-MODEL]: gpu-01: GPU gpu2 has model A100-80G, "
                + "which is not in the GPU catalogue"), lines(RULE, yaml));
        assertEquals(List.of("did you mean 'A100-80GB'?"), hints(RULE, yaml));
        assertEquals(List.of(), lines("VGPU-PROFILE", yaml));
    }

    @Test
    void anUnknownModelListsTheCatalogue() {
        String yaml = with("name: gpu2, model: A100-80GB", "name: gpu2, model: RTX-6000");
        assertEquals(List.of("known models are A10, A100-40GB, A100-80GB, A30, H100-80GB, L4, L40S; "
                + "add others under gpuModels:"), hints(RULE, yaml));
    }

    @Test
    void aModelAddedUnderGpuModelsIsKnown() {
        String yaml = with("name: gpu2, model: A100-80GB", "name: gpu2, model: RTX-6000")
                .replace("hosts:\n", """
                        gpuModels:
                          RTX-6000:
                            framebufferGiB: 48
                            profiles: { RTX6000-48C: { framebufferGiB: 48, maxEqual: 1, maxMixed: 1 } }
                        hosts:
                        """)
                .replace("profile: A100D-40C", "profile: RTX6000-48C");
        assertValid(yaml);
    }

    @Test
    void aGpuInheritedFromAProfileIsReportedOnceAtTheProfile() {
        String yaml = """
                apiVersion: fleetform.dev/v1
                kind: Fleet
                profiles:
                  gpu-a10:
                    hardware:
                      gpus:
                        - { name: gpu0, model: A10G, pci: "0000:3b:00.0" }
                hosts:
                  - { name: gpu-01, profile: gpu-a10, address: 10.0.2.11 }
                  - { name: gpu-02, profile: gpu-a10, address: 10.0.2.12 }
                  - { name: gpu-03, profile: gpu-a10, address: 10.0.2.13 }
                """;
        assertEquals(List.of("fleet.yaml:7:25: error[GPU-MODEL]: gpu-01: GPU gpu0 has model A10G, which is not in "
                + "the GPU catalogue (and 2 more hosts with profile gpu-a10)"), lines(RULE, yaml));
        assertEquals(List.of("did you mean 'A10'?"), hints(RULE, yaml));
    }

    @Test
    void builtInModelsAreValid() {
        assertValid(GpuFleet.YAML);
    }
}
