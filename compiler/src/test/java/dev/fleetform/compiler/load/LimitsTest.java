package dev.fleetform.compiler.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** [YAML-TOO-LARGE], [YAML-TOO-DEEP], [YAML-MULTI-DOC]: documents a fleet file may not be. */
class LimitsTest {

    @TempDir
    Path tmp;

    @Test
    void fileOver16MiBIsRefusedBeforeParsing() {
        byte[] big = new byte[17 * 1024 * 1024];
        Arrays.fill(big, (byte) '#'); // one giant comment: parsing it would succeed, so only the size check can refuse it
        var loaded = new Fixture(tmp).write("fleet.yaml", big).load();
        var d = loaded.single("YAML-TOO-LARGE", "fleet/fleet.yaml:1:1");
        assertEquals("the file is 17825792 bytes; a fleet file may be at most 16 MiB", d.message());
        assertNull(loaded.document());
    }

    @Test
    void sizeIsCheckedEvenWhenASourceIgnoresTheLimit() {
        FleetSource careless = new FleetSource() {
            @Override
            public byte[] read(String path, long maxBytes) {
                return new byte[16 * 1024 * 1024 + 1];
            }

            @Override
            public java.util.List<String> glob(String pattern) {
                return java.util.List.of();
            }

            @Override
            public String displayName(String path) {
                return path;
            }
        };
        var out = new dev.fleetform.compiler.diag.Diagnostics();
        assertNull(FleetLoader.load(careless, "fleet.yaml", out).document());
        assertEquals(java.util.List.of("fleet.yaml:1:1 YAML-TOO-LARGE"),
                out.sorted().stream().map(d -> d.location() + " " + d.ruleId()).toList());
    }

    @Test
    void exactly16MiBIsAccepted() {
        byte[] max = new byte[16 * 1024 * 1024];
        Arrays.fill(max, (byte) '#');
        for (int i = 99; i < max.length; i += 100) max[i] = '\n';
        byte[] text = "kind: Fleet\n".getBytes(StandardCharsets.UTF_8);
        System.arraycopy(text, 0, max, 0, text.length);
        var loaded = new Fixture(tmp).write("fleet.yaml", max).load();
        loaded.assertClean();
        assertEquals("Fleet", loaded.document().get("kind").asText());
    }

    @Test
    void overlongLineIsRefusedBeforeParsing() {
        // one 1 MiB comment: SnakeYAML's cost is quadratic in a token's length, so this is refused up front
        String yaml = "kind: Fleet\nname: x # " + "y".repeat(1024 * 1024) + "\n";
        var d = new Fixture(tmp).write("fleet.yaml", yaml).load().single("YAML-TOO-LARGE", "fleet/fleet.yaml:2:65537");
        assertEquals("the line is longer than 65536 characters", d.message());
    }

    @Test
    void lineOf64KiBIsAccepted() {
        String yaml = "kind: Fleet\nname: " + "y".repeat(64 * 1024 - 6) + "\r\nnext: 1\n";
        var loaded = new Fixture(tmp).write("fleet.yaml", yaml).load();
        loaded.assertClean();
        assertEquals(64 * 1024 - 6, loaded.document().get("name").asText().length());
    }

    @Test
    void nestingDeeperThan64IsRefused() {
        StringBuilder yaml = new StringBuilder();
        for (int i = 0; i < 65; i++) yaml.append("  ".repeat(i)).append("k").append(i).append(":\n");
        yaml.append("  ".repeat(65)).append("x: 1\n");
        var loaded = new Fixture(tmp).write("fleet.yaml", yaml.toString()).load();
        // the 65th mapping starts at its first key, k64 on line 65
        var d = loaded.single("YAML-TOO-DEEP", "fleet/fleet.yaml:65:129");
        assertEquals("the document nests deeper than 64 levels", d.message());
        assertNull(loaded.document());
    }

    @Test
    void nesting64DeepIsAccepted() {
        String yaml = "[".repeat(64) + "]".repeat(64) + "\n";
        new Fixture(tmp).write("fleet.yaml", yaml).load().assertClean();
    }

    @Test
    void hugeFlowNestingIsRefusedFast() {
        String yaml = "a: " + "[".repeat(50_000) + "\n";
        new Fixture(tmp).write("fleet.yaml", yaml).load().single("YAML-TOO-DEEP", "fleet/fleet.yaml:1:67");
    }

    @Test
    void secondDocumentIsRefused() {
        var loaded = new Fixture(tmp).write("fleet.yaml", "kind: Fleet\n---\nkind: Other\n").load();
        var d = loaded.single("YAML-MULTI-DOC", "fleet/fleet.yaml:3:1");
        assertEquals("a second YAML document starts here; a fleet file holds one document", d.message());
    }

    @Test
    void documentAfterAnEmptyOneIsRefused() {
        new Fixture(tmp).write("fleet.yaml", "---\n---\nkind: Fleet\n").load().single("YAML-MULTI-DOC", "fleet/fleet.yaml:3:1");
    }

    @Test
    void leadingSeparatorAndEndMarkerAreOneDocument() {
        new Fixture(tmp).write("fleet.yaml", "---\nkind: Fleet\n...\n").load().assertClean();
        new Fixture(tmp).write("fleet.yaml", "kind: Fleet\n---\n").load().assertClean();
    }
}
