package dev.fleetform.reconciler.host;

import dev.fleetform.compiler.Validation;
import dev.fleetform.compiler.emit.EmitContext;
import dev.fleetform.compiler.emit.Templates;
import dev.fleetform.compiler.load.FileSystemSource;
import dev.fleetform.compiler.work.Workers;
import dev.fleetform.reconciler.api.Fleetform;
import dev.fleetform.reconciler.engine.ApplyReport;
import dev.fleetform.reconciler.engine.Drift;
import dev.fleetform.reconciler.engine.Engine;
import dev.fleetform.reconciler.engine.Outcome;
import dev.fleetform.reconciler.engine.Progress;
import dev.fleetform.reconciler.engine.Selection;
import dev.fleetform.reconciler.host.lab.Lab;
import dev.fleetform.reconciler.host.lab.LabExtension;
import dev.fleetform.reconciler.host.monitoring.BridgeSecrets;
import dev.fleetform.reconciler.host.ssh.SshOptions;
import dev.fleetform.reconciler.render.RunJson;
import dev.fleetform.reconciler.render.RunText;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The DingTalk bridge's config on a lab host: its secret references ({@code env:}, {@code file:})
 * are filled in at apply time, written only to that file (root, 0600), and no drift or apply
 * output (text, JSON, outcomes, errors) ever holds a value. prometheus-webhook-dingtalk is not
 * installable here, so its reload is pointed at the lab Prometheus's lifecycle endpoint, which
 * answers {@code POST /-/reload} as the bridge does: this test is about the file and the secrets.
 */
@ExtendWith(LabExtension.class)
class BridgeSecretsLabTest {
    private static final SshOptions OPTIONS = SshOptions.defaults().withConnectTimeout(Duration.ofSeconds(3)).withRetries(1, Duration.ofMillis(200));
    private static final int HOST = LabExtension.PROMETHEUS;
    private static final String CONFIG = "/etc/prometheus-webhook-dingtalk/config.yml";
    /** Values a YAML writer must quote: a real robot URL with its token, and a signing secret with YAML's own characters. */
    private static final String URL = "https://oapi.dingtalk.com/robot/send?access_token=9f8e7d6c5b4a39281706f5e4d3c2b1a0";
    private static final String SIGN = "SEC: 'x\" #y";

    @TempDir
    Path repo;
    @TempDir
    Path secretsDir;
    private Lab lab;
    private final Map<String, String> env = new HashMap<>();

    @BeforeEach
    void fresh(Lab lab) throws IOException {
        this.lab = lab;
        assertEquals(0, lab.inHost(lab.host(HOST), "rm -rf /etc/prometheus-webhook-dingtalk").exit());
        env.put("LAB_DINGTALK_URL", URL);
        Files.writeString(secretsDir.resolve("dingtalk-sign"), SIGN + "\n");
    }

    private Engine engine() throws IOException {
        Lab.Host h = lab.host(HOST);
        Files.copy(lab.knownHosts(), repo.resolve("known_hosts"), StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(repo.resolve("fleet.yaml"), """
                apiVersion: fleetform.dev/v1
                kind: Fleet
                metadata: { name: lab }
                defaults:
                  ssh: { user: root, identityFile: %s, knownHosts: known_hosts }
                hosts:
                  - { name: %s, address: %s }
                monitoring:
                  baselineRules: false
                  receivers:
                    - name: sre-dingtalk
                      dingtalk: { urlSecretRef: "env:LAB_DINGTALK_URL", signSecretRef: "file:dingtalk-sign" }
                  routes:
                    - { match: { severity: critical }, receiver: sre-dingtalk }
                  servers:
                    dingtalkBridge: { hosts: [%s], reload: { http: "%s:9090" } }
                """.formatted(lab.identityFile(), h.name(), h.address(), h.name(), h.address()));
        Validation v = Fleetform.open(repo.resolve("fleet.yaml"), Workers.callerOnly()).validate();
        assertTrue(v.valid(), () -> v.diagnostics().toString());
        HostProvider p = new HostProvider(v, new EmitContext(Templates.builtIn()), new FileSystemSource(repo), OPTIONS,
                new BridgeSecrets(env::get, secretsDir));
        return new Engine(List.of(p), Workers.callerOnly(), Progress.NONE);
    }

    private String in(String script) {
        Lab.Result r = lab.inHost(lab.host(HOST), script);
        assertEquals(0, r.exit(), r.out());
        return r.out();
    }

    /** Every way a run is shown: text, JSON, and each outcome's own words. */
    private static String shown(Drift d, ApplyReport r) {
        StringBuilder b = new StringBuilder(RunText.drift(d, false)).append(RunJson.drift(d)).append(d.errors()).append(d.plan().changes());
        if (r != null) b.append(RunText.apply(r, false)).append(RunJson.apply(r)).append(r.outcomes());
        return b.toString();
    }

    private static void noSecretIn(String output) {
        for (String secret : List.of(URL, "9f8e7d6c5b4a39281706f5e4d3c2b1a0", SIGN, "SEC:")) {
            assertFalse(output.contains(secret), () -> "a secret value is shown: " + output);
        }
    }

    @Test
    void theSecretsAreFilledInOnlyInTheFileAndNeverShown() throws IOException {
        Engine e = engine();
        Drift d = e.drift(Selection.everything());
        String target = "host/" + lab.host(HOST).name();
        assertTrue(d.plan().changes().stream().anyMatch(c -> c.address().text().equals("alertmanager/dingtalk.yml")), () -> shown(d, null));
        ApplyReport r = e.apply(d, null);
        assertFalse(r.failed(), () -> r.outcomes().toString());
        noSecretIn(shown(d, r));

        assertEquals("root:root 600\n", in("stat -c '%U:%G %a' " + CONFIG));
        String file = in("cat " + CONFIG);
        assertTrue(file.contains(URL), file);
        assertFalse(file.contains("${secret:env:") || file.contains("${secret:file:"), file);
        // the value comes back as written: YAML-escaped, not spliced into the text
        var yaml = new com.fasterxml.jackson.databind.ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory()).readTree(file);
        assertEquals(URL, yaml.path("targets").path("sre-dingtalk").path("url").asText());
        assertEquals(SIGN, yaml.path("targets").path("sre-dingtalk").path("secret").asText());

        Drift again = e.drift(Selection.everything());
        assertTrue(again.inSync(), () -> shown(again, null));

        // rotated by hand on the host (an old token): drift says the file differs, and shows neither value
        in("sed -i 's/9f8e7d6c5b4a39281706f5e4d3c2b1a0/0000oldtoken0000/' " + CONFIG);
        Drift drifted = e.drift(Selection.everything());
        assertFalse(drifted.inSync());
        String out = shown(drifted, null);
        noSecretIn(out);
        assertFalse(out.contains("0000oldtoken0000"), out);
        assertTrue(out.contains("not shown: it holds secrets"), out);
        ApplyReport fixed = e.apply(drifted, null);
        assertFalse(fixed.failed(), () -> fixed.outcomes().toString());
        assertTrue(in("cat " + CONFIG).contains(URL));
        assertTrue(e.drift(Selection.everything()).inSync(), target);
    }

    @Test
    void aSecretThatCannotBeReadWritesNothingAndSaysWhichReference() throws IOException {
        env.remove("LAB_DINGTALK_URL");
        Engine e = engine();
        Drift d = e.drift(Selection.everything());
        ApplyReport r = e.apply(d, null);
        List<String> failed = r.outcomes().stream().filter(o -> o instanceof Outcome.Failed).map(o -> ((Outcome.Failed) o).reason()).toList();
        assertEquals(List.of("secret env:LAB_DINGTALK_URL: the environment variable LAB_DINGTALK_URL is not set; nothing written on "
                + lab.host(HOST).name()), failed);
        assertEquals("absent\n", in("[ -e " + CONFIG + " ] && echo there || echo absent"));
        noSecretIn(shown(d, r));
    }
}
