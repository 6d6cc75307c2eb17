package dev.fleetform.compiler.check.monitoring;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static dev.fleetform.compiler.check.RuleHarness.hints;
import static dev.fleetform.compiler.check.RuleHarness.rendered;
import static org.junit.jupiter.api.Assertions.assertEquals;

class ConsulMetaRuleTest {
    private final ConsulMetaRule rule = new ConsulMetaRule();

    /** A 138-character label key: a valid Kubernetes key whose prefix is long. */
    private static final String LONG_KEY = "a".repeat(60) + "." + "b".repeat(60) + ".example.com/rack";

    /** Host {@code a} (line 5, its labels on line 7) with a VM; {@code consul} set or not. */
    private static String fleet(String labels, String roles, boolean consul) {
        return """
                apiVersion: fleetform.dev/v1
                kind: Fleet
                metadata: { name: test }
                hosts:
                  - name: a
                    address: 10.0.1.1
                    labels: { %s }
                    roles: [%s]
                    hardware: { cpu: { cores: 8 }, memoryGiB: 64 }
                    vms:
                      - { name: a-vm1, vcpus: 2, memoryGiB: 4, network: { bridge: br0, address: 10.0.1.2 } }
                monitoring:
                  scrape:
                    node: { port: 9100 }
                """.formatted(labels, roles) + (consul ? "  consul: {}\n" : "");
    }

    private static String labels(int n) {
        return IntStream.range(0, n).mapToObj(i -> "l" + i + ": v").collect(Collectors.joining(", "));
    }

    private static String roles(int n) {
        return IntStream.range(0, n).mapToObj(i -> ("r" + i + "-").repeat(30).substring(0, 62) + "x")
                .collect(Collectors.joining(", "));
    }

    @Test
    void ordinaryLabelsPass() {
        assertEquals(List.of(), rendered(rule, fleet("rack: r01, zone: az1, fleetform.dev/tier: hot", "storage", true)));
    }

    @Test
    void aKeyTooLongForConsulIsReportedOnceAtTheKey() {
        assertEquals(List.of("fleet.yaml:7:15: error[CONSUL-META]: a: label key '" + LONG_KEY + "' is the Consul service"
                        + " meta key '" + LONG_KEY.replaceAll("[./]", "_") + "' of 138 characters; Consul allows at most 128"),
                rendered(rule, fleet(LONG_KEY + ": r01", "storage", true)));
        assertEquals(List.of("shorten the key (e.g. its prefix): Consul refuses the node's services otherwise"),
                hints(rule, fleet(LONG_KEY + ": r01", "storage", true)));
    }

    @Test
    void nothingIsCheckedWithoutConsul() {
        assertEquals(List.of(), rendered(rule, fleet(LONG_KEY + ": r01", roles(9), false)));
    }

    @Test
    void sixtyFourMetaPairsAndNoMore() {
        // 62 labels + host + role = 64 on the host and on its VM (which inherits the labels)
        assertEquals(List.of(), rendered(rule, fleet(labels(62), "storage", true)));
        // the host goes over; its VM, without roles, has 63 labels + host = 64
        assertEquals(List.of("fleet.yaml:7:5: error[CONSUL-META]: a: 65 target labels (host, role and pool included);"
                        + " Consul allows at most 64 service meta pairs"),
                rendered(rule, fleet(labels(63), "storage", true)));
        assertEquals(List.of("give this host fewer labels"), hints(rule, fleet(labels(63), "storage", true)));
    }

    @Test
    void rolesThatMakeARoleLabelOver512CharactersAreReportedAtTheRoles() {
        // 8 roles of 63 characters joined by ',' = 511; 9 = 575
        assertEquals(List.of(), rendered(rule, fleet("rack: r01", roles(8), true)));
        assertEquals(List.of("fleet.yaml:8:5: error[CONSUL-META]: a: its roles make a role label of 575 characters;"
                        + " Consul allows at most 512 in a service meta value"),
                rendered(rule, fleet("rack: r01", roles(9), true)));
    }

    @Test
    void poolsThatMakeAPoolLabelOver512CharactersAreReportedAtTheNode() {
        StringBuilder clusters = new StringBuilder("kubernetes:\n  clusters:\n");
        for (int i = 0; i < 9; i++) {
            String pool = ("p" + i + "-").repeat(30).substring(0, 62) + "x";
            clusters.append("    - name: c").append(i).append("\n      context: c").append(i)
                    .append("\n      pools:\n        - { name: ").append(pool).append(", nodes: { names: [a] } }\n");
        }
        assertEquals(List.of("fleet.yaml:5:5: error[CONSUL-META]: a: its pools make a pool label of 575 characters;"
                        + " Consul allows at most 512 in a service meta value"),
                rendered(rule, fleet("rack: r01", "storage", true) + clusters));
    }
}
