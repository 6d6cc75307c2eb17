package dev.fleetform.reconciler.host;

import dev.fleetform.compiler.Validation;
import dev.fleetform.compiler.emit.EmitContext;
import dev.fleetform.compiler.emit.Templates;
import dev.fleetform.compiler.load.FileSystemSource;
import dev.fleetform.reconciler.engine.ApplyReport;
import dev.fleetform.reconciler.engine.Drift;
import dev.fleetform.reconciler.engine.Engine;
import dev.fleetform.reconciler.engine.Outcome;
import dev.fleetform.reconciler.engine.Selection;
import dev.fleetform.reconciler.host.lab.Lab;
import dev.fleetform.reconciler.host.lab.LabExtension;
import dev.fleetform.reconciler.host.lab.LabRuns;
import dev.fleetform.reconciler.host.monitoring.BridgeSecrets;
import dev.fleetform.reconciler.render.RunJson;
import dev.fleetform.reconciler.render.RunText;
import dev.fleetform.compiler.model.Fleet;
import dev.fleetform.reconciler.host.monitoring.ClusterSecrets;
import dev.fleetform.reconciler.kubernetes.Connections;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Base64;
import java.util.function.Function;

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
@EnableKubernetesMockClient(crud = true)
class BridgeSecretsLabTest {
    /** The fleet's cluster, whose client reads the Kubernetes Secret references (the CRUD mock server, seeded as an API server answers). */
    private static final String CLUSTER = "kubernetes:\n  clusters:\n    - { name: lab, context: lab-admin }\n";
    KubernetesMockServer server;
    KubernetesClient client;
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
        return engine("env:LAB_DINGTALK_URL", "file:dingtalk-sign", "", f -> BridgeSecrets.Kubernetes.NONE);
    }

    /** The lab fleet with the receiver's two references, {@code kubernetes} (a clusters block, or empty) and the reader of Kubernetes Secrets. */
    private Engine engine(String urlRef, String signRef, String kubernetes, Function<Fleet, BridgeSecrets.Kubernetes> secrets) throws IOException {
        return engine("root", urlRef, signRef, kubernetes, secrets);
    }

    private Engine engine(String user, String urlRef, String signRef, String kubernetes, Function<Fleet, BridgeSecrets.Kubernetes> secrets) throws IOException {
        Lab.Host h = lab.host(HOST);
        Validation v = LabRuns.fleet(lab, repo, """
                apiVersion: fleetform.dev/v1
                kind: Fleet
                metadata: { name: lab }
                defaults:
                  ssh: { user: %s, identityFile: %s, knownHosts: known_hosts }
                hosts:
                  - { name: %s, address: %s }
                monitoring:
                  baselineRules: false
                  receivers:
                    - name: sre-dingtalk
                      dingtalk: { urlSecretRef: "%s", signSecretRef: "%s" }
                  routes:
                    - { match: { severity: critical }, receiver: sre-dingtalk }
                  servers:
                    dingtalkBridge: { hosts: [%s], reload: { http: "%s:9090" } }
                %s""".formatted(user, lab.identityFile(), h.name(), h.address(), urlRef, signRef, h.name(), h.address(), kubernetes));
        HostProvider p = new HostProvider(v, new EmitContext(Templates.builtIn()), new FileSystemSource(repo), LabRuns.SSH,
                new BridgeSecrets(env::get, secretsDir).withKubernetes(secrets.apply(v.fleet())));
        return LabRuns.engine(p);
    }

    private String in(String script) {
        return lab.onHost(lab.host(HOST), script);
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
    void aLoginUserWithSudoReadsTheFileBackAndFindsItInSync() throws IOException {
        in(LabRuns.addOps("ops ALL=(ALL) NOPASSWD: ALL"));
        try {
            Engine e = engine("ops", "env:LAB_DINGTALK_URL", "file:dingtalk-sign", "", f -> BridgeSecrets.Kubernetes.NONE);
            ApplyReport r = e.apply(e.drift(Selection.everything()), null);
            assertFalse(r.failed(), () -> r.outcomes().toString());
            assertEquals("root:root 600\n", in("stat -c '%U:%G %a' " + CONFIG), "written through sudo, root's and 0600");
            // ops cannot read the file itself: the probe reads it through sudo -n
            Drift again = e.drift(Selection.everything());
            assertTrue(again.inSync(), () -> shown(again, null));
        } finally {
            in(LabRuns.REMOVE_OPS);
        }
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

    /** The fleet's cluster through Connections, as apply reaches it; the mock client stands for the cluster's. */
    private Function<Fleet, BridgeSecrets.Kubernetes> cluster() {
        return f -> ClusterSecrets.of(f, Connections.of(Map.of("lab", client)));
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** monitoring/dingtalk as kubectl create secret generic leaves it: Opaque, data base64, a managedFields entry (the server adds uid, resourceVersion, creationTimestamp). */
    private void seedSecret() {
        Secret s = new SecretBuilder().withNewMetadata().withNamespace("monitoring").withName("dingtalk")
                .addNewManagedField().withManager("kubectl-create").withOperation("Update").withApiVersion("v1")
                .withTime("2026-11-30T08:12:44Z").withFieldsType("FieldsV1").withNewFieldsV1()
                .addToAdditionalProperties("f:data", Map.of("f:url", Map.of(), "f:secret", Map.of())).addToAdditionalProperties("f:type", Map.of())
                .endFieldsV1().endManagedField().endMetadata()
                .withType("Opaque").addToData("url", b64(URL)).addToData("secret", b64(SIGN)).build();
        client.resource(s).create();
        Secret live = client.secrets().inNamespace("monitoring").withName("dingtalk").get();
        assertTrue(live.getMetadata().getUid() != null && live.getMetadata().getResourceVersion() != null
                && live.getMetadata().getCreationTimestamp() != null && !live.getMetadata().getManagedFields().isEmpty(), live::toString);
        assertEquals(b64(URL), live.getData().get("url"));
    }

    private List<String> failures(ApplyReport r) {
        return r.outcomes().stream().filter(o -> o instanceof Outcome.Failed).map(o -> ((Outcome.Failed) o).reason()).distinct().toList();
    }

    @Test
    void kubernetesSecretReferencesAreReadFromTheFleetsClusterAndWrittenOnlyToTheFile() throws IOException {
        seedSecret();
        Engine e = engine("monitoring/dingtalk#url", "monitoring/dingtalk#secret", CLUSTER, cluster());
        Drift d = e.drift(Selection.everything());
        assertTrue(d.plan().changes().stream().anyMatch(c -> c.address().text().equals("alertmanager/dingtalk.yml")), () -> shown(d, null));
        ApplyReport r = e.apply(d, null);
        assertFalse(r.failed(), () -> r.outcomes().toString());
        noSecretIn(shown(d, r));
        assertFalse(shown(d, r).contains(b64(URL)) || shown(d, r).contains(b64(SIGN)), "no base64 of a value either");

        assertEquals("root:root 600\n", in("stat -c '%U:%G %a' " + CONFIG));
        var yaml = new com.fasterxml.jackson.databind.ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory()).readTree(in("cat " + CONFIG));
        assertEquals(URL, yaml.path("targets").path("sre-dingtalk").path("url").asText());
        assertEquals(SIGN, yaml.path("targets").path("sre-dingtalk").path("secret").asText());
        Drift again = e.drift(Selection.everything());
        assertTrue(again.inSync(), () -> shown(again, null));

        // rotated in the cluster: drift says the file differs (showing neither value), apply writes the new one
        String rotated = "https://oapi.dingtalk.com/robot/send?access_token=aaaabbbbccccdddd1111222233334444";
        client.secrets().inNamespace("monitoring").withName("dingtalk").edit(x -> new SecretBuilder(x).addToData("url", b64(rotated)).build());
        Drift drifted = e.drift(Selection.everything());
        assertFalse(drifted.inSync());
        String out = shown(drifted, null);
        noSecretIn(out);
        assertFalse(out.contains(rotated) || out.contains("aaaabbbbccccdddd"), out);
        assertTrue(out.contains("not shown: it holds secrets"), out);
        ApplyReport fixed = e.apply(drifted, null);
        assertFalse(fixed.failed(), () -> fixed.outcomes().toString());
        assertTrue(in("cat " + CONFIG).contains(rotated));
        assertFalse(shown(drifted, fixed).contains("aaaabbbbccccdddd"));
    }

    @Test
    void aMissingSecretIsAPlainErrorNamingItAndNothingIsWritten() throws IOException {
        seedSecret();
        Engine e = engine("monitoring/dingtalk-robot#url", "monitoring/dingtalk#secret", CLUSTER, cluster());
        Drift d = e.drift(Selection.everything());
        ApplyReport r = e.apply(d, null);
        assertEquals(List.of("secret monitoring/dingtalk-robot#url: Secret monitoring/dingtalk-robot in cluster lab does not exist; create it: "
                + "kubectl -n monitoring create secret generic dingtalk-robot --from-literal=url=...; nothing written on " + lab.host(HOST).name()),
                failures(r));
        assertEquals("absent\n", in("[ -e " + CONFIG + " ] && echo there || echo absent"));
        noSecretIn(shown(d, r));

        // a key the Secret does not have: named, with the keys it has (names, never values)
        ApplyReport noKey = engine("monitoring/dingtalk#token", "monitoring/dingtalk#secret", CLUSTER, cluster()).apply(
                engine("monitoring/dingtalk#token", "monitoring/dingtalk#secret", CLUSTER, cluster()).drift(Selection.everything()), null);
        assertEquals(List.of("secret monitoring/dingtalk#token: Secret monitoring/dingtalk in cluster lab has no key token (it has: secret, url); "
                + "nothing written on " + lab.host(HOST).name()), failures(noKey));
    }

    @Test
    void aForbiddenSecretIsAPlainErrorNamingItAndThePermission() throws IOException {
        // what an API server answers a service account without get on secrets there
        server.expect().get().withPath("/api/v1/namespaces/locked/secrets/dingtalk").andReturn(403, new StatusBuilder().withStatus("Failure")
                .withReason("Forbidden").withCode(403).withMessage("secrets \"dingtalk\" is forbidden: User \"system:serviceaccount:fleetform:reconciler\" "
                        + "cannot get resource \"secrets\" in API group \"\" in the namespace \"locked\"").build()).always();
        Engine e = engine("locked/dingtalk#url", "env:LAB_DINGTALK_URL", CLUSTER, cluster());
        Drift d = e.drift(Selection.everything());
        ApplyReport r = e.apply(d, null);
        List<String> failed = failures(r);
        assertEquals(1, failed.size(), failed::toString);
        assertTrue(failed.getFirst().startsWith("secret locked/dingtalk#url: cannot read Secret locked/dingtalk in cluster lab (HTTP 403: secrets \"dingtalk\" is forbidden"),
                failed::toString);
        assertTrue(failed.getFirst().endsWith("; the reconciler needs get on secrets in namespace locked; nothing written on " + lab.host(HOST).name()),
                failed::toString);
        assertEquals("absent\n", in("[ -e " + CONFIG + " ] && echo there || echo absent"));
        noSecretIn(shown(d, r));
    }
}
