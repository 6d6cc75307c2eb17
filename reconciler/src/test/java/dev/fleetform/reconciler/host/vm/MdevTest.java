package dev.fleetform.reconciler.host.vm;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * mdev parsing and commands. There is no GPU host here: the listings are written after the
 * kernel's mdev sysfs ABI (see the fixtures' README.md), not recorded; the commands run in a real
 * sh against a directory tree of that shape, rooted in a temporary directory.
 */
class MdevTest {
    @TempDir
    Path sys;

    @Test
    void theProbesLinesAsMdevsWithTheirProfiles() {
        String listing = "8d3b0c4e-0f6a-5b7c-9d1e-2f3a4b5c6d7e\t0000:3b:00.0\tnvidia-471\tGRID A100-10C\n"
                + "1c2d3e4f-5a6b-4c7d-8e9f-a0b1c2d3e4f5\t0000:af:00.0\tnvidia-700\tNVIDIA L40S-24C\n"
                + "00000000-0000-4000-8000-000000000001\t0000:00:02.0\ti915-GVTg_V5_4\t\n";
        List<Mdev> m = Mdev.parse(listing);
        assertEquals(3, m.size());
        assertEquals("A100-10C", m.get(0).profile());
        assertEquals("0000:3b:00.0", m.get(0).parent());
        assertEquals("L40S-24C", m.get(1).profile());
        assertEquals("i915-GVTg_V5_4", m.get(2).profile(), "a type without a name file is its directory's name");
        assertEquals(List.of(), Mdev.parse(""));
    }

    /** The command with /sys/ rooted in the temporary tree, run by a real sh. */
    private int run(String command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("sh", "-c", command.replace("/sys/", sys + "/")).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(10, TimeUnit.SECONDS));
        return p.exitValue();
    }

    private Path type(String pci, String type, String name, int available) throws IOException {
        Path t = Files.createDirectories(sys.resolve("class/mdev_bus/" + pci + "/mdev_supported_types/" + type));
        Files.writeString(t.resolve("name"), name + "\n");
        Files.writeString(t.resolve("available_instances"), available + "\n");
        return t;
    }

    @Test
    void createWritesTheCompiledUuidToTheTypeOfThatNameOnly() throws Exception {
        Path ten = type("0000:3b:00.0", "nvidia-471", "GRID A100-10C", 4);
        Path one = type("0000:3b:00.0", "nvidia-470", "GRID A100-1C", 7);
        String uuid = "8d3b0c4e-0f6a-5b7c-9d1e-2f3a4b5c6d7e";
        assertEquals(0, run(Mdev.createCommand("0000:3b:00.0", "A100-10C", uuid)));
        assertEquals(uuid + "\n", Files.readString(ten.resolve("create"), StandardCharsets.UTF_8));
        assertTrue(Files.notExists(one.resolve("create")));
        assertEquals(3, run(Mdev.createCommand("0000:3b:00.0", "A100-20C", uuid)), "no such type");
        type("0000:af:00.0", "nvidia-700", "NVIDIA L40S-24C", 0);
        assertEquals(4, run(Mdev.createCommand("0000:af:00.0", "L40S-24C", uuid)), "none left");
    }

    @Test
    void aHostileProfileIsOnlyEverAName() throws Exception {
        type("0000:3b:00.0", "nvidia-471", "GRID A100-10C", 4);
        Path marker = sys.resolve("pwned");
        String hostile = "A100-10C'; touch " + marker + "; echo '";
        assertEquals(3, run(Mdev.createCommand("0000:3b:00.0", hostile, "u")));
        assertEquals(3, run(Mdev.createCommand("0000:3b:00.0", "*", "u")), "a glob matches no type");
        assertTrue(Files.notExists(marker), "nothing was run");
    }
}
