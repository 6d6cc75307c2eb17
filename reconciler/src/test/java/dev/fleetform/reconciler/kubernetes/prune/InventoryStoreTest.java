package dev.fleetform.reconciler.kubernetes.prune;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import dev.fleetform.reconciler.kubernetes.apiserver.ApiServer;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InventoryStoreTest {
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

    @Test
    void noInventoryYetReadsEmpty() {
        Inventory inventory = InventoryStore.read(client, Live.FLEET);
        assertTrue(inventory.isEmpty());
        assertNull(inventory.revision());
    }

    @Test
    void theFirstWriteCreatesTheNamespaceAndTheConfigMapAndReadsBackTheSame() {
        Deployment miner = Live.seed(api, Live.owned("deployment", "mining", "ore-miner"));
        Namespace mining = Live.seed(api, Live.owned("namespace", null, "mining"));
        Inventory recorded = Inventory.empty().with(Live.entry(miner)).with(Live.entry(mining));

        Inventory written = InventoryStore.write(client, Live.FLEET, recorded);

        Namespace system = client.namespaces().withName("fleetform-system").get();
        assertNotNull(system, "fleetform-system created");
        ConfigMap cm = client.configMaps().inNamespace("fleetform-system").withName("fleetform-inventory-web3-prod").get();
        assertEquals(recorded.toJson(), cm.getData().get("inventory.json"));
        assertEquals(Map.of("fleetform.dev/inventory-of", "web3-prod"), cm.getMetadata().getAnnotations());
        assertFalse(FleetLabels.carries(cm, Live.FLEET), "the fleet's LIST of ConfigMaps must not return its own inventory");
        assertEquals(cm.getMetadata().getResourceVersion(), written.revision());

        Inventory read = InventoryStore.read(client, Live.FLEET);
        assertEquals(recorded.entries(), read.entries());
        assertEquals(written, read);
        assertTrue(read.find("apps/v1", "Deployment", "mining", "ore-miner").map(e -> e.uid().equals(miner.getMetadata().getUid())).orElse(false));
    }

    @Test
    void writingTheSameEntriesAgainSendsNoWrite() {
        Inventory written = InventoryStore.write(client, Live.FLEET, Inventory.of(List.of(InventoryTest.MINER)));
        api.resetRequests();
        Inventory again = InventoryStore.write(client, Live.FLEET, InventoryStore.read(client, Live.FLEET));
        assertEquals(written.revision(), again.revision());
        assertEquals(0, api.writes(), "no PUT: " + api.requests());
    }

    @Test
    void aConcurrentWriterIsDetectedNotOverwritten() {
        InventoryStore.write(client, Live.FLEET, Inventory.of(List.of(InventoryTest.NS)));
        Inventory mine = InventoryStore.read(client, Live.FLEET);
        Inventory theirs = InventoryStore.read(client, Live.FLEET);
        InventoryStore.write(client, Live.FLEET, theirs.with(InventoryTest.CONFIG));

        var conflict = assertThrows(InventoryException.Conflict.class, () -> InventoryStore.write(client, Live.FLEET, mine.with(InventoryTest.MINER)));
        assertTrue(conflict.getMessage().contains("changed by another writer"), conflict.getMessage());
        assertEquals(List.of(InventoryTest.CONFIG, InventoryTest.NS), InventoryStore.read(client, Live.FLEET).entries(), "their write stands");
    }

    @Test
    void twoFirstWritersDoNotBothCreate() {
        Inventory mine = InventoryStore.read(client, Live.FLEET);
        InventoryStore.write(client, Live.FLEET, InventoryStore.read(client, Live.FLEET).with(InventoryTest.NS));
        assertThrows(InventoryException.Conflict.class, () -> InventoryStore.write(client, Live.FLEET, mine.with(InventoryTest.MINER)));
    }

    @Test
    void updateRedoesTheChangeOnWhatTheOtherWriterStored() {
        InventoryStore.write(client, Live.FLEET, Inventory.of(List.of(InventoryTest.NS)));
        int[] calls = {0};
        Inventory result = InventoryStore.update(client, Live.FLEET, inv -> {
            if (calls[0]++ == 0) InventoryStore.write(client, Live.FLEET, InventoryStore.read(client, Live.FLEET).with(InventoryTest.CONFIG));
            return inv.with(InventoryTest.MINER);
        });
        assertEquals(2, calls[0], "redone once after the conflict");
        assertEquals(List.of(InventoryTest.CONFIG, InventoryTest.NS, InventoryTest.MINER), result.entries());
        assertEquals(result.entries(), InventoryStore.read(client, Live.FLEET).entries());
    }

    @Test
    void othersLabelsOnTheConfigMapAreKept() {
        InventoryStore.write(client, Live.FLEET, Inventory.of(List.of(InventoryTest.NS)));
        client.configMaps().inNamespace("fleetform-system").withName("fleetform-inventory-web3-prod")
                .edit(cm -> { cm.getMetadata().getLabels().put("backup.example.com/include", "true"); return cm; });
        Inventory next = InventoryStore.write(client, Live.FLEET, InventoryStore.read(client, Live.FLEET).with(InventoryTest.MINER));
        ConfigMap cm = client.configMaps().inNamespace("fleetform-system").withName("fleetform-inventory-web3-prod").get();
        assertEquals("true", cm.getMetadata().getLabels().get("backup.example.com/include"));
        assertEquals(next.toJson(), cm.getData().get("inventory.json"));
    }

    @Test
    void aConflictAnsweredByTheServerIsAConflictToo() {
        InventoryStore.write(client, Live.FLEET, Inventory.of(List.of(InventoryTest.NS)));
        Inventory read = InventoryStore.read(client, Live.FLEET);
        // the other writer's PUT lands between our GET and our PUT: the server answers 409
        api.failNext("PUT", "/api/v1/namespaces/fleetform-system/configmaps/fleetform-inventory-web3-prod", 409, 1);
        assertThrows(InventoryException.Conflict.class, () -> InventoryStore.write(client, Live.FLEET, read.with(InventoryTest.MINER)));
    }

    @Test
    void anUnreadableInventoryStopsPruningWithTheReason() {
        InventoryStore.write(client, Live.FLEET, Inventory.of(List.of(InventoryTest.NS)));
        client.configMaps().inNamespace("fleetform-system").withName("fleetform-inventory-web3-prod")
                .edit(cm -> { cm.getData().put("inventory.json", "{\"formatVersion\":7,\"entries\":[]}"); return cm; });
        var e = assertThrows(InventoryException.Unreadable.class, () -> InventoryStore.read(client, Live.FLEET));
        assertEquals("the inventory ConfigMap fleetform-system/fleetform-inventory-web3-prod: inventory.json is formatVersion 7 "
                + "(this Fleetform reads 1; a newer Fleetform wrote it?)", e.getMessage());
        assertNotEquals(null, e.hint());
    }
}
