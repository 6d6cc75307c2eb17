package dev.fleetform.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fleetform.changes.Address;
import dev.fleetform.compiler.Validation;
import dev.fleetform.compiler.Validator;
import dev.fleetform.compiler.emit.EmitContext;
import dev.fleetform.compiler.emit.Templates;
import dev.fleetform.compiler.work.Workers;
import dev.fleetform.reconciler.engine.Target;
import dev.fleetform.reconciler.kubernetes.Connections;
import dev.fleetform.reconciler.kubernetes.KubernetesProvider;
import dev.fleetform.reconciler.kubernetes.apiserver.ApiServer;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code fleetform drift} and {@code apply} on the example fleet against the test API server
 * (kube-apiserver's defaults, status and managedFields on every write), through a kubeconfig
 * with the fleet's context, as a user runs them.
 */
class DriftApplyCommandTest {
    private static final Path FLEET = Cli.repoRoot().resolve("fleet-repo-example/fleet.yaml");
    private static final String DEPLOYMENT = "k8s/prod/apps/v1/Deployment/mining/ore-miner";

    @TempDir
    Path dir;
    ApiServer api;
    Path kubeconfig;

    @BeforeEach
    void cluster() {
        api = ApiServer.start();
        kubeconfig = api.kubeconfig(dir.resolve("kubeconfig"), "prod-admin");
        for (String node : poolNodes()) {
            api.seed(new NodeBuilder().withNewMetadata().withName(node).addToLabels("kubernetes.io/hostname", node)
                    .addToLabels("team", "ops").endMetadata().build());
        }
        api.seed(new NamespaceBuilder().withNewMetadata().withName("gpu-operator").endMetadata().build());
        secret("ore-keypair", "id.json");
        secret("ore-keypair-priority", "id.json");
        secret("solana-rpc", "url");
        api.resetRequests();
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private void secret(String name, String key) {
        api.seed(new SecretBuilder().withNewMetadata().withName(name).withNamespace("mining").endMetadata()
                .withType("Opaque").addToData(key, "c2VjcmV0").build());
    }

    private static List<String> poolNodes() {
        Validation v = new Validator(Workers.callerOnly()).validateFile(FLEET);
        try (Connections none = Connections.of(Map.of())) {
            return new KubernetesProvider(v.fleet(), v.index(), new EmitContext(Templates.builtIn()), none, KubernetesProvider.Options.defaults())
                    .desired(new Target("k8s/prod")).all().keySet().stream()
                    .map(a -> (Address.Kube) a).filter(a -> a.kind().equals("Node")).map(Address.Kube::name).toList();
        }
    }

    /** The command on the example fleet's cluster; its hosts (not in this test's reach) only when the test names a --target. */
    private Cli run(String command, String... more) {
        List<String> args = new ArrayList<>(List.of(command, FLEET.toString(), "--kubeconfig", kubeconfig.toString()));
        args.addAll(List.of(more));
        if (!args.contains("--target")) args.addAll(List.of("--target", "k8s"));
        return Cli.run(args.toArray(String[]::new));
    }

    @Test
    void fromEmptyToAppliedThenInSyncAndASecondApplyWritesNothing() {
        Cli drift = run("drift");
        assertEquals(2, drift.exit(), drift.out() + drift.err());
        assertTrue(drift.out().contains("+ " + DEPLOYMENT), drift.out());
        assertTrue(drift.out().contains("k8s/prod: "), drift.out());
        assertEquals(0, api.writes(), "drift only reads");

        Cli apply = run("apply");
        assertEquals(0, apply.exit(), apply.out() + apply.err());
        assertTrue(apply.out().contains("applied  + " + DEPLOYMENT), apply.out());
        assertTrue(apply.out().contains(" 0 failed"), apply.out());

        Cli again = run("drift");
        assertEquals(0, again.exit(), again.out());
        assertTrue(again.out().contains("No changes: the fleet matches git."), again.out());
        assertTrue(again.out().contains("k8s/prod: in sync"), again.out());

        api.resetRequests();
        Cli second = run("apply");
        assertEquals(0, second.exit(), second.out());
        assertEquals(0, api.writes(), "a second apply writes nothing: " + api.requests());
    }

    /** A hand edit kubectl would make: the miner's image changed in place. */
    private void setImage(String image) {
        api.client().apps().deployments().inNamespace("mining").withName("ore-miner")
                .edit(d -> { d.getSpec().getTemplate().getSpec().getContainers().getFirst().setImage(image); return d; });
    }

    private String image() {
        return api.client().apps().deployments().inNamespace("mining").withName("ore-miner").get()
                .getSpec().getTemplate().getSpec().getContainers().getFirst().getImage();
    }

    @Test
    void aHandEditIsDriftAndApplyCorrectsIt() {
        assertEquals(0, run("apply").exit());
        String git = image();
        setImage("ghcr.io/someone/ore:hotfix");
        Cli drift = run("drift", "--format", "json");
        assertEquals(2, drift.exit(), drift.out());
        JsonNode doc = json(drift.out());
        JsonNode change = doc.get("resource_changes").get(0);
        assertEquals(DEPLOYMENT, change.get("address").asText());
        assertEquals("spec.template.spec.containers[0].image", change.get("change").get("fields").get(0).get("path").asText(),
                change.toString());
        assertEquals("disruptive", change.get("risk").asText(), "a new image rolls the pods");
        assertTrue(change.get("live_version").isTextual());
        assertEquals("drift", doc.get("targets").get(0).get("status").asText());

        assertEquals(0, run("apply").exit());
        assertEquals(git, image());
    }

    @Test
    void replicasTheAutoscalerSetAreNotDrift() {
        assertEquals(0, run("apply").exit());
        api.client().apps().deployments().inNamespace("mining").withName("ore-miner").scale(17); // as the HPA would
        assertEquals(0, run("drift").exit(), "ore-miner has autoscale: its replicas are the HPA's");
    }

    @Test
    void aSavedPlanIsAppliedExactlyAndRefusedOnceTheLiveObjectMoved() throws Exception {
        assertEquals(0, run("apply").exit());
        String git = image();
        setImage("ghcr.io/someone/ore:hotfix");
        Path plan = dir.resolve("plan.json");
        Cli saved = run("drift", "--out", plan.toString());
        assertEquals(2, saved.exit(), saved.out() + saved.err());
        assertTrue(saved.out().contains("fleetform apply --plan " + plan), saved.out());

        setImage("ghcr.io/someone/ore:hotfix2"); // after the plan was made
        api.resetRequests();
        Cli refused = run("apply", "--plan", plan.toString());
        assertEquals(4, refused.exit(), refused.out());
        assertTrue(refused.out().contains("refused  ~ " + DEPLOYMENT), refused.out());
        assertTrue(refused.out().contains("changed since the plan was made"), refused.out());
        assertEquals(0, api.writes());

        assertEquals(2, run("drift", "--out", plan.toString()).exit());
        Cli applied = run("apply", "--plan", plan.toString());
        assertEquals(0, applied.exit(), applied.out());
        assertEquals(git, image());
    }

    @Test
    void targetLimitsTheRunToAddressesBelowThePrefix() {
        Cli apply = run("apply", "--target", DEPLOYMENT);
        assertEquals(0, apply.exit(), apply.out());
        assertTrue(apply.out().contains(DEPLOYMENT), apply.out());
        assertFalse(apply.out().contains("PodDisruptionBudget"), apply.out());
        assertEquals(2, run("drift").exit(), "the rest is still to do");
    }

    @Test
    void aKubeconfigWithoutTheClustersContextIsAPlainErrorForThatCluster() {
        kubeconfig = api.kubeconfig(dir.resolve("other"), "staging-admin");
        Cli drift = run("drift");
        assertEquals(4, drift.exit(), drift.out() + drift.err());
        assertTrue(drift.out().contains("error: k8s/prod: kubeconfig " + kubeconfig + " has no context 'prod-admin' (it has: staging-admin)"), drift.out());
        assertTrue(drift.out().contains("hint: "), drift.out());
        assertFalse((drift.out() + drift.err()).contains("Exception"), drift.out() + drift.err());
        assertEquals(4, run("apply").exit());
    }

    @Test
    void anUnreachableApiIsAPlainErrorNamingIt() {
        String url = api.url();
        api.close();
        Cli drift = run("drift");
        assertEquals(4, drift.exit(), drift.out() + drift.err());
        assertTrue(drift.out().contains("error: k8s/prod: "), drift.out());
        assertFalse((drift.out() + drift.err()).contains("Exception"), drift.out() + drift.err());
        assertTrue(drift.out().contains(url.replaceAll("/$", "")) || drift.out().contains("cannot reach"), drift.out());
        api = ApiServer.start(); // for @AfterEach
    }

    @Test
    void anInvalidFleetIsNeitherObservedNorChanged() throws Exception {
        Path broken = dir.resolve("fleet.yaml");
        Files.writeString(broken, "apiVersion: fleetform.dev/v1\nkind: Fleet\nmetadata: { name: x }\nhosts: 3\n");
        Cli apply = Cli.run("apply", broken.toString(), "--kubeconfig", kubeconfig.toString(), "--target", "k8s");
        assertEquals(1, apply.exit(), apply.out());
        assertTrue(apply.out().contains("nothing observed or changed"), apply.out());
        assertTrue(api.requests().isEmpty());
    }

    private static JsonNode json(String text) {
        try {
            return new ObjectMapper().readTree(text);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }
}
