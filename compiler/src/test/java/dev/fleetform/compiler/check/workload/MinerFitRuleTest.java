package dev.fleetform.compiler.check.workload;

import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.fleetform.compiler.check.RuleHarness.hints;
import static dev.fleetform.compiler.check.RuleHarness.rendered;
import static org.junit.jupiter.api.Assertions.assertEquals;

class MinerFitRuleTest {
    private final MinerFitRule rule = new MinerFitRule();

    /** Pool nodes: gpu-01 (64 cores, 2 GPUs) and its VM (16 vCPUs, 1 vGPU): 80 cores, 3 GPUs. */
    private static String fleet(String miners) {
        return """
                apiVersion: fleetform.dev/v1
                kind: Fleet
                metadata: { name: test }
                hosts:
                  - name: gpu-01
                    address: 10.0.2.1
                    roles: [k8s-worker]
                    hardware:
                      cpu: { cores: 64 }
                      memoryGiB: 512
                      gpus:
                        - { name: gpu0, model: A100-40GB, pci: "0000:3b:00.0" }
                        - { name: gpu1, model: A100-40GB, pci: "0000:5e:00.0" }
                    vms:
                      - { name: vm1, vcpus: 16, memoryGiB: 64, roles: [k8s-worker], vgpus: [ { gpu: gpu0, profile: A100-10C } ] }
                  - name: st-01
                    address: 10.0.1.1
                    roles: [storage]
                    hardware: { cpu: { cores: 32 }, memoryGiB: 128 }
                kubernetes:
                  clusters:
                    - { name: prod, context: prod, pools: [ { name: miners, nodes: { roles: [k8s-worker] } } ] }
                workloads:
                  miners:
                %s
                """.formatted(miners.indent(4).stripTrailing());
    }

    @Test
    void coresBeyondThePoolAreReportedAtTheOverflowingMiner() {
        String yaml = fleet("""
                - { name: ore, cluster: prod, pool: miners, namespace: m, image: "ore:1", replicas: 8, cores: 8 }
                - { name: ore-b, cluster: prod, pool: miners, namespace: m, image: "ore:1", replicas: 4, cores: 2,
                    autoscale: { min: 2, max: 9 } }
                """);
        assertEquals(List.of("fleet.yaml:27:30: error[MINER-FIT]: miners of pool prod/miners need 82 cores at peak"
                + " (ore 8 × 8 + ore-b 9 × 2) but its 2 nodes have 80 cores"), rendered(rule, yaml));
        assertEquals(List.of("lower replicas (autoscale.max) or cores per replica, or add nodes to the pool"), hints(rule, yaml));
    }

    @Test
    void gpusBeyondThePoolAreReported() {
        String yaml = fleet("""
                - name: ore
                  cluster: prod
                  pool: miners
                  namespace: m
                  image: "ore:1"
                  replicas: 4
                  cores: 1
                  resources: { gpu: 1 }
                """);
        assertEquals(List.of("fleet.yaml:30:7: error[MINER-FIT]: miners of pool prod/miners need 4 GPUs at peak"
                + " (ore 4 × 1) but its 2 nodes have 3 GPUs"), rendered(rule, yaml));
    }

    @Test
    void aPoolFilledExactlyPasses() {
        String yaml = fleet("""
                - { name: ore, cluster: prod, pool: miners, namespace: m, image: "ore:1", replicas: 7, cores: 8,
                    resources: { gpu: 0 } }
                - { name: ore-gpu, cluster: prod, pool: miners, namespace: m, image: "ore:1", replicas: 3, cores: 8,
                    resources: { gpu: 1 } }
                """);
        assertEquals(List.of(), rendered(rule, yaml));
    }
}
