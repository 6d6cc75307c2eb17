package dev.fleetform.compiler.check.reference;

import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.fleetform.compiler.check.RuleHarness.hints;
import static dev.fleetform.compiler.check.RuleHarness.rendered;
import static org.junit.jupiter.api.Assertions.assertEquals;

class RefBastionRuleTest {
    private final RefBastionRule rule = new RefBastionRule();

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
    void aMisspeltBastionIsReportedOnceWithASuggestion() {
        assertEquals(List.of("fleet.yaml:7:5: error[REF-BASTION]: ssh.via names bastion 'ops-jmp', which access.bastions does not define"),
                rendered(rule, fleet("ops-jmp")));
        assertEquals(List.of("did you mean 'ops-jump'?"), hints(rule, fleet("ops-jmp")));
    }

    @Test
    void withNothingCloseTheHintListsTheOpensshBastions() {
        assertEquals(List.of("openssh bastions: ops-jump"), hints(rule, fleet("bastion-somewhere-else")));
    }

    @Test
    void aDefinedBastionPasses() {
        assertEquals(List.of(), rendered(rule, fleet("ops-jump")));
    }
}
