package dev.fleetform.reconciler.kubernetes.prune;

import dev.fleetform.changes.Address;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import dev.fleetform.reconciler.kubernetes.apiserver.ApiServer;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static dev.fleetform.reconciler.kubernetes.prune.Live.CLUSTER;
import static dev.fleetform.reconciler.kubernetes.prune.Live.FLEET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PrunerTest {
    private ApiServer api;
    private KubernetesClient client;

    @BeforeEach
    void start() {
        api = ApiServer.start();
        client = api.client();
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private final Pruner pruner = new Pruner(FLEET);

    private Deployment miner(String name) {
        return client.apps().deployments().inNamespace("mining").withName(name).get();
    }

    @Test
    void anInventoriedObjectWithTheSameUidAndLabelsIsDeletedWithItsUidAsPrecondition() {
        Deployment created = Live.seed(api, Live.owned("deployment", "mining", "old-miner"));
        InventoryEntry entry = Live.entry(created);

        PruneResult result = pruner.delete(client, entry);

        ApiServer.Recorded delete = api.requests().getLast();
        assertEquals(new PruneResult.Deleted(entry), result);
        assertNull(miner("old-miner"));
        assertEquals("DELETE", delete.method());
        assertEquals("/apis/apps/v1/namespaces/mining/deployments/old-miner", delete.path());
        assertEquals(1, api.writes(), "one GET, one DELETE");
        assertTrue(delete.body().contains("\"preconditions\":{\"uid\":\"" + created.getMetadata().getUid() + "\"}"), delete.body());
        assertTrue(result.applyTo(Inventory.empty().with(entry)).isEmpty(), "forgotten once deleted");
    }

    @Test
    void anObjectMadeAgainUnderTheSameNameIsNeverDeleted() {
        InventoryEntry entry = Live.entry(Live.seed(api, Live.owned("deployment", "mining", "old-miner")));
        client.apps().deployments().inNamespace("mining").withName("old-miner").delete();
        Deployment remade = Live.seed(api, Live.owned("deployment", "mining", "old-miner"));

        PruneResult result = pruner.delete(client, entry);

        PruneResult.Kept kept = assertInstanceOf(PruneResult.Kept.class, result);
        assertEquals(Keep.UID_DIFFERS, kept.why());
        assertEquals(remade.getMetadata().getUid(), miner("old-miner").getMetadata().getUid(), "still there");
        assertTrue(result.applyTo(Inventory.empty().with(entry)).isEmpty(), "the object Fleetform created is gone: forgotten");
    }

    @Test
    void anObjectWhoseLabelsWereRemovedIsKept() {
        InventoryEntry entry = Live.entry(Live.seed(api, Live.owned("deployment", "mining", "old-miner")));
        client.apps().deployments().inNamespace("mining").withName("old-miner")
                .edit(d -> { d.getMetadata().getLabels().remove(FleetLabels.MANAGED_BY); return d; });

        PruneResult result = pruner.delete(client, entry);

        assertEquals(Keep.LABELS_REMOVED, assertInstanceOf(PruneResult.Kept.class, result).why());
        assertNotNull(miner("old-miner"));
        assertEquals(List.of(entry), result.applyTo(Inventory.empty().with(entry)).entries(), "still the one Fleetform created");
    }

    @Test
    void anObjectAnnotatedPruneDisabledIsKept() {
        InventoryEntry entry = Live.entry(Live.seed(api, Live.owned("deployment", "mining", "old-miner")));
        client.apps().deployments().inNamespace("mining").withName("old-miner")
                .edit(d -> Live.annotated(d, "fleetform.dev/prune", "disabled"));

        PruneResult.Kept kept = assertInstanceOf(PruneResult.Kept.class, pruner.delete(client, entry));

        assertEquals(Keep.PRUNE_DISABLED, kept.why());
        assertEquals("Deployment mining/old-miner is annotated fleetform.dev/prune: disabled: left alone", kept.reason());
        assertNotNull(miner("old-miner"));
    }

    @Test
    void anObjectAlreadyGoneIsForgotten() {
        InventoryEntry entry = Live.entry(Live.seed(api, Live.owned("configmap", "mining", "old-env")));
        client.configMaps().inNamespace("mining").withName("old-env").delete();

        PruneResult result = pruner.delete(client, entry);

        assertEquals(new PruneResult.AlreadyGone(entry), result);
        assertTrue(result.applyTo(Inventory.empty().with(entry)).isEmpty());
    }

    @Test
    void coreAndClusterScopedKindsAreDeletedAtTheirOwnPaths() {
        InventoryEntry env = Live.entry(Live.seed(api, Live.owned("configmap", "mining", "old-env")));
        InventoryEntry ns = Live.entry(Live.seed(api, Live.owned("namespace", null, "old-mining")));

        assertInstanceOf(PruneResult.Deleted.class, pruner.delete(client, env));
        assertEquals("/api/v1/namespaces/mining/configmaps/old-env", api.requests().getLast().path());
        assertInstanceOf(PruneResult.Deleted.class, pruner.delete(client, ns));
        assertEquals("/api/v1/namespaces/old-mining", api.requests().getLast().path());
        assertNull(client.namespaces().withName("old-mining").get());
    }

    @Test
    void aRefusedDeleteIsAFaultNamingTheCauseNotAResult() {
        InventoryEntry entry = Live.entry(Live.seed(api, Live.owned("deployment", "mining", "old-miner")));
        api.failNext("DELETE", "/apis/apps/v1/namespaces/mining/deployments/old-miner", 403, 1);

        var e = assertThrows(KubernetesClientException.class, () -> pruner.delete(client, entry));

        assertEquals(403, e.getCode());
        assertTrue(e.getMessage().startsWith("deleting Deployment mining/old-miner: HTTP 403 "), e.getMessage());
        assertNotNull(miner("old-miner"));
    }

    @Test
    void aPreconditionConflictOnAnUnchangedObjectIsAFaultToRetryNotAKeep() {
        InventoryEntry entry = Live.entry(Live.seed(api, Live.owned("deployment", "mining", "old-miner")));
        api.failNext("DELETE", "/apis/apps/v1/namespaces/mining/deployments/old-miner", 409, 1);

        var e = assertThrows(KubernetesClientException.class, () -> pruner.delete(client, entry));

        assertEquals(409, e.getCode());
        assertEquals(new PruneResult.Deleted(entry), pruner.delete(client, entry), "the retry deletes it");
    }

    /**
     * A run as the provider makes it: record after create, list by labels, plan, delete what the
     * guard allows, forget what is gone. The copied-labels object and the declared ones stay.
     */
    @Test
    void aRunPrunesOnlyWhatItCreatedAndKeepsTheInventoryInStep() {
        List<HasMetadata> created = new ArrayList<>();
        for (String name : List.of("ore-miner", "old-miner", "miner-a", "miner-b")) {
            Deployment d = Live.seed(api, Live.owned("deployment", "mining", name));
            created.add(d);
            InventoryStore.update(client, FLEET, inv -> inv.with(InventoryEntry.of(d)));
        }
        Namespace ns = Live.seed(api, Live.owned("namespace", null, "mining"));
        InventoryStore.update(client, FLEET, inv -> inv.with(InventoryEntry.of(ns)));
        Deployment copied = Live.seed(api, Live.owned("deployment", "mining", "copied-miner"));
        ConfigMap foreign = Live.seed(api, Live.fixture("configmap", "mining", "someone-elses"));

        Set<Address.Kube> declared = Set.of(
                PrunePlan.addressOf(CLUSTER, ns), PrunePlan.addressOf(CLUSTER, created.get(0)),
                PrunePlan.addressOf(CLUSTER, created.get(2)), PrunePlan.addressOf(CLUSTER, created.get(3)));
        List<HasMetadata> listed = new ArrayList<>(client.apps().deployments().inAnyNamespace().withLabels(FleetLabels.of(FLEET)).list().getItems());
        listed.addAll(client.namespaces().withLabels(FleetLabels.of(FLEET)).list().getItems());
        listed.addAll(client.configMaps().inAnyNamespace().withLabels(FleetLabels.of(FLEET)).list().getItems());
        Inventory inventory = InventoryStore.read(client, FLEET);

        PrunePlan plan = PrunePlan.of(CLUSTER, FLEET, inventory, declared, listed, 0);
        assertEquals(List.of("k8s/prod/apps/v1/Deployment/mining/old-miner"), plan.prunes().stream().map(p -> p.address().text()).toList());
        assertEquals(List.of("k8s/prod/apps/v1/Deployment/mining/copied-miner"), plan.skipped().stream().map(s -> s.address().text()).toList());

        List<PruneResult> results = plan.allowed().stream().map(p -> pruner.delete(client, p.entry())).toList();
        InventoryStore.update(client, FLEET, inv -> {
            for (PruneResult r : results) inv = r.applyTo(inv);
            return inv;
        });

        assertNull(miner("old-miner"));
        assertNotNull(miner("copied-miner"));
        assertNotNull(client.configMaps().inNamespace("mining").withName(foreign.getMetadata().getName()).get());
        assertEquals(List.of("miner-a", "miner-b", "mining", "ore-miner"),
                InventoryStore.read(client, FLEET).entries().stream().map(InventoryEntry::name).sorted().toList());
    }
}
