package dev.fleetform.compiler.check.kubernetes;

import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.fleetform.compiler.check.RuleHarness.rendered;
import static org.junit.jupiter.api.Assertions.assertEquals;

class PoolNodeOnceRuleTest {
    private final PoolNodeOnceRule rule = new PoolNodeOnceRule();

    private static String fleet(String secondPoolNodes) {
        return """
                apiVersion: fleetform.dev/v1
                kind: Fleet
                metadata: { name: test }
                hosts:
                  - name: gpu-01
                    address: 10.0.2.1
                    roles: [k8s-worker]
                    labels: { zone: az1 }
                    vms:
                      - { name: gpu-01-vm1, vcpus: 4, memoryGiB: 8, roles: [k8s-worker] }
                  - { name: gpu-02, address: 10.0.2.2, roles: [k8s-worker], labels: { zone: az2 } }
                kubernetes:
                  clusters:
                    - name: prod
                      context: prod
                      pools:
                        - name: miners
                          nodes: { labels: { zone: az1 } }
                        - name: batch
                          nodes: %s
                    - name: test
                      context: test
                      pools:
                        - { name: everything, nodes: {} }
                """.formatted(secondPoolNodes);
    }

    @Test
    void overlappingPoolsOfOneClusterNameBothPoolsAndTheSharedNodes() {
        assertEquals(List.of("fleet.yaml:20:11: error[POOL-NODE-ONCE]: pool prod/batch selects 2 nodes already"
                        + " in pool miners (at fleet.yaml:17): gpu-01, gpu-01-vm1"),
                rendered(rule, fleet("{ roles: [k8s-worker] }")));
    }

    @Test
    void disjointPoolsPassAndOtherClustersMayReuseNodes() {
        assertEquals(List.of(), rendered(rule, fleet("{ labels: { zone: az2 } }")));
    }
}
