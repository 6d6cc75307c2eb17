package dev.fleetform.compiler.check.access;

import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.fleetform.compiler.check.RuleHarness.hints;
import static dev.fleetform.compiler.check.RuleHarness.rendered;
import static org.junit.jupiter.api.Assertions.assertEquals;

class SshViaOpensshRuleTest {
    private final SshViaOpensshRule rule = new SshViaOpensshRule();

    private static String fleet(String via) {
        return """
                apiVersion: fleetform.dev/v1
                kind: Fleet
                metadata: { name: test }
                defaults:
                  ssh:
                    user: ops
                    via: %s
                access:
                  bastions:
                    - { name: jump-01, kind: jumpserver, address: 10.0.0.5, port: 2222 }
                    - { name: ops-jump, kind: openssh, address: 10.0.0.6 }
                hosts:
                  - { name: a, address: 10.0.1.1 }
                  - { name: b, address: 10.0.1.2 }
                """.formatted(via);
    }

    @Test
    void automationCannotGoThroughJumpServer() {
        assertEquals(List.of("fleet.yaml:7:5: error[SSH-VIA-OPENSSH]: ssh.via 'jump-01' is a jumpserver bastion:"
                        + " JumpServer's SSH gateway forwards no channels and runs no remote commands, so automation"
                        + " (the reconciler, Ansible) cannot go through it"),
                rendered(rule, fleet("jump-01")));
        assertEquals(List.of("point 'via' at an openssh bastion (kind: openssh) or remove it to connect directly;"
                        + " JumpServer bastions are for people (access.groups)"),
                hints(rule, fleet("jump-01")));
    }

    @Test
    void anOpensshBastionPasses() {
        assertEquals(List.of(), rendered(rule, fleet("ops-jump")));
    }

    @Test
    void anUnknownBastionIsLeftToRefBastion() {
        assertEquals(List.of(), rendered(rule, fleet("nowhere")));
    }
}
