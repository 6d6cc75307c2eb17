package dev.fleetform.reconciler.kubernetes;

import dev.fleetform.reconciler.engine.Outcome;
import dev.fleetform.reconciler.kubernetes.apiserver.ApiServer;
import dev.fleetform.reconciler.kubernetes.apiserver.Rollouts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Secrets checked before any workload is written, rollouts waited for, faults retried. */
class KubeSafetyTest {
    private static final String DEPLOYMENTS = "/apis/apps/v1/namespaces/mining/deployments";
    private KubeFixture f;

    @AfterEach
    void stop() {
        f.close();
    }

    @Test
    void aMissingSecretRefusesTheMinersWorkloadsBeforeAnyIsWritten() {
        f = new KubeFixture();
        for (String n : f.poolNodes()) f.api.seed(KubeFixture.node(n));
        f.seedSecret("mining", "ore-keypair", "id.json");
        f.seedSecret("mining", "ore-keypair-priority", "wrong-key");
        // mining/solana-rpc is missing: both miners use it

        Map<String, String> out = KubeFixture.byAddress(f.apply());
        assertEquals("applied", out.get("k8s/prod/v1/Namespace/-/mining"));
        assertEquals("applied", out.get("k8s/prod/v1/ConfigMap/gpu-operator/fleetform-vgpu-devices-config"));
        String miner = out.get("k8s/prod/apps/v1/Deployment/mining/ore-miner");
        assertTrue(miner.startsWith("refused: secret mining/solana-rpc does not exist (miner ore-miner, secrets.rpc = mining/solana-rpc#url)"), miner);
        assertTrue(miner.contains("kubectl -n mining create secret generic solana-rpc"), miner);
        assertTrue(out.get("k8s/prod/policy/v1/PodDisruptionBudget/mining/ore-miner").startsWith("refused: "));
        assertTrue(out.get("k8s/prod/autoscaling/v2/HorizontalPodAutoscaler/mining/ore-miner").startsWith("refused: "));
        assertTrue(out.get("k8s/prod/apps/v1/Deployment/mining/ore-miner-priority")
                .startsWith("refused: secret mining/ore-keypair-priority has no key 'id.json'"), out.toString());
        List<ApiServer.Recorded> requests = f.api.requests();
        assertFalse(requests.stream().anyMatch(r -> r.isWrite() && r.path().startsWith("/apis/")), "no workload written");
        // least privilege: one GET per Secret, never a LIST of them
        assertFalse(requests.stream().anyMatch(r -> r.path().endsWith("/secrets")), requests.toString());
    }

    @Test
    void aRolloutThatDoesNotFinishIsReportedWithItsProgress() {
        f = new KubeFixture(new KubernetesProvider.Options(Duration.ofSeconds(1), Duration.ofSeconds(3), 3, Duration.ofMillis(20)));
        f.seedCluster();
        f.api.rollouts(Rollouts.STUCK);
        Map<String, String> out = KubeFixture.byAddress(f.apply());
        String rollout = out.get("k8s/prod/apps/v1/Deployment/mining/ore-miner-priority");
        assertTrue(rollout.startsWith("failed: rollout of mining/ore-miner-priority did not finish within 1s: "), rollout);
        assertEquals("applied", out.get("k8s/prod/policy/v1/PodDisruptionBudget/mining/ore-miner-priority"));
    }

    @Test
    void serverErrorsConflictsAndTimeoutsAreRetried() {
        f = new KubeFixture().seedCluster();
        f.api.failNext("POST", DEPLOYMENTS, 500, 2);
        f.api.failNext("POST", "/api/v1/namespaces", 429, 1);
        f.api.failNext("POST", "/apis/policy/v1/namespaces/mining/poddisruptionbudgets", 409, 1);
        f.api.stallNext("POST", "/apis/autoscaling/v2/namespaces/mining/horizontalpodautoscalers", Duration.ofSeconds(5), 1);
        f.api.failNext("GET", "/apis/apps/v1/deployments", 503, 1);
        KubeFixture.byAddress(f.apply()).forEach((a, o) -> assertEquals("applied", o, a));
        assertEquals(List.of(), f.drift().addresses());

        f.client().apps().deployments().inNamespace("mining").withName("ore-miner-priority").scale(9);
        f.api.failNext("PATCH", DEPLOYMENTS + "/ore-miner-priority", 409, 2);
        KubeFixture.byAddress(f.apply()).forEach((a, o) -> assertEquals("applied", o, a));
        assertEquals(4, f.client().apps().deployments().inNamespace("mining").withName("ore-miner-priority").get().getSpec().getReplicas());
    }

    @Test
    void oneFailingObjectDoesNotStopTheOthersAndSaysWhy() {
        f = new KubeFixture().seedCluster();
        f.api.failNext("POST", DEPLOYMENTS, 500, 100);
        Map<String, String> out = KubeFixture.byAddress(f.apply());
        String d = out.get("k8s/prod/apps/v1/Deployment/mining/ore-miner");
        assertTrue(d.startsWith("failed: gave up after 4 attempts: HTTP 500"), d);
        assertEquals("applied", out.get("k8s/prod/policy/v1/PodDisruptionBudget/mining/ore-miner"));
        assertEquals("applied", out.get("k8s/prod/v1/Node/-/cpu-01"));
    }

    private io.fabric8.kubernetes.api.model.ConfigMap retired() {
        return f.api.seed(new io.fabric8.kubernetes.api.model.ConfigMapBuilder().withNewMetadata().withName("retired").withNamespace("mining")
                .addToLabels("app.kubernetes.io/managed-by", "fleetform").addToLabels("fleetform.dev/fleet", "ore-prod").endMetadata().build());
    }

    @Test
    void copiedLabelsAreNeverAChange() {
        f = new KubeFixture().seedCluster();
        f.apply();
        retired(); // carries the fleet's labels, but Fleetform never created it
        KubeFixture.Drift d = f.drift();
        assertTrue(d.plan().changes().isEmpty(), d.toString());
        assertTrue(d.observed().warnings().stream().anyMatch(w -> w.contains("retired") && w.contains("not in its inventory")),
                d.observed().warnings().toString());
    }

    @Test
    void whatFleetformCreatedAndGitNoLongerDeclaresIsPrunedAndForgotten() {
        f = new KubeFixture().seedCluster();
        f.apply();
        var inventory = dev.fleetform.reconciler.kubernetes.prune.InventoryStore.read(f.client(), "ore-prod");
        assertTrue(inventory.size() > 5, "apply recorded what it created: " + inventory);
        var made = retired();
        dev.fleetform.reconciler.kubernetes.prune.InventoryStore.update(f.client(), "ore-prod",
                inv -> inv.with(dev.fleetform.reconciler.kubernetes.prune.InventoryEntry.of(made)));
        List<Outcome> out = f.apply();
        assertEquals(Map.of("k8s/prod/v1/ConfigMap/mining/retired", "applied"), KubeFixture.byAddress(out));
        assertEquals(null, f.client().configMaps().inNamespace("mining").withName("retired").get());
        assertTrue(dev.fleetform.reconciler.kubernetes.prune.InventoryStore.read(f.client(), "ore-prod")
                .find("v1", "ConfigMap", "mining", "retired").isEmpty(), "forgotten once pruned");
        assertTrue(f.drift().plan().changes().isEmpty());
    }

    @Test
    void theMassPruneGuardBlocksUntilConfirmedWithTheCount() {
        f = new KubeFixture().seedCluster();
        f.apply();
        var inventory = dev.fleetform.reconciler.kubernetes.prune.InventoryStore.read(f.client(), "ore-prod");
        // git "forgets" most of what it declared: the inventory names many more live objects than git now has
        java.util.List<String> names = new java.util.ArrayList<>();
        for (int i = 0; i < inventory.size(); i++) {
            String name = "old-" + i;
            names.add(name);
            var cm = f.api.seed(new io.fabric8.kubernetes.api.model.ConfigMapBuilder().withNewMetadata().withName(name).withNamespace("mining")
                    .addToLabels("app.kubernetes.io/managed-by", "fleetform").addToLabels("fleetform.dev/fleet", "ore-prod").endMetadata().build());
            dev.fleetform.reconciler.kubernetes.prune.InventoryStore.update(f.client(), "ore-prod",
                    inv -> inv.with(dev.fleetform.reconciler.kubernetes.prune.InventoryEntry.of(cm)));
        }
        List<Outcome> out = f.apply();
        assertEquals(names.size(), out.size());
        assertTrue(out.stream().allMatch(o -> o instanceof Outcome.Blocked b && b.why().contains("--confirm-prune " + names.size())),
                KubeFixture.byAddress(out).toString());
        assertTrue(f.client().configMaps().inNamespace("mining").withName("old-0").get() != null, "nothing deleted");

        f.provider = f.provider.withConfirmPrune(names.size());
        out = f.apply();
        assertTrue(out.stream().allMatch(o -> o instanceof Outcome.Applied), KubeFixture.byAddress(out).toString());
        assertEquals(null, f.client().configMaps().inNamespace("mining").withName("old-0").get());
    }
}
