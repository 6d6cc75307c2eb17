package dev.fleetform.compiler.check.monitoring;

import dev.fleetform.compiler.Validation;
import dev.fleetform.compiler.diag.Diagnostic;
import dev.fleetform.compiler.model.MonitoringServer;
import dev.fleetform.compiler.model.MonitoringServers;
import dev.fleetform.compiler.testing.Fleets;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.fleetform.compiler.check.RuleHarness.hints;
import static dev.fleetform.compiler.check.RuleHarness.rendered;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code monitoring.servers}: bound with Debian's defaults; bad hosts, directories and paths as located errors. */
class MonitoringServersTest {
    private static final String FLEET = """
            apiVersion: fleetform.dev/v1
            kind: Fleet
            metadata: { name: test }
            hosts:
              - name: mon-01
                address: 10.0.0.7
                hardware: { cpu: { cores: 4 }, memoryGiB: 16 }
                vms: [ { name: mon-vm, vcpus: 1, memoryGiB: 1 } ]
              - name: mon-02
                address: 10.0.0.8
            monitoring:
              servers:
            """;

    private static String fleet(String servers) {
        return FLEET + servers;
    }

    @Test
    void defaultsAreDebians() {
        Validation v = Fleets.validate(fleet("    prometheus: { hosts: [mon-01] }\n    alertmanager: { hosts: [mon-01, mon-02] }\n"));
        assertTrue(v.valid(), () -> Fleets.render(v.diagnostics()));
        MonitoringServers s = v.fleet().monitoring().servers();
        assertEquals("/etc/prometheus/prometheus.yml", s.prometheus().configPath());
        assertEquals("/etc/prometheus/rules", s.prometheus().rulePath());
        assertEquals("/etc/prometheus/file_sd", s.prometheus().fileSdPath());
        assertEquals(new MonitoringServer.Reload.Systemd("prometheus"), s.prometheus().reload());
        assertEquals("/etc/prometheus/alertmanager.yml", s.alertmanager().configPath());
        assertEquals(new MonitoringServer.Reload.Systemd("prometheus-alertmanager"), s.alertmanager().reload());
        assertEquals(null, s.dingtalkBridge());
        assertEquals(List.of(s.prometheus(), s.alertmanager()), s.on("mon-01"));
        assertEquals(List.of(s.alertmanager()), s.on("mon-02"));
    }

    @Test
    void withoutTheKeyNothingRunsAnywhere() {
        Validation v = Fleets.validate(FLEET.replace("monitoring:\n  servers:\n", "monitoring: { baselineRules: true }\n"));
        assertTrue(v.valid(), () -> Fleets.render(v.diagnostics()));
        assertEquals(List.of(), v.fleet().monitoring().servers().all());
    }

    @Test
    void httpReloadAndOwnDirectories() {
        Validation v = Fleets.validate(fleet("""
                    prometheus:
                      hosts: [mon-02]
                      configDir: /srv/prom/
                      ruleDir: /srv/rules
                      reload: { http: "10.0.0.8:9090" }
                """));
        assertTrue(v.valid(), () -> Fleets.render(v.diagnostics()));
        MonitoringServer p = v.fleet().monitoring().servers().prometheus();
        assertEquals("/srv/prom/prometheus.yml", p.configPath());
        assertEquals("/srv/rules", p.rulePath());
        assertEquals("/srv/prom/file_sd", p.fileSdPath());
        assertEquals(new MonitoringServer.Reload.Http("10.0.0.8:9090"), p.reload());
    }

    @Test
    void anUnknownHostIsLocatedWithTheNearestName() {
        String yaml = fleet("    prometheus: { hosts: [mon-01, mon-03] }\n");
        assertEquals(List.of("fleet.yaml:13:35: error[MONITORING-HOST]: monitoring.servers.prometheus names 'mon-03', which is not a host of this fleet"),
                rendered(new MonitoringHostRule(), yaml));
        assertEquals(List.of("did you mean 'mon-01'?"), hints(new MonitoringHostRule(), yaml));
    }

    @Test
    void aVmOrARepeatIsRefused() {
        String yaml = fleet("    alertmanager:\n      hosts: [mon-vm, mon-02, mon-02]\n");
        assertEquals(List.of(
                "fleet.yaml:14:15: error[MONITORING-HOST]: monitoring.servers.alertmanager names 'mon-vm', which is a VM: fleetform apply reaches hosts only",
                "fleet.yaml:14:31: error[MONITORING-HOST]: monitoring.servers.alertmanager lists host 'mon-02' twice"),
                rendered(new MonitoringHostRule(), yaml));
    }

    @Test
    void aRuleDirThatIsTheConfigDirIsRefused() {
        String yaml = fleet("    prometheus:\n      hosts: [mon-01]\n      ruleDir: /etc/prometheus\n");
        assertEquals(List.of("fleet.yaml:15:7: error[MONITORING-DIRS]: ruleDir is configDir (/etc/prometheus): Prometheus would read every *.yml"
                + " there, prometheus.yml too, as a rule file"), rendered(new MonitoringDirsRule(), yaml));
        assertEquals(List.of("leave ruleDir out (/etc/prometheus/rules) or give a directory of its own"), hints(new MonitoringDirsRule(), yaml));
    }

    @Test
    void aRelativePathIsASchemaError() {
        List<Diagnostic> ds = Fleets.diagnostics(fleet("    prometheus: { hosts: [mon-01], configDir: etc/prometheus }\n"));
        assertEquals(1, ds.size(), () -> Fleets.render(ds));
        assertEquals("fleet.yaml:13:47", ds.getFirst().location().toString());
        assertEquals("SCHEMA-PATTERN", ds.getFirst().ruleId());
        assertTrue(ds.getFirst().hint() != null && ds.getFirst().hint().contains("absolute path"), ds.getFirst().hint());
    }

    @Test
    void reloadTakesOneWay() {
        List<Diagnostic> ds = Fleets.diagnostics(fleet("    prometheus: { hosts: [mon-01], reload: { http: \"127.0.0.1:9090\", systemd: prometheus } }\n"));
        assertEquals(1, ds.size(), () -> Fleets.render(ds));
        assertTrue(Fleets.render(ds).contains("give reload either http or systemd, not both"), Fleets.render(ds));
    }
}
