package dev.fleetform.compiler.check.reference;

import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.fleetform.compiler.check.RuleHarness.hints;
import static dev.fleetform.compiler.check.RuleHarness.rendered;
import static org.junit.jupiter.api.Assertions.assertEquals;

class RefClusterRuleTest {
    private final RefClusterRule rule = new RefClusterRule();

    private static String fleet(String cluster) {
        return """
                apiVersion: fleetform.dev/v1
                kind: Fleet
                metadata: { name: test }
                hosts:
                  - { name: gpu-01, address: 10.0.2.1, roles: [k8s-worker] }
                kubernetes:
                  clusters:
                    - { name: prod, context: prod, pools: [ { name: miners, nodes: {} } ] }
                workloads:
                  miners:
                    - name: ore-miner
                      cluster: %s
                      pool: miners
                      namespace: mining
                      image: ghcr.io/regolith-labs/ore:3.4.15
                      replicas: 1
                      cores: 1
                """.formatted(cluster);
    }

    @Test
    void anUnknownClusterIsReportedWithASuggestion() {
        assertEquals(List.of("fleet.yaml:12:7: error[REF-CLUSTER]: miner ore-miner names cluster 'prd',"
                + " which kubernetes.clusters does not define"), rendered(rule, fleet("prd")));
        assertEquals(List.of("did you mean 'prod'?"), hints(rule, fleet("prd")));
        assertEquals(List.of("clusters: prod"), hints(rule, fleet("staging")));
    }

    @Test
    void aDefinedClusterPasses() {
        assertEquals(List.of(), rendered(rule, fleet("prod")));
    }
}
