package dev.fleetform.compiler.emit.prometheus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.fleetform.compiler.emit.Artefact;
import dev.fleetform.compiler.emit.Compiled;
import dev.fleetform.compiler.emit.ExternalTool;
import dev.fleetform.compiler.testing.Fleets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PrometheusEmitterTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final YAMLMapper YAML = new YAMLMapper();

    private static List<Artefact> sample() {
        return Compiled.emit(new PrometheusEmitter(), Fleets.SAMPLE);
    }

    private static JsonNode json(List<Artefact> artefacts, String path) throws Exception {
        return JSON.readTree(ExternalTool.find(artefacts, path).bytes());
    }

    @Test
    void configPassesPromtool(@TempDir Path dir) {
        ExternalTool.write(dir, sample());
        var r = ExternalTool.ok(dir.resolve("prometheus"), "promtool", "check", "config", "prometheus.yml");
        // promtool also loads the rule files the glob finds and the file_sd files.
        assertTrue(r.out().contains("2 rule files found"), r::describe);
    }

    @Test
    void rulesPassPromtool(@TempDir Path dir) {
        ExternalTool.write(dir, sample());
        ExternalTool.ok(dir.resolve("prometheus"), "promtool", "check", "rules",
                "rules/fleetform-baseline.yml", "rules/fleetform-user.yml");
    }

    @Test
    void scrapeJobsReadTheirFileSd() throws Exception {
        JsonNode config = YAML.readTree(ExternalTool.find(sample(), "prometheus/prometheus.yml").bytes());
        List<String> jobs = new ArrayList<>();
        for (JsonNode sc : config.path("scrape_configs")) {
            jobs.add(sc.path("job_name").asText() + " " + sc.path("file_sd_configs").path(0).path("files").path(0).asText());
        }
        assertEquals(List.of("node file_sd/node.json", "gpu file_sd/gpu.json", "mysql file_sd/mysql.json"), jobs);
        assertEquals("rules/*.yml", config.path("rule_files").path(0).asText());
        assertEquals("sample", config.path("global").path("external_labels").path("fleet").asText());
    }

    @Test
    void nodeTargetsForEveryHostAndVmWithLabels() throws Exception {
        assertEquals(JSON.readTree("""
                [{"targets": ["10.0.2.11:9100"], "labels": {"host": "gpu-01", "rack": "r02", "role": "gpu", "zone": "az1"}},
                 {"targets": ["10.0.3.21:9100"],
                  "labels": {"host": "gpu-01-vm1", "pool": "miners", "rack": "r02", "role": "k8s-worker", "zone": "az1"}},
                 {"targets": ["10.0.1.11:9100"], "labels": {"host": "store-01", "rack": "r01", "role": "storage", "zone": "az2"}}]
                """), json(sample(), "prometheus/file_sd/node.json"));
    }

    @Test
    void gpuTargetsForHostsWithGpusAndVmsWithVgpus() throws Exception {
        List<String> targets = new ArrayList<>();
        json(sample(), "prometheus/file_sd/gpu.json").forEach(g -> targets.add(g.path("targets").path(0).asText()));
        assertEquals(List.of("10.0.2.11:9400", "10.0.3.21:9400"), targets);
    }

    @Test
    void serviceTargetsForHostsListingTheService() throws Exception {
        JsonNode mysql = json(sample(), "prometheus/file_sd/mysql.json");
        assertEquals(1, mysql.size(), mysql::toString);
        assertEquals("10.0.1.11:9104", mysql.path(0).path("targets").path(0).asText());
        assertEquals("store-01", mysql.path(0).path("labels").path("host").asText());
    }

    @Test
    void labelKeysBecomePrometheusLabelNames() throws Exception {
        String fleet = Fleets.edit(Fleets.SAMPLE, "labels: { rack: r01, zone: az2 }",
                "labels: { rack: r01, zone: az2, fleetform.dev/tier: hot }");
        JsonNode store = json(Compiled.emit(new PrometheusEmitter(), fleet), "prometheus/file_sd/node.json").path(2);
        assertEquals("hot", store.path("labels").path("fleetform_dev_tier").asText(), store::toString);
    }

    @Test
    void userRulesCarryTheirLabelsSeverityAndSummary() throws Exception {
        JsonNode rule = YAML.readTree(ExternalTool.find(sample(), "prometheus/rules/fleetform-user.yml").bytes())
                .path("groups").path(0).path("rules").path(0);
        assertEquals(YAML.readTree("""
                alert: MinerReplicasLow
                expr: kube_deployment_status_replicas_available{deployment="ore-miner"} < 2
                for: 5m
                labels: { severity: warning, team: mining }
                annotations: { summary: ORE miner replicas below 2 }
                """), rule);
    }

    @Test
    void baselineRulesHaveSeverityTeamSummaryAndRunbook() throws Exception {
        JsonNode rules = YAML.readTree(ExternalTool.find(sample(), "prometheus/rules/fleetform-baseline.yml").bytes())
                .path("groups").path(0).path("rules");
        List<String> names = new ArrayList<>();
        for (JsonNode r : rules) {
            names.add(r.path("alert").asText());
            assertTrue(r.path("labels").path("severity").asText().matches("warning|critical"), r::toString);
            assertEquals("sre", r.path("labels").path("team").asText(), r::toString);
            assertFalse(r.path("annotations").path("summary").asText().isEmpty(), r::toString);
            assertTrue(r.path("annotations").path("runbook_url").asText().startsWith("https://"), r::toString);
        }
        assertTrue(names.containsAll(List.of("HostDown", "HostMemoryPressure", "HostHighLoad", "HostDiskWillFillIn24h",
                "HostDiskIoSaturated", "RaidDegraded", "FilesystemReadOnly", "GpuExporterDown", "GpuHot", "GpuXidErrors",
                "MinerReplicasUnavailable", "FleetformReconcileFailing", "FleetformReconcileStale", "FleetformDrift")),
                names::toString);
        String exprs = rules.findValuesAsText("expr").toString();
        for (String metric : List.of(FleetformMetrics.RECONCILE_TOTAL,
                FleetformMetrics.LAST_SUCCESS_TIMESTAMP_SECONDS, FleetformMetrics.DRIFT_RESOURCES)) {
            assertTrue(exprs.contains(metric), metric);
        }
    }

    @Test
    void noBaselineRulesWhenTurnedOff() {
        String off = Fleets.edit(Fleets.SAMPLE, "baselineRules: true", "baselineRules: false");
        List<String> paths = Compiled.emit(new PrometheusEmitter(), off).stream().map(Artefact::path).toList();
        assertFalse(paths.contains("prometheus/rules/fleetform-baseline.yml"), paths::toString);
        assertTrue(paths.contains("prometheus/rules/fleetform-user.yml"), paths::toString);
    }

    @Test
    void minimalFleetWithoutMonitoringStillPassesPromtool(@TempDir Path dir) {
        ExternalTool.write(dir, Compiled.emit(new PrometheusEmitter(), Fleets.MINIMAL));
        ExternalTool.ok(dir.resolve("prometheus"), "promtool", "check", "config", "prometheus.yml");
    }

    /** SAMPLE with {@code monitoring.alertmanagers} set to {@code list} (a YAML flow sequence). */
    private static String withAlertmanagers(String list) {
        return Fleets.edit(Fleets.SAMPLE, "  baselineRules: true", "  baselineRules: true\n  alertmanagers: " + list);
    }

    @Test
    void alertsGoToEachListedAlertmanager(@TempDir Path dir) throws Exception {
        List<Artefact> out = Compiled.emit(new PrometheusEmitter(),
                withAlertmanagers("[\"10.0.0.7:9093\", \"am-2.dc-3.example.com:9093\", \"[fd00::7]:9093\"]"));
        ExternalTool.write(dir, out);
        ExternalTool.ok(dir.resolve("prometheus"), "promtool", "check", "config", "prometheus.yml");
        JsonNode config = YAML.readTree(ExternalTool.find(out, "prometheus/prometheus.yml").bytes());
        assertEquals(YAML.readTree("""
                alertmanagers:
                  - static_configs:
                      - targets: ["10.0.0.7:9093", "am-2.dc-3.example.com:9093", "[fd00::7]:9093"]
                """), config.path("alerting"));
    }

    @Test
    void withoutAlertmanagersAlertsGoToLocalhostAsBefore() {
        String config = ExternalTool.find(sample(), "prometheus/prometheus.yml").text();
        assertTrue(config.contains("""
                alerting:
                  alertmanagers:
                    - static_configs:
                        - targets:
                            - localhost:9093
                scrape_configs:
                """), config);
        List<Artefact> explicit = Compiled.emit(new PrometheusEmitter(), withAlertmanagers("[\"localhost:9093\"]"));
        assertArrayEquals(ExternalTool.find(sample(), "prometheus/prometheus.yml").bytes(),
                ExternalTool.find(explicit, "prometheus/prometheus.yml").bytes());
    }

    @Test
    void sameFleetSameBytes() {
        List<Artefact> a = sample();
        List<Artefact> b = sample();
        assertEquals(a.stream().map(Artefact::path).toList(), b.stream().map(Artefact::path).toList());
        for (int i = 0; i < a.size(); i++) assertArrayEquals(a.get(i).bytes(), b.get(i).bytes(), a.get(i).path());
    }
}
