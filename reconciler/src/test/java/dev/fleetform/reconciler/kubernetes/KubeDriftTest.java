package dev.fleetform.reconciler.kubernetes;

import io.fabric8.kubernetes.api.model.Node;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Drift on objects as a real server returns them: defaults, status, managedFields and other notations are none. */
class KubeDriftTest {
    private KubeFixture f;

    @BeforeEach
    void start() {
        f = new KubeFixture().seedCluster();
    }

    @AfterEach
    void stop() {
        f.close();
    }

    @Test
    void aLiveObjectEqualInTheManagedFieldsIsNoDrift() {
        f.api.seed("kubernetes/provider/namespace-mining-live.yaml");
        f.api.seed("kubernetes/provider/ore-miner-priority-live.yaml");
        KubeFixture.Drift drift = f.drift();
        assertFalse(drift.addresses().contains("k8s/prod/apps/v1/Deployment/mining/ore-miner-priority"), drift.toString());
        assertFalse(drift.addresses().contains("k8s/prod/v1/Namespace/-/mining"), drift.toString());
        String rv = f.client().apps().deployments().inNamespace("mining").withName("ore-miner-priority").get().getMetadata().getResourceVersion();
        assertEquals(rv, drift.observed().version(dev.fleetform.changes.Address.parse("k8s/prod/apps/v1/Deployment/mining/ore-miner-priority")));
        // the others are still to create
        assertTrue(drift.addresses().contains("k8s/prod/apps/v1/Deployment/mining/ore-miner"), drift.toString());
    }

    @Test
    void anotherFleetsObjectsAndCopiedLabelsAreNotOurs() {
        KubeFixture.byAddress(f.apply()).forEach((a, o) -> assertEquals("applied", o, a));
        // another fleet's ConfigMap, and one that copied only the managed-by label
        f.api.seed(new io.fabric8.kubernetes.api.model.ConfigMapBuilder().withNewMetadata().withName("theirs").withNamespace("mining")
                .addToLabels("app.kubernetes.io/managed-by", "fleetform").addToLabels("fleetform.dev/fleet", "ore-staging").endMetadata().build());
        f.api.seed(new io.fabric8.kubernetes.api.model.ConfigMapBuilder().withNewMetadata().withName("copied").withNamespace("mining")
                .addToLabels("app.kubernetes.io/managed-by", "fleetform").endMetadata().build());
        assertEquals(List.of(), f.drift().addresses());
        // the selector is sent as equality terms only
        assertTrue(f.api.requests().stream().filter(r -> r.method().equals("GET") && r.path().endsWith("/configmaps")).allMatch(r -> r.query() != null
                && java.net.URLDecoder.decode(r.query(), java.nio.charset.StandardCharsets.UTF_8)
                .contains("labelSelector=app.kubernetes.io/managed-by=fleetform,fleetform.dev/fleet=ore-prod")), f.api.requests().toString());
    }

    @Test
    void aNodeThatLeftThePoolsLosesFleetformsLabels() {
        KubeFixture.byAddress(f.apply()).forEach((a, o) -> assertEquals("applied", o, a));
        // a node Fleetform labelled once, no longer in any pool of git
        Node old = KubeFixture.node("cpu-old");
        old.getMetadata().getLabels().putAll(Map.of("app.kubernetes.io/managed-by", "fleetform", "fleetform.dev/fleet", "ore-prod",
                "fleetform.dev/pool", "cpu-miners"));
        old.getMetadata().getAnnotations().put(NodeLabels.OWNED,
                "{\"labels\":[\"app.kubernetes.io/managed-by\",\"fleetform.dev/fleet\",\"fleetform.dev/pool\"],\"taints\":[]}");
        f.api.seed(old);

        KubeFixture.Drift drift = f.drift();
        assertEquals(List.of("k8s/prod/v1/Node/-/cpu-old"), drift.addresses());
        assertEquals(dev.fleetform.changes.Action.DELETE, drift.plan().changes().getFirst().action());
        KubeFixture.byAddress(f.apply(drift.observed(), drift.plan().changes())).forEach((a, o) -> assertEquals("applied", o, a));

        Node after = f.client().nodes().withName("cpu-old").get();
        assertEquals(Map.of("kubernetes.io/hostname", "cpu-old", "kubernetes.io/os", "linux", "kubernetes.io/arch", "amd64",
                "beta.kubernetes.io/os", "linux"), after.getMetadata().getLabels());
        assertEquals(List.of(), f.drift().addresses());
    }
}
