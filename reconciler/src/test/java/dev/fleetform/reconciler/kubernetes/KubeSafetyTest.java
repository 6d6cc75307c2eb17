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

    @Test
    void deletesWaitForPrune() {
        f = new KubeFixture().seedCluster();
        f.apply();
        // an owned object git no longer declares
        f.api.seed(new io.fabric8.kubernetes.api.model.ConfigMapBuilder().withNewMetadata().withName("retired").withNamespace("mining")
                .addToLabels("app.kubernetes.io/managed-by", "fleetform").addToLabels("fleetform.dev/fleet", "ore-prod").endMetadata().build());
        List<Outcome> out = f.apply();
        assertEquals(Map.of("k8s/prod/v1/ConfigMap/mining/retired", "blocked: prune is not wired yet"), KubeFixture.byAddress(out));
    }
}
