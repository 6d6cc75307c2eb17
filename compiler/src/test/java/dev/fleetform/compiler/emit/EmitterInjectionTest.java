package dev.fleetform.compiler.emit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.fleetform.compiler.emit.alertmanager.AlertmanagerEmitter;
import dev.fleetform.compiler.emit.ansible.AnsibleEmitter;
import dev.fleetform.compiler.emit.prometheus.PrometheusEmitter;
import dev.fleetform.compiler.testing.Fleets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hostile but schema-valid strings in host labels (Kubernetes label syntax), alert labels and
 * summaries (free text) and route matchers: every output still passes its real tool and the
 * exact values come back out of it.
 */
class EmitterInjectionTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final YAMLMapper YAML = new YAMLMapper();

    /** Host label values that YAML 1.1 readers take for booleans, nulls, numbers and dates. */
    static final Map<String, String> HOST_LABELS = ordered(
            "rack", "yes", "zone", "on", "row", "null", "shelf", "0755", "pdu", "0x1F", "bay", "1_000",
            "since", "2001-12-14", "tier", "1.10", "fleetform.dev/flag", "true", "sci", "1e3", "y", "n");

    static final String TEAM = "min\"ing's <x> & y: z";
    static final String SUMMARY = "- Replicas: 'low' & \"<critical>\" # check";

    static final Map<String, String> ALERT_LABELS = ordered(
            "team", TEAM, "note", "x: y # z", "star", "* a", "dash", "- b", "hash", "#c", "bool", "yes",
            "nul", "null", "oct", "0755", "sexa", "1:20", "brace", "{x}", "pipe", "| x", "bs", "back\\slash",
            "pad", " padded ", "amp", "&x");

    private static Map<String, String> ordered(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put(kv[i], kv[i + 1]);
        return m;
    }

    /** A YAML flow map with every key and value double-quoted, as a user would write them. */
    private static String flow(Map<String, String> m) {
        return m.entrySet().stream().map(e -> quote(e.getKey()) + ": " + quote(e.getValue()))
                .collect(Collectors.joining(", ", "{ ", " }"));
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    static final String FLEET;

    static {
        String f = Fleets.edit(Fleets.SAMPLE, "labels: { rack: r01, zone: az2 }", "labels: " + flow(HOST_LABELS));
        f = Fleets.edit(f, "labels: { team: mining }", "labels: " + flow(ALERT_LABELS));
        f = Fleets.edit(f, "summary: ORE miner replicas below 2", "summary: " + quote(SUMMARY));
        f = Fleets.edit(f, "{ match: { team: mining }, receiver: oncall-webhook }",
                "{ match: { team: " + quote(TEAM) + " }, receiver: oncall-webhook }");
        FLEET = f;
    }

    @Test
    void inventoryKeepsHostileLabelValuesAndMakesValidGroupNames(@TempDir Path dir) throws Exception {
        ExternalTool.write(dir, Compiled.emit(new AnsibleEmitter(), FLEET));
        JsonNode inv = JSON.readTree(ExternalTool.ansibleInventory(dir.resolve("ansible"), "inventory.yml"));
        JsonNode labels = inv.path("_meta").path("hostvars").path("store-01").path("fleetform_labels");
        assertEquals(JSON.valueToTree(HOST_LABELS), labels);
        for (var it = inv.fieldNames(); it.hasNext(); ) {
            String group = it.next();
            if (!group.equals("_meta")) assertTrue(group.matches("[A-Za-z_][A-Za-z0-9_]*"), group);
        }
        for (String group : List.of("rack_yes", "row_null", "shelf_0755", "bay_1_000", "tier_1_10", "fleetform_dev_flag_true")) {
            assertTrue(inv.path(group).path("hosts").toString().contains("\"store-01\""), group + " in " + inv);
        }
        ExternalTool.ok(dir.resolve("ansible"), "ansible-playbook", "--syntax-check", "-i", "inventory.yml", "host-baseline.yml");
    }

    @Test
    void prometheusFilesPassPromtoolAndKeepTheValues(@TempDir Path dir) throws Exception {
        List<Artefact> out = Compiled.emit(new PrometheusEmitter(), FLEET);
        ExternalTool.write(dir, out);
        Path prom = dir.resolve("prometheus");
        ExternalTool.ok(prom, "promtool", "check", "config", "prometheus.yml");
        ExternalTool.ok(prom, "promtool", "check", "rules", "rules/fleetform-user.yml");

        JsonNode rule = YAML.readTree(prom.resolve("rules/fleetform-user.yml").toFile())
                .path("groups").path(0).path("rules").path(0);
        Map<String, String> expected = new TreeMap<>(ALERT_LABELS);
        expected.put("severity", "warning");
        assertEquals(JSON.valueToTree(expected), rule.path("labels"));
        assertEquals(SUMMARY, rule.path("annotations").path("summary").textValue());

        JsonNode store = JSON.readTree(prom.resolve("file_sd/node.json").toFile()).path(2).path("labels");
        assertEquals("store-01", store.path("host").textValue());
        for (var e : HOST_LABELS.entrySet()) {
            String name = e.getKey().replaceAll("[^A-Za-z0-9_]", "_");
            assertEquals(e.getValue(), store.path(name).textValue(), name + " in " + store);
        }
    }

    /** Prometheus itself evaluates the user rule: the alert it fires carries the exact strings. */
    @Test
    void prometheusFiresTheAlertWithTheExactLabels(@TempDir Path dir) throws Exception {
        ExternalTool.write(dir, Compiled.emit(new PrometheusEmitter(), FLEET));
        Path rules = dir.resolve("prometheus/rules");
        Map<String, Object> expLabels = new TreeMap<>(ALERT_LABELS);
        expLabels.put("severity", "warning");
        expLabels.put("deployment", "ore-miner");
        // JSON is YAML too, and its quoting is independent of the YAML writer under test.
        String test = Serializers.json(Map.of(
                "rule_files", List.of("fleetform-user.yml"),
                "evaluation_interval", "1m",
                "tests", List.of(Map.of(
                        "interval", "1m",
                        "input_series", List.of(Map.of(
                                "series", "kube_deployment_status_replicas_available{deployment=\"ore-miner\"}",
                                "values", "1x10")),
                        "alert_rule_test", List.of(Map.of(
                                "eval_time", "6m",
                                "alertname", "MinerReplicasLow",
                                "exp_alerts", List.of(Map.of(
                                        "exp_labels", expLabels,
                                        "exp_annotations", Map.of("summary", SUMMARY)))))))));
        Files.writeString(rules.resolve("hostile_test.json"), test);
        ExternalTool.ok(rules, "promtool", "test", "rules", "hostile_test.json");
    }

    @Test
    void alertmanagerRoutesTheHostileValue(@TempDir Path dir) throws Exception {
        ExternalTool.write(dir, Compiled.emit(new AlertmanagerEmitter(), FLEET));
        Path am = dir.resolve("alertmanager");
        ExternalTool.ok(am, "amtool", "check-config", "alertmanager.yml");
        JsonNode routes = YAML.readTree(am.resolve("alertmanager.yml").toFile()).path("route").path("routes");
        assertEquals("team=\"min\\\"ing's <x> & y: z\"", routes.path(1).path("matchers").path(0).textValue());
        // The label as a user types it for amtool: same escaping rules, written by hand here.
        var r = ExternalTool.ok(am, "amtool", "config", "routes", "test", "--config.file=alertmanager.yml",
                "team=\"min\\\"ing's <x> & y: z\"");
        assertEquals("oncall-webhook", r.out().strip());
        var other = ExternalTool.ok(am, "amtool", "config", "routes", "test", "--config.file=alertmanager.yml",
                "team=\"min\\\"ing's <x> & y\"");
        assertEquals("default", other.out().strip());
    }
}
