package dev.fleetform.reconciler.loop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.fleetform.compiler.Validation;
import dev.fleetform.compiler.Validator;
import dev.fleetform.compiler.emit.Artefact;
import dev.fleetform.compiler.emit.Compiler;
import dev.fleetform.compiler.emit.EmitContext;
import dev.fleetform.compiler.emit.Templates;
import dev.fleetform.compiler.work.Workers;
import dev.fleetform.reconciler.loop.status.ChangeStatus;
import dev.fleetform.reconciler.loop.status.Result;
import dev.fleetform.reconciler.loop.status.RunStatus;
import dev.fleetform.reconciler.loop.status.TargetStatus;
import dev.fleetform.reconciler.loop.status.Trigger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The baseline alert rules the compiler emits fire on the series the loop exposes: the series
 * are read from LoopMetrics' own exposition (so a renamed metric or label breaks this test), fed
 * to the real {@code promtool test rules} with the example fleet's compiled rule file.
 */
class LoopAlertRulesTest {
    @TempDir
    Path dir;

    @Test
    void failingStaleAndDriftAlertsFireOnTheLoopsSeriesAndStaleNeverFiresForALoopThatHasNotConvergedYet() throws Exception {
        LoopMetrics metrics = new LoopMetrics();
        Instant t = Instant.parse("2026-12-02T12:00:00Z");
        ChangeStatus blocked = new ChangeStatus("k8s/prod/v1/PersistentVolumeClaim/mining/data", "k8s", "delete", "destructive", "prune",
                false, ChangeStatus.Outcome.BLOCKED, "destructive: apply it with --approve ...");
        TargetStatus prod = new TargetStatus("k8s/prod", "k8s", TargetStatus.State.DRIFTED, 1, null, null, List.of());
        metrics.record(new RunStatus(1, Trigger.STARTUP, t, t.plusSeconds(2), 2, Result.UNREACHABLE, null, null, "git down",
                List.of(prod), List.of(blocked), List.of(blocked), List.of(), List.of()));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        metrics.write(out);
        MetricsText m = MetricsText.parse(out.toString(StandardCharsets.UTF_8));

        String failing = "fleetform_reconcile_total{result=\"unreachable\"}";
        String stale = "fleetform_last_applied_commit_info"; // present only after a commit was applied: not here
        String drift = "fleetform_drift_resources{kind=\"k8s\",provider=\"k8s\"}";
        assertNotNull(m.get(failing), m.samples.toString());
        assertNotNull(m.get(drift), m.samples.toString());
        assertNotNull(m.get("fleetform_blocked_changes{risk=\"destructive\"}"), m.samples.toString());
        assertTrue(m.samples.keySet().stream().noneMatch(k -> k.startsWith(stale)));
        // never converged: the timestamp is absent (not 0, which the stale rule would read as "last converged in 1970")
        String lastSuccess = "fleetform_last_success_timestamp_seconds";
        assertNull(m.get(lastSuccess), m.samples.toString());
        assertFalse(m.types.containsKey(lastSuccess), m.types.toString());
        ByteArrayOutputStream standbyOut = new ByteArrayOutputStream();
        new LoopMetrics().write(standbyOut); // a --leader-elect standby: no run at all
        MetricsText standby = MetricsText.parse(standbyOut.toString(StandardCharsets.UTF_8));
        assertNull(standby.get(lastSuccess), standby.samples.toString());
        assertEquals(0.0, standby.get(failing));
        LoopMetrics converged = new LoopMetrics();
        converged.record(new RunStatus(1, Trigger.STARTUP, t, t.plusSeconds(2), 2, Result.SUCCESS, null, null, "ok",
                List.of(), List.of(), List.of(), List.of(), List.of()));
        ByteArrayOutputStream convergedOut = new ByteArrayOutputStream();
        converged.write(convergedOut);
        MetricsText once = MetricsText.parse(convergedOut.toString(StandardCharsets.UTF_8));
        assertEquals((double) t.plusSeconds(2).getEpochSecond(), once.get(lastSuccess), once.samples.toString());
        assertEquals("gauge", once.types.get(lastSuccess));

        Path rules = dir.resolve("fleetform-baseline.yml");
        Files.write(rules, baselineRules());
        Map<String, JsonNode> byName = new LinkedHashMap<>();
        for (JsonNode r : new ObjectMapper(new YAMLFactory()).readTree(rules.toFile()).path("groups").get(0).path("rules")) {
            byName.put(r.path("alert").asText(), r);
        }
        List<String> loopAlerts = List.of("FleetformReconcileFailing", "FleetformReconcileStale", "FleetformDrift");
        StringBuilder test = new StringBuilder("rule_files: [fleetform-baseline.yml]\nevaluation_interval: 1m\ntests:\n");
        // converged once, at the start of promtool's clock (Unix time 0), then one failing run a minute; 1 resource adrift
        test.append("  - interval: 1m\n    input_series:\n");
        test.append("      - series: '").append(failing).append("'\n        values: '0+1x120'\n");
        test.append("      - series: '").append(lastSuccess).append("'\n        values: '0x120'\n");
        test.append("      - series: '").append(drift).append("'\n        values: '").append(m.get(drift).intValue()).append("x120'\n");
        test.append("    alert_rule_test:\n");
        for (String alert : loopAlerts) expect(test, byName, alert, m.get(drift).intValue());
        // never converged and failing, as exposed above (no timestamp series): failing fires, stale does not guess
        test.append("  - interval: 1m\n    input_series:\n")
                .append("      - series: '").append(failing).append("'\n        values: '0+1x120'\n")
                .append("    alert_rule_test:\n");
        expect(test, byName, "FleetformReconcileFailing", 0);
        test.append("      - eval_time: 90m\n        alertname: FleetformReconcileStale\n        exp_alerts: []\n");
        // a standby replica (all counters 0, no timestamp), and a quiet loop: nothing fires
        test.append("  - interval: 1m\n    input_series:\n");
        for (String k : standby.samples.keySet()) {
            if (k.startsWith("fleetform_reconcile_total")) test.append("      - series: '").append(k).append("'\n        values: '0x120'\n");
        }
        test.append("    alert_rule_test:\n");
        for (String alert : loopAlerts) test.append("      - eval_time: 90m\n        alertname: ").append(alert).append("\n        exp_alerts: []\n");
        test.append("  - interval: 1m\n    input_series:\n")
                .append("      - series: '").append(failing).append("'\n        values: '0x120'\n")
                .append("      - series: '").append(lastSuccess).append("'\n        values: '0+60x120'\n")
                .append("      - series: '").append(drift).append("'\n        values: '0x120'\n")
                .append("    alert_rule_test:\n");
        for (String alert : loopAlerts) {
            test.append("      - eval_time: 90m\n        alertname: ").append(alert).append("\n        exp_alerts: []\n");
        }
        Path file = dir.resolve("loop-alerts.test.yml");
        Files.writeString(file, test);
        String result = Promtool.testRules(file);
        assertTrue(result.contains("SUCCESS"), result);
    }

    /** The alert firing at 90 minutes with its labels and annotations as the rule file has them. */
    private static void expect(StringBuilder test, Map<String, JsonNode> byName, String alert, int value) {
        JsonNode r = byName.get(alert);
        assertNotNull(r, alert + " in " + byName.keySet());
        String summary = r.path("annotations").path("summary").asText().replace("{{ $value }}", String.valueOf(value));
        test.append("      - eval_time: 90m\n        alertname: ").append(alert).append("\n        exp_alerts:\n")
                .append("          - exp_labels: { severity: ").append(r.path("labels").path("severity").asText())
                .append(", team: ").append(r.path("labels").path("team").asText()).append(" }\n")
                .append("            exp_annotations:\n")
                .append("              summary: '").append(summary).append("'\n")
                .append("              runbook_url: '").append(r.path("annotations").path("runbook_url").asText()).append("'\n");
    }

    private static byte[] baselineRules() {
        Validation v = new Validator(Workers.callerOnly()).validateFile(Path.of("../fleet-repo-example/fleet.yaml"));
        assertTrue(v.valid());
        List<String> paths = new ArrayList<>();
        for (Artefact a : Compiler.builtIn().compile(v.fleet(), v.index(), new EmitContext(Templates.builtIn()))) {
            paths.add(a.path());
            if (a.path().endsWith("fleetform-baseline.yml")) return a.bytes();
        }
        throw new AssertionError("no baseline rules in " + paths);
    }
}
