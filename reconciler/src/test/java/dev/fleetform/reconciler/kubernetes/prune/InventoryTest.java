package dev.fleetform.reconciler.kubernetes.prune;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InventoryTest {
    static final InventoryEntry MINER = new InventoryEntry("apps/v1", "Deployment", "mining", "ore-miner", "uid-1");
    static final InventoryEntry NS = new InventoryEntry("v1", "Namespace", null, "mining", "uid-2");
    static final InventoryEntry CONFIG = new InventoryEntry("v1", "ConfigMap", "mining", "ore-miner-env", "uid-3");

    @Test
    void entriesAreSortedWhateverTheOrderTheyCameIn() {
        Inventory a = Inventory.of(List.of(MINER, NS, CONFIG));
        Inventory b = Inventory.empty().with(CONFIG).with(MINER).with(NS);
        assertEquals(List.of(CONFIG, NS, MINER), a.entries());
        assertEquals(a.toJson(), b.toJson());
    }

    @Test
    void theJsonIsStableAndReadsBackTheSameEntries() {
        Inventory inventory = Inventory.of(List.of(MINER, NS));
        assertEquals("""
                {
                  "formatVersion" : 1,
                  "entries" : [
                    {
                      "apiVersion" : "v1",
                      "kind" : "Namespace",
                      "name" : "mining",
                      "uid" : "uid-2"
                    },
                    {
                      "apiVersion" : "apps/v1",
                      "kind" : "Deployment",
                      "namespace" : "mining",
                      "name" : "ore-miner",
                      "uid" : "uid-1"
                    }
                  ]
                }
                """, inventory.toJson());
        Inventory back = Inventory.fromJson(inventory.toJson(), "42");
        assertEquals(inventory.entries(), back.entries());
        assertEquals("42", back.revision());
    }

    @Test
    void aRecreatedObjectReplacesItsOlderLife() {
        InventoryEntry again = new InventoryEntry("apps/v1", "Deployment", "mining", "ore-miner", "uid-9");
        assertEquals(List.of(again), Inventory.empty().with(MINER).with(again).entries());
    }

    @Test
    void withoutForgetsOnlyThatLife() {
        Inventory inventory = Inventory.of(List.of(MINER, NS));
        InventoryEntry otherLife = new InventoryEntry("apps/v1", "Deployment", "mining", "ore-miner", "uid-9");
        assertEquals(List.of(NS, MINER), inventory.without(otherLife).entries());
        assertEquals(List.of(NS), inventory.without(MINER).entries());
        assertTrue(inventory.without(List.of(MINER, NS)).isEmpty());
    }

    @Test
    void anObjectIsFoundByItsGroupWhateverVersionItIsReadThrough() {
        Inventory inventory = Inventory.of(List.of(new InventoryEntry("autoscaling/v2", "HorizontalPodAutoscaler", "mining", "ore-miner", "u")));
        assertTrue(inventory.find("autoscaling/v1", "HorizontalPodAutoscaler", "mining", "ore-miner").isPresent());
        assertTrue(inventory.find("v1", "HorizontalPodAutoscaler", "mining", "ore-miner").isEmpty());
    }

    @Test
    void aNewerFormatOrABrokenEntryIsRefusedNotMisread() {
        var newer = assertThrows(IllegalArgumentException.class, () -> Inventory.fromJson("{\"formatVersion\":2,\"entries\":[]}", "1"));
        assertEquals("formatVersion 2 (this Fleetform reads 1; a newer Fleetform wrote it?)", newer.getMessage());
        var noUid = assertThrows(IllegalArgumentException.class,
                () -> Inventory.fromJson("{\"formatVersion\":1,\"entries\":[{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"name\":\"x\"}]}", "1"));
        assertEquals("entries[0] has no uid", noUid.getMessage());
        var notJson = assertThrows(IllegalArgumentException.class, () -> Inventory.fromJson("not json", "1"));
        assertTrue(notJson.getMessage().startsWith("not JSON"), notJson.getMessage());
    }
}
