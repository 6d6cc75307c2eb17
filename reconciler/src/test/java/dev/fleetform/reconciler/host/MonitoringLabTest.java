package dev.fleetform.reconciler.host;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fleetform.compiler.Validation;
import dev.fleetform.reconciler.engine.ApplyReport;
import dev.fleetform.reconciler.engine.Drift;
import dev.fleetform.reconciler.engine.Engine;
import dev.fleetform.reconciler.engine.Outcome;
import dev.fleetform.reconciler.engine.Selection;
import dev.fleetform.reconciler.host.lab.Lab;
import dev.fleetform.reconciler.host.lab.LabExtension;
import dev.fleetform.reconciler.host.lab.LabRuns;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static dev.fleetform.reconciler.host.lab.LabRuns.changes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The compiled Prometheus config on the lab host that runs Debian's Prometheus (lab/up with
 * FLEETFORM_LAB_PROMETHEUS): apply puts it there and Prometheus loads the fleet's rules; a rule
 * file edited by hand is drift and apply corrects it; a config promtool refuses is put back whole.
 */
@ExtendWith(LabExtension.class)
class MonitoringLabTest {
    private static final int PROM = LabExtension.PROMETHEUS;
    private static final String RULES = "/etc/prometheus/rules";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path repo;
    private Lab lab;

    /** Prometheus as lab/up started it: its minimal config, no rule files, loaded. */
    @BeforeEach
    void freshPrometheus(Lab lab) throws Exception {
        this.lab = lab;
        in("rm -rf /etc/prometheus/rules /etc/prometheus/file_sd; printf 'global: { scrape_interval: 15s }\\n' >/etc/prometheus/prometheus.yml");
        reload();
        assertEquals(Set.of(), loadedRules().keySet());
    }

    private String fleet(String alertExpr, String extraAlert) {
        String name = lab.host(PROM).name();
        return """
                apiVersion: fleetform.dev/v1
                kind: Fleet
                metadata: { name: lab }
                defaults:
                  ssh: { user: root, identityFile: %s, knownHosts: known_hosts }
                hosts:
                  - { name: lab-01, address: %s }
                  - { name: %s, address: %s }
                monitoring:
                  scrape: { node: { port: 9100 } }
                  alerts:
                    - { name: LabQueueDeep, expr: "%s", for: 5m, severity: warning, summary: queue too deep }
                %s  servers:
                    prometheus: { hosts: [%s], reload: { http: "%s:9090" } }
                """.formatted(lab.identityFile(), lab.host(1).address(), name, lab.host(PROM).address(), alertExpr, extraAlert, name,
                lab.host(PROM).address());
    }

    private Validation validation(String yaml) throws IOException {
        return LabRuns.fleet(lab, repo, yaml);
    }

    private Engine engine(Validation v) {
        return LabRuns.hostEngine(v, repo);
    }

    private String in(String script) {
        return lab.onHost(lab.host(PROM), script);
    }

    private void reload() throws Exception {
        LabRuns.reload(lab.prometheus(PROM));
    }

    /** Group → alert name → expr, as Prometheus on the lab host has them loaded (fetched from its lab address). */
    private Map<String, Map<String, String>> loadedRules() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(lab.prometheus(PROM) + "/api/v1/rules")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        Map<String, Map<String, String>> out = new TreeMap<>();
        for (JsonNode g : JSON.readTree(r.body()).path("data").path("groups")) {
            Map<String, String> rules = new TreeMap<>();
            for (JsonNode rule : g.path("rules")) rules.put(rule.path("name").asText(), rule.path("query").asText());
            out.put(g.path("name").asText(), rules);
        }
        return out;
    }

    private static List<String> monitoringChanges(Drift d, String target) {
        return changes(d).getOrDefault(target, List.of()).stream().filter(c -> !c.contains(" host/")).toList();
    }

    @Test
    void applyPutsTheCompiledConfigOnThePrometheusHostAndItLoadsTheRules() throws Exception {
        Validation v = validation(fleet("node_load1 > 100", ""));
        Engine e = engine(v);
        Drift d = e.drift(Selection.everything());
        assertTrue(d.errors().isEmpty(), () -> d.errors().toString());
        String prom = "host/" + lab.host(PROM).name();
        List<String> creates = monitoringChanges(d, prom);
        assertTrue(creates.contains("create prometheus/rule/fleetform-user/LabQueueDeep"), creates::toString);
        assertTrue(creates.contains("create prometheus/rule/fleetform-baseline/HostDown"), creates::toString);
        assertTrue(creates.contains("create prometheus/scrape/node/lab-01"), creates::toString);
        assertTrue(creates.contains("update prometheus/prometheus.yml"), creates::toString);
        assertEquals(List.of(), monitoringChanges(d, "host/lab-01"), "lab-01 runs no Prometheus");

        ApplyReport r = e.apply(d, null);
        assertFalse(r.failed(), () -> r.outcomes().toString());
        Map<String, Map<String, String>> loaded = loadedRules();
        assertEquals("node_load1 > 100", loaded.get("fleetform-user").get("LabQueueDeep"));
        assertTrue(loaded.get("fleetform-baseline").containsKey("HostDown"), loaded::toString);
        // exactly the bytes compile writes, root's and world-readable
        assertEquals(new String(LabRuns.compiled(v, "prometheus/rules/fleetform-user.yml"), StandardCharsets.UTF_8), in("cat " + RULES + "/fleetform-user.yml"));
        assertEquals(new String(LabRuns.compiled(v, "prometheus/prometheus.yml"), StandardCharsets.UTF_8), in("cat /etc/prometheus/prometheus.yml"));
        assertEquals(new String(LabRuns.compiled(v, "prometheus/file_sd/node.json"), StandardCharsets.UTF_8), in("cat /etc/prometheus/file_sd/node.json"));
        assertEquals("root:root 644\n", in("stat -c '%U:%G %a' " + RULES + "/fleetform-user.yml"));

        String inodes = in("stat -c '%n %i' /etc/prometheus/prometheus.yml " + RULES + "/*.yml");
        Drift again = e.drift(Selection.everything());
        assertEquals(List.of(), monitoringChanges(again, prom));
        assertEquals(inodes, in("stat -c '%n %i' /etc/prometheus/prometheus.yml " + RULES + "/*.yml"), "nothing rewritten");

        // --target prometheus picks the host that carries the rules, and only its monitoring changes
        in("sed -i 's/node_load1 > 100/node_load1 > 7/' " + RULES + "/fleetform-user.yml");
        Drift targeted = e.drift(new Selection(List.of("prometheus/rule"), Set.of()));
        assertEquals(Map.of(prom, List.of("update prometheus/rule/fleetform-user/LabQueueDeep")), changes(targeted));
    }

    @Test
    void aRuleFileEditedByHandIsDriftAndApplyCorrectsItAndPrometheusReloads() throws Exception {
        Validation v = validation(fleet("node_load1 > 100", ""));
        Engine e = engine(v);
        assertFalse(e.apply(e.drift(Selection.everything()), null).failed());
        String prom = "host/" + lab.host(PROM).name();

        in("sed -i 's/node_load1 > 100/node_load1 > 1/' " + RULES + "/fleetform-user.yml");
        reload(); // someone reloaded after the edit: Prometheus runs the edited rule
        assertEquals("node_load1 > 1", loadedRules().get("fleetform-user").get("LabQueueDeep"));

        Drift d = e.drift(Selection.everything());
        assertEquals(List.of("update prometheus/rule/fleetform-user/LabQueueDeep"), monitoringChanges(d, prom));
        var change = d.plan().changes().stream().filter(c -> c.address().text().endsWith("LabQueueDeep")).findFirst().orElseThrow();
        assertEquals("node_load1 > 1", change.before().get("expr"));
        assertEquals("node_load1 > 100", change.after().get("expr"));

        ApplyReport r = e.apply(d, null);
        assertFalse(r.failed(), () -> r.outcomes().toString());
        assertEquals(new String(LabRuns.compiled(v, "prometheus/rules/fleetform-user.yml"), StandardCharsets.UTF_8), in("cat " + RULES + "/fleetform-user.yml"));
        assertEquals("node_load1 > 100", loadedRules().get("fleetform-user").get("LabQueueDeep"), "apply reloaded Prometheus");
        assertEquals(List.of(), monitoringChanges(e.drift(Selection.everything()), prom));
    }

    @Test
    void aRuleFileGitDroppedIsRemoved() throws Exception {
        Engine e = engine(validation(fleet("node_load1 > 100", "")));
        assertFalse(e.apply(e.drift(Selection.everything()), null).failed());
        // no alerts left: fleetform-user.yml is no longer compiled, so its rules are deletes
        Engine none = engine(validation(fleet("node_load1 > 100", "").replaceAll("(?m)^  alerts:\n.*\n", "")));
        Drift d = none.drift(Selection.everything());
        assertEquals(List.of("delete prometheus/rule/fleetform-user/LabQueueDeep"),
                monitoringChanges(d, "host/" + lab.host(PROM).name()).stream().filter(c -> c.contains("fleetform-user")).toList());
        assertFalse(none.apply(d, null).failed());
        assertEquals("gone\n", in("[ -e " + RULES + "/fleetform-user.yml ] && echo there || echo gone"));
        assertFalse(loadedRules().containsKey("fleetform-user"));
    }

    @Test
    void aConfigPromtoolRefusesIsCaughtOnTheHostAndThePreviousFilesStay() throws Exception {
        Engine e = engine(validation(fleet("node_load1 > 100", "")));
        assertFalse(e.apply(e.drift(Selection.everything()), null).failed());
        String before = in("cat " + RULES + "/fleetform-user.yml");
        // a broken rule file someone left in the rule directory: prometheus.yml loads rules/*.yml
        in("printf 'groups:\\n  - name: local\\n    rules:\\n      - alert: Broken\\n        expr: \"rate(\"\\n' >" + RULES + "/local.yml");
        String listing = in("ls -a " + RULES + " /etc/prometheus/file_sd /etc/prometheus");

        Engine changed = engine(validation(fleet("node_load1 > 50",
                "    - { name: LabDiskFull, expr: \"node_filesystem_avail_bytes < 1\", severity: critical, summary: disk full }\n")));
        Drift d = changed.drift(Selection.everything());
        ApplyReport r = changed.apply(d, null);
        List<String> failures = new ArrayList<>();
        for (Outcome o : r.outcomes()) if (o instanceof Outcome.Failed f) failures.add(f.reason());
        assertFalse(failures.isEmpty(), () -> r.outcomes().toString());
        for (String f : failures) {
            assertTrue(f.startsWith("promtool check config rejected the new config: "), f);
            assertTrue(f.contains("local.yml"), f);
            assertTrue(f.endsWith("the previous files are back on " + lab.host(PROM).name() + ", nothing was reloaded"), f);
        }
        assertEquals(before, in("cat " + RULES + "/fleetform-user.yml"), "the previous rule file is back");
        assertEquals(listing, in("ls -a " + RULES + " /etc/prometheus/file_sd /etc/prometheus"), "no temporary or previous file left behind");
        Map<String, Map<String, String>> loaded = loadedRules();
        assertEquals(new TreeSet<>(List.of("LabQueueDeep")), new TreeSet<>(loaded.get("fleetform-user").keySet()));
        assertEquals("node_load1 > 100", loaded.get("fleetform-user").get("LabQueueDeep"));
        in("rm -f " + RULES + "/local.yml");
    }
}
