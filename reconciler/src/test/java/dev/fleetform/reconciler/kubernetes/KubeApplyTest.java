package dev.fleetform.reconciler.kubernetes;

import dev.fleetform.reconciler.engine.Outcome;
import dev.fleetform.reconciler.kubernetes.apiserver.ApiServer;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** From an empty cluster to git's, then hand edits of each kind corrected; the HPA's replicas left alone. */
class KubeApplyTest {
    private KubeFixture f;
    private KubernetesClient k;

    @BeforeEach
    void start() {
        f = new KubeFixture().seedCluster();
        k = f.client();
    }

    @AfterEach
    void stop() {
        f.close();
    }

    @Test
    void emptyClusterIsAppliedThenNothingIsLeftToWrite() {
        KubeFixture.Drift before = f.drift();
        assertTrue(before.addresses().contains("k8s/prod/apps/v1/Deployment/mining/ore-miner"), before.addresses().toString());
        assertTrue(before.observed().warnings().isEmpty(), before.observed().warnings().toString());

        List<Outcome> outcomes = f.apply(before.observed(), before.plan().changes());
        assertEquals(before.plan().changes().size(), outcomes.size());
        KubeFixture.byAddress(outcomes).forEach((a, o) -> assertEquals("applied", o, a));
        // writes only, and a GET only for what a LIST may not show: a Secret by name, a rollout's progress,
        // the inventory (and its namespace, created with it)
        assertEquals(List.of(), f.api.requests().stream().filter(r -> r.method().equals("GET") && r.query() == null
                && !r.path().equals("/api/v1/nodes") && !r.path().contains("/secrets/") && !r.path().contains("/deployments")
                && !r.path().contains("/namespaces/fleetform-system")).toList());
        // dependency order: the namespace first, the workloads after the nodes
        assertEquals("k8s/prod/v1/Namespace/-/mining", outcomes.getFirst().change().address().text());

        f.api.resetRequests();
        KubeFixture.Drift after = f.drift();
        assertEquals(List.of(), after.addresses(), "drift right after apply: " + after);
        assertTrue(f.apply(after.observed(), after.plan().changes()).isEmpty());
        assertEquals(0, f.api.writes(), "a second apply writes nothing");
        // reads are one LIST per kind and the inventory (what may be pruned), never a GET per object
        List<ApiServer.Recorded> reads = f.api.requests();
        assertEquals(7, reads.size(), reads.toString());
        assertEquals(1, reads.stream().filter(r -> r.path().endsWith("/fleetform-inventory-ore-prod")).count(), reads.toString());
        assertTrue(reads.stream().allMatch(r -> r.method().equals("GET")), reads.toString());

        Deployment d = k.apps().deployments().inNamespace("mining").withName("ore-miner-priority").get();
        assertEquals(4, d.getSpec().getReplicas());
        assertNotNull(d.getMetadata().getAnnotations().get("fleetform.dev/last-applied"));
        // the server's defaults are there, and are not drift
        assertEquals("IfNotPresent", d.getSpec().getTemplate().getSpec().getContainers().getFirst().getImagePullPolicy());
    }

    @Test
    void applyFromEmptyReadsByListNotAGetPerNodeOrDeployment() {
        KubeFixture.Drift before = f.drift();
        f.api.resetRequests();
        f.apply(before.observed(), before.plan().changes());
        List<String> requests = f.api.requests().stream().map(r -> r.method() + " " + r.path()).toList();
        long nodes = before.addresses().stream().filter(a -> a.contains("/v1/Node/")).count();
        assertTrue(nodes > 1, before.addresses().toString());
        // the LIST that observed the nodes is their read: a GET per node before its PATCH is one request per node too many
        List<String> nodeRequests = requests.stream().filter(r -> r.contains(" /api/v1/nodes/")).toList();
        assertEquals(nodes, nodeRequests.size(), nodeRequests.toString());
        assertTrue(nodeRequests.stream().allMatch(r -> r.startsWith("PATCH ")), nodeRequests.toString());
        // the rollouts of the miners (several in namespace mining) are polled with a LIST of the namespace
        List<String> deploymentGets = requests.stream().filter(r -> r.matches("GET /apis/apps/v1/namespaces/[^/]+/deployments/.+")).toList();
        assertEquals(List.of(), deploymentGets);
        assertTrue(requests.contains("GET /apis/apps/v1/namespaces/mining/deployments"), requests.toString());
    }

    @Test
    void handEditsOfEachKindAreDriftAndCorrected() {
        f.apply();
        // by hand: scaled, image changed, a PDB deleted, an env var added to a managed container
        patch("mining", "ore-miner-priority", "[{\"op\":\"replace\",\"path\":\"/spec/replicas\",\"value\":9},"
                + "{\"op\":\"replace\",\"path\":\"/spec/template/spec/containers/0/image\",\"value\":\"ghcr.io/regolith-labs/ore:3.5.0\"}]");
        patch("mining", "ore-miner", "[{\"op\":\"add\",\"path\":\"/spec/template/spec/containers/0/env/-\",\"value\":{\"name\":\"DEBUG\",\"value\":\"1\"}}]");
        k.policy().v1().podDisruptionBudget().inNamespace("mining").withName("ore-miner").delete();

        KubeFixture.Drift drift = f.drift();
        assertEquals(List.of("k8s/prod/apps/v1/Deployment/mining/ore-miner",
                "k8s/prod/apps/v1/Deployment/mining/ore-miner-priority",
                "k8s/prod/policy/v1/PodDisruptionBudget/mining/ore-miner"), drift.addresses().stream().sorted().toList());

        KubeFixture.byAddress(f.apply(drift.observed(), drift.plan().changes())).forEach((a, o) -> assertEquals("applied", o, a));
        assertEquals(List.of(), f.drift().addresses());
        Deployment p = k.apps().deployments().inNamespace("mining").withName("ore-miner-priority").get();
        assertEquals(4, p.getSpec().getReplicas());
        assertEquals("ghcr.io/regolith-labs/ore:3.4.15", p.getSpec().getTemplate().getSpec().getContainers().getFirst().getImage());
        Deployment m = k.apps().deployments().inNamespace("mining").withName("ore-miner").get();
        assertFalse(m.getSpec().getTemplate().getSpec().getContainers().getFirst().getEnv().stream().anyMatch(e -> e.getName().equals("DEBUG")));
        assertNotNull(k.policy().v1().podDisruptionBudget().inNamespace("mining").withName("ore-miner").get());
    }

    @Test
    void replicasTheHpaSetAreNotDriftAndSurviveAnApply() {
        f.apply();
        patch("mining", "ore-miner", "[{\"op\":\"replace\",\"path\":\"/spec/replicas\",\"value\":17}]");
        assertEquals(List.of(), f.drift().addresses(), "the HPA scaled it");

        patch("mining", "ore-miner", "[{\"op\":\"replace\",\"path\":\"/spec/template/spec/containers/0/image\",\"value\":\"x:1\"}]");
        KubeFixture.byAddress(f.apply()).forEach((a, o) -> assertEquals("applied", o, a));
        assertEquals(17, k.apps().deployments().inNamespace("mining").withName("ore-miner").get().getSpec().getReplicas());
    }

    @Test
    void othersFieldsAreKeptAndWhatGitDroppedIsRemoved() {
        f.apply();
        // someone else's label and annotation; and a nodeSelector key Fleetform applied once that git no longer has
        Deployment d = k.apps().deployments().inNamespace("mining").withName("ore-miner-priority").get();
        String last = d.getMetadata().getAnnotations().get("fleetform.dev/last-applied")
                .replace("\"nodeSelector\":{", "\"nodeSelector\":{\"disk\":\"ssd\",");
        patch("mining", "ore-miner-priority", "[{\"op\":\"add\",\"path\":\"/metadata/labels/team\",\"value\":\"mining\"},"
                + "{\"op\":\"add\",\"path\":\"/spec/template/spec/nodeSelector/disk\",\"value\":\"ssd\"},"
                + "{\"op\":\"add\",\"path\":\"/spec/template/spec/nodeSelector/zone\",\"value\":\"a\"},"
                + "{\"op\":\"replace\",\"path\":\"/metadata/annotations/fleetform.dev~1last-applied\",\"value\":" + json(last) + "}]");

        KubeFixture.Drift drift = f.drift();
        assertEquals(List.of("k8s/prod/apps/v1/Deployment/mining/ore-miner-priority"), drift.addresses());
        assertEquals("spec.template.spec.nodeSelector.disk", drift.plan().changes().getFirst().fields().getFirst().path());
        KubeFixture.byAddress(f.apply(drift.observed(), drift.plan().changes())).forEach((a, o) -> assertEquals("applied", o, a));

        Deployment after = k.apps().deployments().inNamespace("mining").withName("ore-miner-priority").get();
        Map<String, String> selector = after.getSpec().getTemplate().getSpec().getNodeSelector();
        assertFalse(selector.containsKey("disk"), "removed from git: removed live");
        assertEquals("a", selector.get("zone"), "never Fleetform's: kept");
        assertEquals("mining", after.getMetadata().getLabels().get("team"));
        assertEquals(List.of(), f.drift().addresses());
    }

    private void patch(String ns, String name, String ops) {
        k.apps().deployments().inNamespace(ns).withName(name).patch(PatchContext.of(PatchType.JSON), ops);
    }

    private static String json(String s) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(s);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
