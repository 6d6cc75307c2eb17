package dev.fleetform.compiler.check.monitoring;

import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.fleetform.compiler.check.RuleHarness.hints;
import static dev.fleetform.compiler.check.RuleHarness.rendered;
import static org.junit.jupiter.api.Assertions.assertEquals;

class AlertForRuleTest {
    private final AlertForRule rule = new AlertForRule();

    /** {@code for:} is on line 10; its value starts at column 12. */
    private static String fleet(String forValue) {
        return """
                apiVersion: fleetform.dev/v1
                kind: Fleet
                metadata: { name: test }
                hosts:
                  - { name: a, address: 10.0.1.1 }
                monitoring:
                  alerts:
                    - name: NodeDown
                      expr: up == 0
                      for: %s
                """.formatted(forValue);
    }

    @Test
    void prometheusDurationsPass() {
        for (String ok : List.of("5m", "1h30m", "30s", "1w2d", "0", "0s", "500ms", "1y")) {
            assertEquals(List.of(), rendered(rule, fleet(ok)), ok);
        }
    }

    @Test
    void otherTextIsReportedAtTheValue() {
        assertEquals(List.of("fleet.yaml:10:12: error[ALERT-FOR]: alert 'NodeDown': 'for: 5 minutes' is not a"
                        + " Prometheus duration"),
                rendered(rule, fleet("5 minutes")));
        assertEquals(List.of("write numbers with units y, w, d, h, m, s, ms, largest first, each once: e.g. 30s, 5m, 1h30m"),
                hints(rule, fleet("5 minutes")));
    }

    @Test
    void unitsOutOfOrderOrWithoutNumberAreReported() {
        for (String bad : List.of("30m1h", "5", "1.5h", "m", "5mm", "1h1h")) {
            assertEquals(1, rendered(rule, fleet(bad)).size(), bad);
        }
    }
}
