package dev.fleetform.reconciler.loop;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The Lease's holderIdentity: a pod name, and where the others reach it. */
class LeaseHolderTest {
    @Test
    void aHolderIdentityNamesTheReplicaAndItsAddress() {
        assertEquals(new LeaseHolder("fleetform-reconciler-7d9f-abcde", "10.244.1.7:9797"), LeaseHolder.parse("fleetform-reconciler-7d9f-abcde@10.244.1.7:9797"));
        assertEquals(new LeaseHolder("pod", "[fd00::7]:9797"), LeaseHolder.parse("pod@[fd00::7]:9797"));
        assertEquals("pod@[fd00::7]:9797", new LeaseHolder("pod", LeaseHolder.address("fd00::7", 9797)).identity());
        assertEquals(new LeaseHolder("old-replica", null), LeaseHolder.parse("old-replica"), "a holder without an address (an older version)");
        assertEquals(new LeaseHolder("x", null), LeaseHolder.parse("x@not-an-address"));
        assertNull(LeaseHolder.parse(""), "released");
        assertNull(LeaseHolder.parse(null));
        assertThrows(IllegalArgumentException.class, () -> new LeaseHolder("pod", "10.0.0.1"));
        assertEquals("10.0.0.1:9797", LeaseHolder.address("10.0.0.1", 9797));
    }
}
