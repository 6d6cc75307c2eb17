package dev.fleetform.reconciler.kubernetes;

import dev.fleetform.changes.Action;
import dev.fleetform.changes.Address;
import dev.fleetform.changes.ResourceChange;
import dev.fleetform.changes.ResourceKind;
import dev.fleetform.changes.Risk;
import dev.fleetform.reconciler.engine.Outcome;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.TaintBuilder;
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

/** Nodes are not Fleetform's: only the label keys and taints it set are ever added or removed. */
class KubeNodesTest {
    private static final String NODE = "cpu-01";
    private static final Address.Kube ADDRESS = new Address.Kube("prod", "v1", "Node", null, NODE);
    private KubeFixture f;
    private KubernetesClient k;

    @BeforeEach
    void start() {
        f = new KubeFixture();
        k = f.client();
        for (String n : f.poolNodes()) {
            Node node = KubeFixture.node(n);
            if (n.equals(NODE)) {
                node.getMetadata().getLabels().put("team", "storage");
                node.getMetadata().getLabels().put("fleetform.dev/not-ours", "x"); // copied by hand, never recorded as Fleetform's
                node.getSpec().setTaints(List.of(new TaintBuilder().withKey("node.kubernetes.io/unschedulable").withEffect("NoSchedule").build(),
                        new TaintBuilder().withKey("example.com/maintenance").withValue("disk").withEffect("NoExecute").withTimeAdded("2026-11-30T10:00:00Z").build()));
            }
            f.api.seed(node);
        }
    }

    @AfterEach
    void stop() {
        f.close();
    }

    @Test
    void poolLabelsAndTaintsAreAddedBesideForeignOnes() {
        applyAll();
        Node n = k.nodes().withName(NODE).get();
        Map<String, String> labels = n.getMetadata().getLabels();
        assertEquals("cpu-miners", labels.get("fleetform.dev/pool"));
        assertEquals("container", labels.get("nvidia.com/gpu.workload.config"));
        assertEquals("storage", labels.get("team"));
        assertEquals(NODE, labels.get("kubernetes.io/hostname"));
        assertEquals("x", labels.get("fleetform.dev/not-ours"));
        assertEquals(List.of("node.kubernetes.io/unschedulable", "example.com/maintenance", "dedicated"),
                n.getSpec().getTaints().stream().map(Taint::getKey).toList());
        assertEquals("2026-11-30T10:00:00Z", n.getSpec().getTaints().get(1).getTimeAdded());
        assertTrue(n.getMetadata().getAnnotations().get(NodeLabels.OWNED).contains("fleetform.dev/pool"));
        assertNotNull(n.getStatus().getNodeInfo(), "a patch, never a replace");
        assertEquals(List.of(), f.drift().addresses());
    }

    @Test
    void aPoolLabelRemovedByHandIsPutBackOneKeyAtATime() {
        applyAll();
        k.nodes().withName(NODE).patch(PatchContext.of(PatchType.JSON),
                "[{\"op\":\"remove\",\"path\":\"/metadata/labels/fleetform.dev~1pool\"}]");
        KubeFixture.Drift drift = f.drift();
        assertEquals(List.of(ADDRESS.text()), drift.addresses());

        f.api.resetRequests();
        assertEquals("applied", KubeFixture.describe(f.apply(drift.observed(), drift.plan().changes()).getFirst()));
        var patches = f.api.requests().stream().filter(r -> r.method().equals("PATCH")).toList();
        assertEquals(1, patches.size());
        assertEquals("[{\"op\":\"add\",\"path\":\"/metadata/labels/fleetform.dev~1pool\",\"value\":\"cpu-miners\"}]", patches.getFirst().body());
        assertEquals(List.of(), f.drift().addresses());
    }

    @Test
    void aNodeLeavingGitLosesOnlyFleetformsLabelsAndTaints() {
        applyAll();
        ResourceChange leave = new ResourceChange(ADDRESS, ResourceKind.K8S, Action.DELETE, Risk.SAFE, "left the pool",
                List.of(), Map.of(), null, List.of(), false);
        List<Outcome> out = f.apply(f.drift().observed(), List.of(leave));
        assertEquals("applied", KubeFixture.describe(out.getFirst()));

        Node n = k.nodes().withName(NODE).get();
        assertNotNull(n, "a Node is never deleted");
        Map<String, String> labels = n.getMetadata().getLabels();
        assertFalse(labels.containsKey("fleetform.dev/pool"));
        assertFalse(labels.containsKey("app.kubernetes.io/managed-by"));
        assertEquals("storage", labels.get("team"));
        assertEquals("x", labels.get("fleetform.dev/not-ours"));
        assertEquals(List.of("node.kubernetes.io/unschedulable", "example.com/maintenance"),
                n.getSpec().getTaints().stream().map(Taint::getKey).toList());
        assertFalse(n.getMetadata().getAnnotations().containsKey(NodeLabels.OWNED));
    }

    @Test
    void aTaintWrittenConcurrentlyIsKept() {
        applyAll();
        // someone removes Fleetform's taint; between Fleetform's read and its write another writer adds one
        k.nodes().withName(NODE).patch(PatchContext.of(PatchType.JSON), "[{\"op\":\"remove\",\"path\":\"/spec/taints/2\"}]");
        KubeFixture.Drift drift = f.drift();
        k.nodes().withName(NODE).patch(PatchContext.of(PatchType.JSON),
                "[{\"op\":\"add\",\"path\":\"/spec/taints/-\",\"value\":{\"key\":\"late\",\"effect\":\"NoSchedule\"}}]");
        assertEquals("applied", KubeFixture.describe(f.apply(drift.observed(), drift.plan().changes()).getFirst()));
        assertEquals(List.of("node.kubernetes.io/unschedulable", "example.com/maintenance", "late", "dedicated"),
                k.nodes().withName(NODE).get().getSpec().getTaints().stream().map(Taint::getKey).toList());
    }

    @Test
    void aPoolNodeMissingFromTheClusterIsReportedNeverCreated() {
        k.nodes().withName("cpu-02").delete();
        KubeFixture.Drift drift = f.drift();
        assertEquals(List.of("node cpu-02 of pool cpu-miners is not in cluster prod: Fleetform labels nodes, it never creates them"),
                drift.observed().warnings());
        // reported, not a change: drift stays clean and apply has nothing to do for it
        assertFalse(drift.addresses().contains("k8s/prod/v1/Node/-/cpu-02"), drift.toString());
        f.apply(drift.observed(), drift.plan().changes());
        assertEquals(null, k.nodes().withName("cpu-02").get());
    }

    private void applyAll() {
        f.seedSecret("mining", "ore-keypair", "id.json");
        f.seedSecret("mining", "ore-keypair-priority", "id.json");
        f.seedSecret("mining", "solana-rpc", "url");
        KubeFixture.byAddress(f.apply()).forEach((a, o) -> assertEquals("applied", o, a));
    }
}
