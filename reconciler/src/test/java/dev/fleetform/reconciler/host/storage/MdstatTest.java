package dev.fleetform.reconciler.host.storage;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** /proc/mdstat as node_exporter's fixture (from real machines) shows it. */
class MdstatTest {
    private final Map<String, Mdstat.Array> arrays = Mdstat.parse(Recorded.text("node-exporter-fixture.mdstat"));

    @Test
    void everyArrayWithItsStateAndChunk() {
        assertEquals(12, arrays.size(), arrays::toString);
        assertEquals(new Mdstat.Array("md3", true, null, 64), arrays.get("md3"));
        assertEquals(512, arrays.get("md7").chunkKiB(), "the chunk, not the bitmap's 65536KB chunk");
        assertEquals(64, arrays.get("md10").chunkKiB(), "raid0 prints '64k chunks'");
        assertEquals(512, arrays.get("md12").chunkKiB());
        assertEquals(0, arrays.get("md8").chunkKiB(), "raid1 has no chunk (tab-indented lines)");
        assertFalse(arrays.get("md4").active());
        assertEquals("auto-read-only", arrays.get("md11").flags());
        assertFalse(arrays.get("md219").active());
    }
}
