package dev.fleetform.compiler.check.reference;

import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.fleetform.compiler.check.RuleHarness.hints;
import static dev.fleetform.compiler.check.RuleHarness.rendered;
import static org.junit.jupiter.api.Assertions.assertEquals;

class RefReceiverRuleTest {
    private final RefReceiverRule rule = new RefReceiverRule();

    private static String fleet(String receiver) {
        return """
                apiVersion: fleetform.dev/v1
                kind: Fleet
                metadata: { name: test }
                monitoring:
                  receivers:
                    - name: sre-dingtalk
                      dingtalk: { urlSecretRef: monitoring/dingtalk#url }
                    - name: oncall-webhook
                      webhook: { url: "http://alert-router.internal:9000/hook" }
                  routes:
                    - { match: { severity: critical }, receiver: sre-dingtalk }
                    - { match: { team: mining }, receiver: %s }
                """.formatted(receiver);
    }

    @Test
    void aMisspeltReceiverIsReportedWithASuggestion() {
        assertEquals(List.of("fleet.yaml:12:34: error[REF-RECEIVER]: route sends to receiver 'oncall-webhok',"
                + " which monitoring.receivers does not define"), rendered(rule, fleet("oncall-webhok")));
        assertEquals(List.of("did you mean 'oncall-webhook'?"), hints(rule, fleet("oncall-webhok")));
        assertEquals(List.of("receivers: sre-dingtalk, oncall-webhook"), hints(rule, fleet("pagerduty")));
    }

    @Test
    void definedReceiversPass() {
        assertEquals(List.of(), rendered(rule, fleet("oncall-webhook")));
    }
}
