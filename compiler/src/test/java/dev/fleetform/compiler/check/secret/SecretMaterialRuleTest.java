package dev.fleetform.compiler.check.secret;

import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.fleetform.compiler.check.RuleHarness.hints;
import static dev.fleetform.compiler.check.RuleHarness.rendered;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class SecretMaterialRuleTest {
    private final SecretMaterialRule rule = new SecretMaterialRule();

    /** Secrets where the schema lets free text through: env values and alert texts. */
    private static final String FLEET = """
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
                  env:
                    KEYPAIR: "-----BEGIN OPENSSH PRIVATE KEY----- b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ -----END OPENSSH PRIVATE KEY-----"
                    RPC_URL: "https://solana:hunter2secret@rpc.example.com/v1"
                    AWS_ACCESS_KEY_ID: AKIAIOSFODNN7EXAMPLE
                    SLACK: xoxb-123456789012-abcdefghijkl
                    GH: ghp_abcdefghijklmnopqrstuvwxyz0123456789
            monitoring:
              alerts:
                - name: MinerDown
                  expr: up{job="ore"} == 0
                  summary: "miner down, see https://oapi.dingtalk.com/robot/send?access_token=3f9a0c7e51d2b4a8&x=1"
            """;

    private static final String LEAK = ": the fleet repository is in git, so everyone who can read it can read the secret";

    @Test
    void eachShapeIsReportedAtItsValueAndMasked() {
        assertEquals(List.of(
                "fleet.yaml:14:18: error[SECRET-MATERIAL]: this value holds a private key block (-----BEGIN OPENSSH PRIVATE KEY-----)" + LEAK,
                "fleet.yaml:15:18: error[SECRET-MATERIAL]: this value holds a URL with a password (https://solana:****@)" + LEAK,
                "fleet.yaml:16:28: error[SECRET-MATERIAL]: this value holds an AWS access key id (AKIA****)" + LEAK,
                "fleet.yaml:17:16: error[SECRET-MATERIAL]: this value holds a Slack token (xoxb-****)" + LEAK,
                "fleet.yaml:18:13: error[SECRET-MATERIAL]: this value holds a GitHub token (ghp_****)" + LEAK,
                "fleet.yaml:23:16: error[SECRET-MATERIAL]: this value holds a robot URL carrying its access token (access_token=****)" + LEAK),
                rendered(rule, FLEET));
    }

    @Test
    void keyMaterialAndTokenUrlsWhereTheFormatWantsAPathOrAUrlAreLeftToThisRule() {
        String yaml = """
                apiVersion: fleetform.dev/v1
                kind: Fleet
                metadata: { name: test }
                defaults:
                  ssh:
                    identityFile: |
                      -----BEGIN OPENSSH PRIVATE KEY-----
                      b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW
                      -----END OPENSSH PRIVATE KEY-----
                monitoring:
                  receivers:
                    - name: robot
                      webhook: { url: "https://oapi.dingtalk.com/robot/send?access_token=3f9a0c7e51d2b4a8" }
                """;
        assertEquals(List.of(
                "fleet.yaml:6:19: error[SECRET-MATERIAL]: this value holds a private key block (-----BEGIN OPENSSH PRIVATE KEY-----)" + LEAK,
                "fleet.yaml:13:23: error[SECRET-MATERIAL]: this value holds a robot URL carrying its access token (access_token=****)" + LEAK),
                rendered(rule, yaml));
    }

    @Test
    void aDingtalkBridgeWithAPasswordIsLeftToThisRuleAndMasked() {
        String yaml = """
                apiVersion: fleetform.dev/v1
                kind: Fleet
                monitoring:
                  dingtalkBridge: "https://bridge:hunter2secret@10.0.0.7:8060"
                """;
        assertEquals(List.of("fleet.yaml:4:19: error[SECRET-MATERIAL]: this value holds a URL with a password (https://bridge:****@)" + LEAK),
                rendered(rule, yaml));
    }

    @Test
    void noMessageOrHintRepeatsTheSecret() {
        String all = String.join("\n", rendered(rule, FLEET)) + String.join("\n", hints(rule, FLEET));
        for (String secret : List.of("b3BlbnNzaC1rZXkt", "hunter2secret", "IOSFODNN7EXAMPLE", "123456789012-abcdef",
                "abcdefghijklmnopqrstuvwxyz0123456789", "3f9a0c7e51d2b4a8")) {
            assertFalse(all.contains(secret), () -> "leaked " + secret + " in:\n" + all);
        }
        assertEquals("store it in a Kubernetes Secret and reference it (secretRef: ns/name#key), or use env:NAME or"
                + " file:PATH; rotate it, because it is already in the git history", hints(rule, FLEET).getFirst());
    }

    @Test
    void referencesAndOrdinaryUrlsPass() {
        String yaml = """
                apiVersion: fleetform.dev/v1
                kind: Fleet
                metadata: { name: test }
                defaults:
                  ssh: { identityFile: ~/.ssh/fleet_ed25519 }
                hosts:
                  - { name: gpu-01, address: 10.0.2.11, hostKey: "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGx0b2tlbnM" }
                workloads:
                  miners:
                    - name: ore
                      cluster: prod
                      pool: miners
                      namespace: mining
                      image: ghcr.io/regolith-labs/ore@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
                      replicas: 1
                      cores: 8
                      env: { RPC_DOCS: "https://docs.solana.com/cluster/rpc-endpoints", OWNER: "ops@example.com" }
                      secrets:
                        rpc: { secretRef: mining/solana-rpc#url, env: RPC }
                monitoring:
                  receivers:
                    - name: sre-dingtalk
                      dingtalk: { urlSecretRef: monitoring/dingtalk#url, signSecretRef: env:DINGTALK_SIGN }
                    - name: oncall
                      webhook: { url: "http://alert-router.internal:9000/hook" }
                """;
        assertEquals(List.of(), rendered(rule, yaml));
    }
}
