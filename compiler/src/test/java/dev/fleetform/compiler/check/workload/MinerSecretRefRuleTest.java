package dev.fleetform.compiler.check.workload;

import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.fleetform.compiler.check.RuleHarness.hints;
import static dev.fleetform.compiler.check.RuleHarness.rendered;
import static org.junit.jupiter.api.Assertions.assertEquals;

class MinerSecretRefRuleTest {
    private final MinerSecretRefRule rule = new MinerSecretRefRule();

    private static String fleet(String ref) {
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
                      replicas: 1
                      cores: 8
                      secrets:
                        rpc: { secretRef: %s, env: RPC }
                """.formatted(ref);
    }

    @Test
    void aSecretOfTheMinersNamespacePasses() {
        assertEquals(List.of(), rendered(rule, fleet("mining/solana-rpc#url")));
    }

    @Test
    void aSecretOfAnotherNamespaceIsAnError() {
        String yaml = fleet("monitoring/solana-rpc#url");
        assertEquals(List.of("fleet.yaml:14:16: error[MINER-SECRET-REF]: miner ore runs in namespace mining but secret rpc is in namespace monitoring"),
                rendered(rule, yaml));
        assertEquals(List.of("a pod reads only Secrets of its own namespace: use mining/solana-rpc#url (copy the Secret there)"),
                hints(rule, yaml));
    }

    @Test
    void envAndFileReferencesCannotReachAPod() {
        assertEquals(List.of("fleet.yaml:14:16: error[MINER-SECRET-REF]: miner ore secret rpc is env:SOLANA_RPC, which a pod cannot read"),
                rendered(rule, fleet("env:SOLANA_RPC")));
        assertEquals(1, rendered(rule, fleet("file:secrets/rpc.txt")).size());
    }
}
