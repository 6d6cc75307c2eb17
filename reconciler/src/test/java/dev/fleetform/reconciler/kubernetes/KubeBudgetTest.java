package dev.fleetform.reconciler.kubernetes;

import dev.fleetform.changes.Risk;
import dev.fleetform.compiler.work.Workers;
import dev.fleetform.reconciler.engine.ApplyReport;
import dev.fleetform.reconciler.engine.Drift;
import dev.fleetform.reconciler.engine.Engine;
import dev.fleetform.reconciler.engine.Outcome;
import dev.fleetform.reconciler.engine.Progress;
import dev.fleetform.reconciler.engine.Selection;
import dev.fleetform.reconciler.kubernetes.apiserver.ApiServer;
import dev.fleetform.reconciler.kubernetes.apiserver.Rollouts;
import io.fabric8.kubernetes.api.model.Node;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A pool's budget: git turns the cpu-miners taint into NoExecute (it evicts the pods of every node
 * it lands on), and the example's miners on that pool allow at most 1 unavailable
 * (ore-miner-priority's maxUnavailable). Apply changes one node at a time, each only once the
 * pool's Deployments are available again, and stops when they are not.
 */
class KubeBudgetTest {
    private static final KubernetesProvider.Options QUICK =
            new KubernetesProvider.Options(Duration.ofMillis(600), Duration.ofSeconds(3), 3, Duration.ofMillis(20));

    private final KubeFixture fx = new KubeFixture();

    @AfterEach
    void close() {
        fx.close();
    }

    /** The example fleet with the cpu-miners taint as NoExecute, in a copy of the example's directory. */
    private static Path evicting(Path dir) throws IOException {
        Path example = KubeFixture.EXAMPLE.getParent();
        try (Stream<Path> files = Files.walk(example)) {
            for (Path f : files.toList()) {
                Path to = dir.resolve(example.relativize(f).toString());
                if (Files.isDirectory(f)) Files.createDirectories(to);
                else Files.copy(f, to);
            }
        }
        Path fleet = dir.resolve("fleet.yaml");
        String text = Files.readString(fleet);
        String before = "taints: [ { key: dedicated, value: miners, effect: NoSchedule } ]";
        assertTrue(text.contains(before), "the example's cpu-miners taint moved: update this test");
        Files.writeString(fleet, text.replace(before, "taints: [ { key: dedicated, value: miners, effect: NoExecute } ]"));
        return fleet;
    }

    /** The example applied and rolled out; then git with the evicting taint. */
    private Drift convergedThenEvicting(Path dir, KubernetesProvider.Options options) throws IOException {
        fx.seedCluster();
        for (Outcome o : fx.apply()) assertInstanceOf(Outcome.Applied.class, o, KubeFixture.describe(o));
        fx.provider = fx.providerFor(evicting(dir), options);
        Drift d = engine().drift(Selection.everything());
        // the four nodes of the pool, and the two miners' tolerations (each rollout bounded by its own strategy)
        List<String> disruptive = d.plan().changes().stream().filter(c -> c.risk() == Risk.DISRUPTIVE).map(c -> c.address().text()).sorted().toList();
        assertEquals(List.of("k8s/prod/apps/v1/Deployment/mining/ore-miner", "k8s/prod/apps/v1/Deployment/mining/ore-miner-priority",
                "k8s/prod/v1/Node/-/cpu-01", "k8s/prod/v1/Node/-/cpu-02", "k8s/prod/v1/Node/-/cpu-03", "k8s/prod/v1/Node/-/cpu-04"), disruptive);
        return d;
    }

    private Engine engine() {
        return new Engine(List.of(fx.provider), Workers.callerOnly(), Progress.NONE);
    }

    private List<String> evictingNodes() {
        List<String> out = new ArrayList<>();
        for (Node n : fx.client().nodes().list().getItems()) {
            if (n.getSpec().getTaints() != null && n.getSpec().getTaints().stream().anyMatch(t -> "NoExecute".equals(t.getEffect()))) {
                out.add(n.getMetadata().getName());
            }
        }
        return out;
    }

    @Test
    void thePoolsNodesChangeOneAtATimeEachAfterItsWorkloadsAreAvailableAgain(@TempDir Path dir) throws IOException {
        Drift d = convergedThenEvicting(dir, KubeFixture.OPTIONS);
        fx.api.resetRequests();
        ApplyReport r = engine().apply(d, null);
        assertFalse(r.failed(), () -> KubeFixture.byAddress(r.outcomes()).toString());
        assertEquals(4, evictingNodes().size());

        // the request log: each node's PATCH, then a read of the pool's Deployments, before the next node's PATCH
        List<ApiServer.Recorded> log = fx.api.requests();
        List<Integer> patches = new ArrayList<>();
        for (int i = 0; i < log.size(); i++) {
            if (log.get(i).method().equals("PATCH") && log.get(i).path().startsWith("/api/v1/nodes/")) patches.add(i);
        }
        assertEquals(4, patches.size(), log::toString);
        // the miners' tolerations are out before the first node carries the taint that needs them
        int lastDeploymentPatch = -1;
        for (int i = 0; i < log.size(); i++) {
            if (log.get(i).method().equals("PATCH") && log.get(i).path().startsWith("/apis/apps/v1/namespaces/mining/deployments/")) lastDeploymentPatch = i;
        }
        assertTrue(lastDeploymentPatch >= 0 && lastDeploymentPatch < patches.getFirst(), "tolerations first, then the NoExecute taint: " + log);
        for (int p = 0; p < patches.size(); p++) {
            int from = patches.get(p);
            int to = p + 1 < patches.size() ? patches.get(p + 1) : log.size();
            boolean read = log.subList(from, to).stream().anyMatch(x -> x.method().equals("GET")
                    && x.path().startsWith("/apis/apps/v1/namespaces/mining/deployments"));
            assertTrue(read, "no wait for the pool's Deployments after node PATCH #" + (p + 1) + ": " + log.subList(from, to));
        }
        assertTrue(engine().drift(Selection.everything()).inSync());
    }

    @Test
    void whenThePoolDoesNotRecoverTheRestOfItsNodesAreNotTouched(@TempDir Path dir) throws IOException {
        convergedThenEvicting(dir, QUICK);
        // the tolerations first (as a run that already rolled them out), then the nodes alone
        ApplyReport workloads = engine().apply(engine().drift(new Selection(List.of("k8s/prod/apps/v1/Deployment"), java.util.Set.of())), null);
        assertFalse(workloads.failed(), () -> KubeFixture.byAddress(workloads.outcomes()).toString());
        Drift d = engine().drift(Selection.everything());
        // the first evicted node's pods do not come back: the controller stand-in stops, one replica stays unavailable
        fx.api.rollouts(Rollouts.STUCK);
        fx.client().apps().deployments().inNamespace("mining").withName("ore-miner").editStatus(dep -> {
            dep.getStatus().setAvailableReplicas(dep.getStatus().getAvailableReplicas() - 1);
            return dep;
        });
        ApplyReport r = engine().apply(d, null);
        assertTrue(r.failed());
        Map<String, Outcome> nodes = new TreeMap<>();
        for (Outcome o : r.outcomes()) if (o.change().address().text().startsWith("k8s/prod/v1/Node/")) nodes.put(o.change().address().name(), o);
        assertEquals(4, nodes.size(), nodes::toString);
        List<Outcome> inOrder = List.copyOf(nodes.values());
        Outcome.Failed first = assertInstanceOf(Outcome.Failed.class, inOrder.getFirst());
        assertTrue(first.reason().startsWith("written, but the pool's workloads did not recover: mining/ore-miner was not fully available "
                + "again within 600ms: "), first.reason());
        assertTrue(first.reason().endsWith(" available"), first.reason());
        for (Outcome o : inOrder.subList(1, 4)) {
            Outcome.Blocked b = assertInstanceOf(Outcome.Blocked.class, o, KubeFixture.describe(o));
            assertEquals("budget k8s/prod/pool/cpu-miners (maxUnavailable 1, of mining/ore-miner-priority): not started, "
                    + first.change().address().text() + " did not apply in the wave before", b.why());
        }
        assertEquals(List.of(first.change().address().name()), evictingNodes(), "only the first node was changed");
    }

    @Test
    void aNoExecuteTaintWaitsForTheTolerationsToRollOutAndIsNotAddedWhenTheyDoNot(@TempDir Path dir) throws IOException {
        Drift d = convergedThenEvicting(dir, QUICK);
        fx.api.rollouts(Rollouts.STUCK); // the new templates, with the toleration, never become available
        ApplyReport r = engine().apply(d, null);
        assertTrue(r.failed());
        assertEquals(List.of(), evictingNodes(), "no node evicts pods that do not tolerate it yet");
        for (String n : List.of("cpu-01", "cpu-02", "cpu-03", "cpu-04")) {
            Node node = fx.client().nodes().withName(n).get();
            assertTrue(node.getSpec().getTaints().stream().anyMatch(t -> t.getKey().equals("dedicated") && t.getEffect().equals("NoSchedule")),
                    n + " keeps the taint it had meanwhile: " + node.getSpec().getTaints());
        }
        Map<String, Outcome> nodes = new TreeMap<>();
        for (Outcome o : r.outcomes()) if (o.change().address().text().startsWith("k8s/prod/v1/Node/")) nodes.put(o.change().address().name(), o);
        Outcome.Failed first = assertInstanceOf(Outcome.Failed.class, nodes.values().iterator().next());
        assertTrue(first.reason().startsWith("its NoExecute taint was not added: k8s/prod/apps/v1/Deployment/mining/ore-miner"), first.reason());
        assertTrue(first.reason().endsWith("did not roll out, and the taint would evict pods that do not tolerate it yet; the next run adds it"), first.reason());
        assertEquals(4, nodes.size());
    }
}
