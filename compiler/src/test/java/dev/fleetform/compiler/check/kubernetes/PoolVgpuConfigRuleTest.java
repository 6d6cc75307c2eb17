package dev.fleetform.compiler.check.kubernetes;

import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.fleetform.compiler.check.RuleHarness.hints;
import static dev.fleetform.compiler.check.RuleHarness.rendered;
import static org.junit.jupiter.api.Assertions.assertEquals;

class PoolVgpuConfigRuleTest {
    private final PoolVgpuConfigRule rule = new PoolVgpuConfigRule();

    private static String fleet(String workload, String config) {
        return """
                apiVersion: fleetform.dev/v1
                kind: Fleet
                metadata: { name: test }
                gpuModels:
                  A100-40GB:
                    framebufferGiB: 40
                    profiles: { A100-3C: { framebufferGiB: 3, maxEqual: 13, maxMixed: 8 } }
                hosts:
                  - { name: gpu-01, address: 10.0.2.1, roles: [k8s-worker] }
                kubernetes:
                  clusters:
                    - name: prod
                      context: prod
                      pools:
                        - name: miners
                          nodes: { roles: [k8s-worker] }
                          gpuWorkload: %s
                          vgpuConfig: %s
                """.formatted(workload, config);
    }

    @Test
    void anUnknownProfileIsReportedWithASuggestion() {
        assertEquals(List.of("fleet.yaml:18:11: error[POOL-VGPU-CONFIG]: pool prod/miners sets vgpuConfig"
                + " 'A100-10c', which is not a vGPU profile of the GPU catalogue"), rendered(rule, fleet("vm-vgpu", "A100-10c")));
        assertEquals(List.of("did you mean 'A100-10C'?"), hints(rule, fleet("vm-vgpu", "A100-10c")));
    }

    @Test
    void aVgpuConfigNeedsTheVmVgpuWorkload() {
        assertEquals(List.of("fleet.yaml:18:11: error[POOL-VGPU-CONFIG]: pool prod/miners sets vgpuConfig but its"
                + " gpuWorkload is container"), rendered(rule, fleet("container", "A100-10C")));
        assertEquals(List.of("vgpuConfig only applies to vGPU nodes: set 'gpuWorkload: vm-vgpu' or remove vgpuConfig"),
                hints(rule, fleet("container", "A100-10C")));
    }

    @Test
    void builtInAndAddedProfilesPass() {
        assertEquals(List.of(), rendered(rule, fleet("vm-vgpu", "A100-10C")));
        assertEquals(List.of(), rendered(rule, fleet("vm-vgpu", "A100-3C")));
        assertEquals(List.of(), rendered(rule, fleet("vm-vgpu", "H100-5C")));
    }
}
