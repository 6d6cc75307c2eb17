package dev.fleetform.reconciler.host;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The compiled alertmanager.yml on the lab host that runs Debian's Alertmanager (lab/up with
 * FLEETFORM_LAB_ALERTMANAGER): apply writes it, amtool checks it on that host, Alertmanager reloads
 * (POST /-/reload) and its /api/v2/status shows the fleet's receivers and routes; an edit by hand
 * is drift and is corrected; a reload that fails puts the previous file back.
 */
@ExtendWith(LabExtension.class)
class AlertmanagerLabTest {
    private static final int AM = LabExtension.ALERTMANAGER;
    private static final String CONFIG = "/etc/prometheus/alertmanager.yml";
    private static final String MINIMAL = "route: { receiver: lab }\nreceivers: [ { name: lab } ]\n";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path repo;
    private Lab lab;

    /** Alertmanager as lab/up started it: its minimal config, loaded. */
    @BeforeEach
    void freshAlertmanager(Lab lab) throws Exception {
        this.lab = lab;
        in("printf '" + MINIMAL.replace("\n", "\\n") + "' >" + CONFIG);
        reload();
        assertEquals(List.of("lab"), receivers());
    }

    private String fleet(String reloadAddress) {
        Lab.Host am = lab.host(AM);
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
                  receivers:
                    - name: oncall-webhook
                      webhook: { url: "http://%s:9999/hook" }
                  routes:
                    - { match: { severity: critical }, receiver: oncall-webhook }
                  servers:
                    alertmanager: { hosts: [%s], reload: { http: "%s" } }
                """.formatted(lab.identityFile(), lab.host(1).address(), am.name(), am.address(), lab.host(1).address(), am.name(), reloadAddress);
    }

    private Validation validation(String yaml) throws IOException {
        return LabRuns.fleet(lab, repo, yaml);
    }

    private Engine engine(Validation v) {
        return LabRuns.hostEngine(v, repo);
    }

    private static String compiled(Validation v) {
        return new String(LabRuns.compiled(v, "alertmanager/alertmanager.yml"), StandardCharsets.UTF_8);
    }

    private String in(String script) {
        return lab.onHost(lab.host(AM), script);
    }

    private void reload() throws Exception {
        LabRuns.reload(lab.alertmanager(AM));
    }

    /** The config Alertmanager runs, as its /api/v2/status shows it (config.original, fetched from its lab address). */
    private JsonNode running() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(lab.alertmanager(AM) + "/api/v2/status")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return new YAMLMapper().readTree(JSON.readTree(r.body()).path("config").path("original").asText());
    }

    private List<String> receivers() throws Exception {
        List<String> out = new ArrayList<>();
        for (JsonNode n : running().path("receivers")) out.add(n.path("name").asText());
        return out;
    }

    private static Map<String, List<String>> changes(Drift d) {
        return LabRuns.changes(d, a -> a.startsWith("alertmanager/"));
    }

    @Test
    void applyPutsTheCompiledConfigOnTheAlertmanagerHostAndItRunsIt() throws Exception {
        Validation v = validation(fleet(lab.host(AM).address() + ":9093"));
        Engine e = engine(v);
        String am = "host/" + lab.host(AM).name();
        Drift d = e.drift(Selection.everything());
        assertTrue(d.errors().isEmpty(), () -> d.errors().toString());
        assertEquals(Map.of(am, List.of("update alertmanager/alertmanager.yml")), changes(d), "only the host that runs Alertmanager carries it");

        ApplyReport r = e.apply(d, null);
        assertFalse(r.failed(), () -> r.outcomes().toString());
        assertEquals(compiled(v), in("cat " + CONFIG), "exactly the bytes compile writes");
        assertEquals("root:root 644\n", in("stat -c '%U:%G %a' " + CONFIG));
        // the checker the applier runs on the host passes on what is there
        assertTrue(in("amtool check-config " + CONFIG + " 2>&1").contains("SUCCESS"));
        JsonNode running = running();
        assertTrue(receivers().contains("oncall-webhook"), running::toString);
        assertTrue(running.path("receivers").toString().contains("http://" + lab.host(1).address() + ":9999/hook"), running::toString);
        assertTrue(running.path("route").toString().contains("oncall-webhook"), running::toString);

        String inode = in("stat -c %i " + CONFIG);
        Drift again = e.drift(Selection.everything());
        assertEquals(Map.of(), changes(again));
        assertEquals(inode, in("stat -c %i " + CONFIG), "nothing rewritten");
    }

    @Test
    void anEditByHandIsDriftAndApplyCorrectsItAndAlertmanagerReloads() throws Exception {
        Validation v = validation(fleet(lab.host(AM).address() + ":9093"));
        Engine e = engine(v);
        assertFalse(e.apply(e.drift(Selection.everything()), null).failed());
        in("sed -i 's/9999/9998/' " + CONFIG);
        reload();
        assertTrue(running().path("receivers").toString().contains(":9998/hook"));

        Drift d = e.drift(Selection.everything());
        assertEquals(Map.of("host/" + lab.host(AM).name(), List.of("update alertmanager/alertmanager.yml")), changes(d));
        ApplyReport r = e.apply(d, null);
        assertFalse(r.failed(), () -> r.outcomes().toString());
        assertEquals(compiled(v), in("cat " + CONFIG));
        assertTrue(running().path("receivers").toString().contains(":9999/hook"), "apply reloaded Alertmanager");
    }

    @Test
    void aReloadThatFailsPutsThePreviousConfigBack() throws Exception {
        // nothing listens on 9094: the POST fails after the file is written and checked
        Engine e = engine(validation(fleet(lab.host(AM).address() + ":9094")));
        ApplyReport r = e.apply(e.drift(Selection.everything()), null);
        List<String> failures = r.outcomes().stream().filter(o -> o instanceof Outcome.Failed).map(o -> ((Outcome.Failed) o).reason()).toList();
        assertEquals(1, failures.size(), () -> r.outcomes().toString());
        assertTrue(failures.getFirst().startsWith("POST http://" + lab.host(AM).address() + ":9094/-/reload failed: "), failures::toString);
        assertTrue(failures.getFirst().contains("the previous files are back on " + lab.host(AM).name()), failures::toString);
        assertEquals(MINIMAL, in("cat " + CONFIG));
        assertEquals("", in("ls -a /etc/prometheus | grep fleetform || true"), "no temporary or previous file left behind");
        assertEquals(List.of("lab"), receivers());
    }
}
