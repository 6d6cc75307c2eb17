package dev.fleetform.compiler.load;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** [YAML-DUPLICATE-KEY]: the second key is reported where it is, naming where the first one is. */
class DuplicateKeyTest {

    @TempDir
    Path tmp;

    @Test
    void reportsTheSecondKeyAndWhereTheFirstIs() {
        var loaded = new Fixture(tmp).write("fleet.yaml", """
                hosts:
                  - name: a
                    address: 10.0.0.1
                    address: 10.0.0.2
                """).load();
        var d = loaded.single("YAML-DUPLICATE-KEY", "fleet/fleet.yaml:4:5");
        assertEquals("duplicate key 'address' (first defined at fleet/fleet.yaml:3:5)", d.message());
        // the first value is kept, not silently overwritten by the second
        assertEquals("10.0.0.1", loaded.document().at("/hosts/0/address").asText());
    }

    @Test
    void findsDuplicatesInFlowMappingsAndAtTopLevel() {
        var loaded = new Fixture(tmp).write("fleet.yaml", "labels: { a: 1, a: 2 }\nkind: x\nkind: y\n").load();
        assertEquals(java.util.List.of(
                "fleet/fleet.yaml:1:17: error[YAML-DUPLICATE-KEY]: duplicate key 'a' (first defined at fleet/fleet.yaml:1:11)",
                "fleet/fleet.yaml:3:1: error[YAML-DUPLICATE-KEY]: duplicate key 'kind' (first defined at fleet/fleet.yaml:2:1)"),
                loaded.lines());
    }

    @Test
    void deepValueOfADuplicateKeyIsStillBounded() {
        String deep = "[".repeat(500) + "]".repeat(500);
        var loaded = new Fixture(tmp).write("fleet.yaml", "a: 1\na: " + deep + "\n").load();
        assertEquals(java.util.List.of(
                "fleet/fleet.yaml:2:1: error[YAML-DUPLICATE-KEY]: duplicate key 'a' (first defined at fleet/fleet.yaml:1:1)",
                "fleet/fleet.yaml:2:69: error[YAML-TOO-DEEP]: the document nests deeper than 64 levels"), loaded.lines());
    }
}
