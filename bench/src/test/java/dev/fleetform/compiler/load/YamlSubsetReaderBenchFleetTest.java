package dev.fleetform.compiler.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.fleetform.bench.GenerateFleet;
import dev.fleetform.compiler.diag.Diagnostics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Generated benchmark fleets take YamlSubsetReader's fast path and read exactly as with SnakeYAML
 * (tree, key order and every location). In the compiler's package to reach the package-private
 * readers; here because only this module can generate fleets.
 */
class YamlSubsetReaderBenchFleetTest {

    @TempDir
    Path tmp;

    @Test
    void generatedFleetsAndTheirChangedVariantsTakeTheFastPathAndReadAsWithSnakeYaml() throws IOException {
        for (int seed : new int[] {1, 2, 3}) {
            Path dir = tmp.resolve("seed-" + seed);
            GenerateFleet.main(new String[] {"--hosts", "300", "--out", dir.toString(), "--seed", String.valueOf(seed), "--changed-percent", "10"});
            for (String file : new String[] {"fleet.yaml", "fleet-changed.yaml"}) {
                String text = Files.readString(dir.resolve(file), StandardCharsets.UTF_8);
                String name = "seed " + seed + " " + file;

                LocationTable fast = new LocationTable();
                YamlTreeReader.Result subset = YamlSubsetReader.read(text, fast, fast.addFile(file));
                assertNotNull(subset, name + " must take the fast path");

                LocationTable slow = new LocationTable();
                Diagnostics out = new Diagnostics();
                YamlTreeReader.Result snake = YamlTreeReader.readWithSnakeYaml(text, slow, slow.addFile(file), out);
                assertEquals("[]", out.sorted().toString(), name);
                assertEquals(snake.root(), subset.root(), name + ": tree differs");
                assertEquals(snake.root().toString(), subset.root().toString(), name + ": key order differs");
                assertEquals(slow.describe(), fast.describe(), name + ": locations differ");
            }
        }
    }
}
