package dev.fleetform.compiler.check.monitoring;

import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.fleetform.compiler.check.RuleHarness.hints;
import static dev.fleetform.compiler.check.RuleHarness.rendered;
import static org.junit.jupiter.api.Assertions.assertEquals;

class AlertmanagerUniqueRuleTest {
    private final AlertmanagerUniqueRule rule = new AlertmanagerUniqueRule();

    /** {@code monitoring.alertmanagers} as a block list, its first item on line 6. */
    private static String fleet(String... alertmanagers) {
        StringBuilder yaml = new StringBuilder("""
                apiVersion: fleetform.dev/v1
                kind: Fleet
                metadata: { name: test }
                monitoring:
                  alertmanagers:
                """);
        for (String a : alertmanagers) yaml.append("    - \"").append(a).append("\"\n");
        return yaml.toString();
    }

    @Test
    void distinctAlertmanagersPass() {
        assertEquals(List.of(), rendered(rule, fleet("10.0.0.7:9093", "10.0.0.7:9094", "[fd00::7]:9093", "am-2.example.com:9093")));
    }

    @Test
    void theDefaultPasses() {
        assertEquals(List.of(), rendered(rule, "apiVersion: fleetform.dev/v1\nkind: Fleet\nmonitoring: { baselineRules: true }\n"));
    }

    @Test
    void aRepeatedAddressIsReportedAtTheRepeatNamingTheFirst() {
        String yaml = fleet("10.0.0.7:9093", "10.0.0.8:9093", "10.0.0.7:9093");
        assertEquals(List.of("fleet.yaml:8:7: error[ALERTMANAGER-UNIQUE]: alertmanager 10.0.0.7:9093 is listed twice:"
                + " also at fleet.yaml:6"), rendered(rule, yaml));
        assertEquals(List.of("list each Alertmanager once; if this was meant to be another one, give its address"),
                hints(rule, yaml));
    }

    @Test
    void dnsNamesCompareWithoutCase() {
        assertEquals(List.of("fleet.yaml:7:7: error[ALERTMANAGER-UNIQUE]: alertmanager AM-1.example.com:9093 is listed"
                + " twice: also at fleet.yaml:6"), rendered(rule, fleet("am-1.example.com:9093", "AM-1.example.com:9093")));
    }

    @Test
    void eachRepeatIsReported() {
        assertEquals(2, rendered(rule, fleet("a:9093", "a:9093", "a:9093")).size());
    }
}
