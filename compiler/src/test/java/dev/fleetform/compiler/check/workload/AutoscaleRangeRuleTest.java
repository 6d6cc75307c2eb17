package dev.fleetform.compiler.check.workload;

import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.fleetform.compiler.check.RuleHarness.rendered;
import static org.junit.jupiter.api.Assertions.assertEquals;

class AutoscaleRangeRuleTest {
    private final AutoscaleRangeRule rule = new AutoscaleRangeRule();

    private static String fleet(String tail) {
        return """
                apiVersion: fleetform.dev/v1
                kind: Fleet
                metadata: { name: test }
                workloads:
                  miners:
                    - name: ore
                      cluster: prod
                      pool: miners
                      namespace: mining
                      image: ghcr.io/regolith-labs/ore:3.4.15
                      cores: 8
                %s
                """.formatted(tail.indent(6).stripTrailing());
    }

    @Test
    void minAboveMaxIsReportedAtMin() {
        assertEquals(List.of("fleet.yaml:12:20: error[AUTOSCALE-RANGE]: miner ore has autoscale.min 30 above autoscale.max 24"),
                rendered(rule, fleet("autoscale: { min: 30, max: 24 }\nmaxUnavailable: 1")));
    }

    @Test
    void maxUnavailableIsBoundedByReplicasOrByMin() {
        assertEquals(List.of("fleet.yaml:13:7: error[AUTOSCALE-RANGE]: miner ore has maxUnavailable 3 above its replicas 2"),
                rendered(rule, fleet("replicas: 2\nmaxUnavailable: 3")));
        assertEquals(List.of("fleet.yaml:14:7: error[AUTOSCALE-RANGE]: miner ore has maxUnavailable 5 above its autoscale.min 4"),
                rendered(rule, fleet("replicas: 12\nautoscale: { min: 4, max: 24 }\nmaxUnavailable: 5")));
    }

    @Test
    void aSaneRangePasses() {
        assertEquals(List.of(), rendered(rule, fleet("replicas: 12\nautoscale: { min: 8, max: 24 }\nmaxUnavailable: 8")));
        assertEquals(List.of(), rendered(rule, fleet("replicas: 1\nmaxUnavailable: 1")));
        assertEquals(List.of(), rendered(rule, fleet("replicas: 0")), "a parked miner has nothing to roll out");
    }
}
