package dev.fleetform.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenerateFleetTest {

    @TempDir
    Path tmp;

    private Path generate(String dir, int hosts, long seed, double changedPercent) throws IOException {
        Path out = tmp.resolve(dir);
        GenerateFleet.generate(new GenerateFleet.Options(hosts, out, changedPercent, seed));
        return out;
    }

    @Test
    void sameSeedGivesSameBytes() throws IOException {
        Path a = generate("a", 200, 42, 10);
        Path b = generate("b", 200, 42, 10);
        assertArrayEquals(Files.readAllBytes(a.resolve("fleet.yaml")), Files.readAllBytes(b.resolve("fleet.yaml")));
        assertArrayEquals(Files.readAllBytes(a.resolve("fleet-changed.yaml")), Files.readAllBytes(b.resolve("fleet-changed.yaml")));
    }

    @Test
    void anotherSeedGivesAnotherFleet() throws IOException {
        Path a = generate("a", 200, 1, 0);
        Path b = generate("b", 200, 2, 0);
        assertFalse(Files.readString(a.resolve("fleet.yaml")).equals(Files.readString(b.resolve("fleet.yaml"))));
    }

    @Test
    void changedFleetDiffersOnAboutThatShareOfHosts() throws IOException {
        Path out = generate("c", 2000, 5, 10);
        List<String> original = hostNamesAndLines(out.resolve("fleet.yaml"));
        List<String> changed = hostNamesAndLines(out.resolve("fleet-changed.yaml"));
        assertEquals(original.size(), changed.size(), "the same hosts, in the same order");
        long differing = 0;
        for (int i = 0; i < original.size(); i++) if (!original.get(i).equals(changed.get(i))) differing++;
        // each host is changed with probability 10%: 2000 hosts -> 200 +- a few dozen
        assertTrue(differing > 140 && differing < 260, "hosts changed: " + differing);
    }

    @Test
    void withoutChangedPercentOnlyFleetYamlIsWritten() throws IOException {
        Path out = generate("d", 20, 1, 0);
        assertTrue(Files.exists(out.resolve("fleet.yaml")));
        assertFalse(Files.exists(out.resolve("fleet-changed.yaml")));
    }

    @Test
    void badArgumentsAreExplained() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> GenerateFleet.Options.parse(new String[] {"--hosts", "ten", "--out", "x"}));
        assertEquals("--hosts needs a number, not 'ten'", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new SyntheticFleet(5, 1, 0));
        assertEquals("--hosts must be between 20 and 1000000", e.getMessage());
    }

    /** Each host's first line (flow-style hosts are one line; hypervisors: name line + following lines). */
    private static List<String> hostNamesAndLines(Path file) throws IOException {
        String text = Files.readString(file);
        String hosts = text.substring(text.indexOf("\nhosts:\n"), text.indexOf("\nworkloads:\n"));
        return List.of(hosts.split("\n  - "));
    }
}
