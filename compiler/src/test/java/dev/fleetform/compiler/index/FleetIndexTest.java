package dev.fleetform.compiler.index;

import dev.fleetform.compiler.model.Fleet;
import dev.fleetform.compiler.model.Pool;
import dev.fleetform.compiler.model.Selector;
import dev.fleetform.compiler.testing.Fleets;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FleetIndexTest {
    private final Fleet fleet = Fleets.fleet(Fleets.SAMPLE);
    private final FleetIndex index = FleetIndex.of(fleet);

    @Test
    void aPoolSelectsItsNodesOnceForEveryCaller() {
        Pool miners = fleet.clusters().getFirst().pools().getFirst();
        List<FleetIndex.Node> nodes = index.select(miners.nodes());
        assertEquals(List.of("gpu-01-vm1"), nodes.stream().map(FleetIndex.Node::name).toList());
        assertSame(nodes, index.select(miners.nodes()), "the second caller gets the first scan");
        assertThrows(UnsupportedOperationException.class, () -> nodes.add(nodes.getFirst()));
    }

    @Test
    void selectsAnyAgreesWithSelect() {
        Selector storage = new Selector(List.of(), List.of("storage"), Map.of(), null);
        Selector nobody = new Selector(List.of(), List.of("storage"), Map.of("zone", "az1"), null);
        assertTrue(index.selectsAny(storage));
        assertFalse(index.selectsAny(nobody));
        assertEquals(List.of("store-01"), index.select(storage).stream().map(FleetIndex.Node::name).toList());
        assertEquals(List.of(), index.select(nobody));
    }
}
