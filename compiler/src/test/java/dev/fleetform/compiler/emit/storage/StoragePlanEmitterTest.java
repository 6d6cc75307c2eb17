package dev.fleetform.compiler.emit.storage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fleetform.compiler.emit.Artefact;
import dev.fleetform.compiler.emit.Compiled;
import dev.fleetform.compiler.emit.ExternalTool;
import dev.fleetform.compiler.testing.Fleets;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StoragePlanEmitterTest {

    private static JsonNode plan(String yaml, String host) throws Exception {
        List<Artefact> out = Compiled.emit(new StoragePlanEmitter(), yaml);
        return new ObjectMapper().readTree(ExternalTool.find(out, "storage/" + host + ".json").bytes());
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    @Test
    void raid5WithExt4IsCreatedFormattedMountedAndDefragmentedInOrder() throws Exception {
        JsonNode steps = plan(Fleets.SAMPLE, "store-01").get("steps");
        List<String> kinds = new ArrayList<>();
        steps.forEach(s -> kinds.add(s.get("kind").asText()));
        assertEquals(List.of("raid-create", "mkfs", "mount", "defrag-timer"), kinds);
        assertEquals(List.of("mdadm", "--create", "/dev/md/md1", "--name=md1", "--level=5", "--raid-devices=3",
                "--metadata=1.2", "--chunk=256", "/dev/sdb", "/dev/sdc", "/dev/sdd"), strings(steps.get(0).get("argv")));
        assertTrue(steps.get(0).get("destroysData").asBoolean());
        // 256 KiB chunk / 4 KiB blocks = stride 64; 2 data disks -> stripe_width 128
        assertEquals(List.of("mkfs.ext4", "-b", "4096", "-E", "stride=64,stripe_width=128", "/dev/md/md1"),
                strings(steps.get(1).get("argv")));
        assertEquals("UUID=${fs:data} /srv/data ext4 defaults 0 2", steps.get(2).get("fstab").asText());
        assertEquals(List.of("e4defrag", "/srv/data"), strings(steps.get(3).get("argv")));
        assertEquals("weekly", steps.get(3).get("onCalendar").asText());
        assertFalse(steps.get(3).get("destroysData").asBoolean());
    }

    @Test
    void raid1HasNoChunkAndXfsOnAMirrorNeedsNoStripeAlignment() throws Exception {
        JsonNode steps = plan(Fleets.SAMPLE, "gpu-01").get("steps");
        assertFalse(strings(steps.get(0).get("argv")).stream().anyMatch(a -> a.startsWith("--chunk")));
        assertEquals(List.of("mkfs.xfs", "/dev/md/md0"), strings(steps.get(1).get("argv")));
        assertEquals("UUID=${fs:vmstore} /var/lib/libvirt/images xfs noatime 0 0", steps.get(2).get("fstab").asText());
    }

    @Test
    void userMkfsOptionsWinAndTheShellFormIsQuoted() throws Exception {
        String yaml = Fleets.edit(Fleets.SAMPLE, "mountpoint: /srv/data, defrag: weekly",
                "mountpoint: /srv/data, defrag: weekly, mkfsOptions: [-L, data]");
        JsonNode mkfs = plan(yaml, "store-01").get("steps").get(1);
        assertEquals(List.of("mkfs.ext4", "-L", "data", "/dev/md/md1"), strings(mkfs.get("argv")));
        assertEquals("mkfs.ext4 -L data /dev/md/md1", mkfs.get("shell").asText());
    }

    @Test
    void hostsWithoutStorageGetNoPlan() {
        List<Artefact> out = Compiled.emit(new StoragePlanEmitter(), Fleets.MINIMAL);
        assertEquals(List.of(), out);
    }
}
