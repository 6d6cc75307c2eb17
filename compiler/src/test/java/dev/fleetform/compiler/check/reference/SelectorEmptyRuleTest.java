package dev.fleetform.compiler.check.reference;

import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.fleetform.compiler.check.RuleHarness.hints;
import static dev.fleetform.compiler.check.RuleHarness.rendered;
import static org.junit.jupiter.api.Assertions.assertEquals;

class SelectorEmptyRuleTest {
    private final SelectorEmptyRule rule = new SelectorEmptyRule();

    private static String fleet(String poolNodes, String groupHosts) {
        return """
                apiVersion: fleetform.dev/v1
                kind: Fleet
                metadata: { name: test }
                access:
                  groups:
                    - name: storage-ops
                      users: [alice]
                      hosts: %s
                hosts:
                  - { name: st-01, address: 10.0.1.1, roles: [storage], labels: { zone: az1 } }
                  - { name: gpu-01, address: 10.0.2.1, roles: [gpu, k8s-worker], labels: { zone: az2 } }
                kubernetes:
                  clusters:
                    - name: prod
                      context: prod
                      pools:
                        - name: miners
                          nodes: %s
                """.formatted(groupHosts, poolNodes);
    }

    @Test
    void aMisspeltRoleIsNamedWithASuggestion() {
        String yaml = fleet("{ roles: [k8s-wrker] }", "{ roles: [storage] }");
        assertEquals(List.of("fleet.yaml:18:11: error[SELECTOR-EMPTY]: pool prod/miners selects no nodes:"
                + " no host or VM matches every part of its selector"), rendered(rule, yaml));
        assertEquals(List.of("no host or VM has role k8s-wrker; did you mean k8s-worker?"), hints(rule, yaml));
    }

    @Test
    void anUnknownLabelValueListsTheValuesInUse() {
        String yaml = fleet("{ roles: [k8s-worker] }", "{ labels: { zone: az3 } }");
        assertEquals(List.of("fleet.yaml:8:7: error[SELECTOR-EMPTY]: access group storage-ops selects no hosts:"
                + " no host or VM matches every part of its selector"), rendered(rule, yaml));
        assertEquals(List.of("no host or VM has label zone=az3; did you mean az1? (values in use: az1, az2)"),
                hints(rule, yaml));
    }

    @Test
    void partsThatNeverMeetAreExplained() {
        String yaml = fleet("{ roles: [k8s-worker], labels: { zone: az1 } }", "{ names: [st-01] }");
        assertEquals(List.of("each part matches some hosts or VMs, but none matches all of them together:"
                        + " roles [k8s-worker], labels {zone=az1}; widen the selector or fix the hosts' roles and labels"),
                hints(rule, yaml));
    }

    @Test
    void selectorsThatSelectSomethingPass() {
        assertEquals(List.of(), rendered(rule, fleet("{ roles: [k8s-worker] }", "{ labels: { zone: az1 } }")));
    }
}
