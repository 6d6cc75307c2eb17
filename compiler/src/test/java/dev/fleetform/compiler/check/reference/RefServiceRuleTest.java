package dev.fleetform.compiler.check.reference;

import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.fleetform.compiler.check.RuleHarness.hints;
import static dev.fleetform.compiler.check.RuleHarness.rendered;
import static org.junit.jupiter.api.Assertions.assertEquals;

class RefServiceRuleTest {
    private final RefServiceRule rule = new RefServiceRule();

    @Test
    void aServiceWithoutAScrapePortIsReportedWithASuggestion() {
        String yaml = """
                apiVersion: fleetform.dev/v1
                kind: Fleet
                metadata: { name: test }
                hosts:
                  - name: db-01
                    address: 10.0.1.1
                    services: [mysql, redsi]
                monitoring:
                  scrape:
                    services:
                      mysql: { port: 9104 }
                      redis: { port: 9121 }
                """;
        assertEquals(List.of("fleet.yaml:7:23: error[REF-SERVICE]: host service 'redsi' has no exporter port"
                + " under monitoring.scrape.services"), rendered(rule, yaml));
        assertEquals(List.of("did you mean 'redis'?"), hints(rule, yaml));
    }

    @Test
    void aServiceInheritedFromAProfileIsReportedOnceAtTheProfile() {
        String yaml = """
                apiVersion: fleetform.dev/v1
                kind: Fleet
                metadata: { name: test }
                profiles:
                  db:
                    services: [mysql, redsi]
                hosts:
                  - { name: db-01, address: 10.0.1.1, profile: db }
                  - { name: db-02, address: 10.0.1.2, profile: db }
                monitoring:
                  scrape:
                    services:
                      mysql: { port: 9104 }
                """;
        assertEquals(List.of("fleet.yaml:6:23: error[REF-SERVICE]: host service 'redsi' has no exporter port"
                + " under monitoring.scrape.services"), rendered(rule, yaml));
    }

    @Test
    void withoutAnyScrapeServicesTheHintSaysWhatToAdd() {
        String yaml = """
                apiVersion: fleetform.dev/v1
                kind: Fleet
                metadata: { name: test }
                hosts:
                  - { name: db-01, address: 10.0.1.1, services: [mongodb] }
                """;
        assertEquals(List.of("add 'mongodb: { port: N }' under monitoring.scrape.services, N being its exporter's port"),
                hints(rule, yaml));
    }

    @Test
    void servicesWithPortsPass() {
        String yaml = """
                apiVersion: fleetform.dev/v1
                kind: Fleet
                metadata: { name: test }
                hosts:
                  - { name: db-01, address: 10.0.1.1, services: [mysql, redis] }
                  - { name: db-02, address: 10.0.1.2 }
                monitoring:
                  scrape:
                    services:
                      mysql: { port: 9104 }
                      redis: { port: 9121 }
                """;
        assertEquals(List.of(), rendered(rule, yaml));
    }
}
