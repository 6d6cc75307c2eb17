package dev.fleetform.compiler.check.reference;

import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.fleetform.compiler.check.RuleHarness.hints;
import static dev.fleetform.compiler.check.RuleHarness.rendered;
import static org.junit.jupiter.api.Assertions.assertEquals;

class RefPoolRuleTest {
    private final RefPoolRule rule = new RefPoolRule();

    private static String fleet(String cluster, String pool) {
        return """
                apiVersion: fleetform.dev/v1
                kind: Fleet
                metadata: { name: test }
                hosts:
                  - { name: gpu-01, address: 10.0.2.1, roles: [k8s-worker] }
                kubernetes:
                  clusters:
                    - { name: prod, context: prod, pools: [ { name: miners, nodes: {} }, { name: batch, nodes: {} } ] }
                    - { name: test, context: test, pools: [ { name: canary, nodes: {} } ] }
                workloads:
                  miners:
                    - name: ore-miner
                      cluster: %s
                      pool: %s
                      namespace: mining
                      image: ghcr.io/regolith-labs/ore:3.4.15
                      replicas: 1
                      cores: 1
                """.formatted(cluster, pool);
    }

    @Test
    void aPoolOfAnotherClusterIsNotFound() {
        assertEquals(List.of("fleet.yaml:14:7: error[REF-POOL]: miner ore-miner names pool 'canary',"
                + " which cluster prod does not have"), rendered(rule, fleet("prod", "canary")));
        assertEquals(List.of("pools of cluster prod: miners, batch"), hints(rule, fleet("prod", "canary")));
    }

    @Test
    void aMisspeltPoolGetsASuggestion() {
        assertEquals(List.of("did you mean 'miners'?"), hints(rule, fleet("prod", "minres")));
    }

    @Test
    void anUnknownClusterIsLeftToRefCluster() {
        assertEquals(List.of(), rendered(rule, fleet("staging", "miners")));
    }

    @Test
    void aPoolOfTheMinersClusterPasses() {
        assertEquals(List.of(), rendered(rule, fleet("test", "canary")));
    }
}
