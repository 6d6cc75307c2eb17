package dev.fleetform.compiler.load;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * [YAML-TAG]: every explicit tag is refused, on any kind of node: a tag would retype a value or
 * hide binary data, and {@code !!str} only does what quoting does. Shorthand, verbatim and
 * non-specific tags alike, on keys, values, lists and maps.
 */
class TagTest {

    @TempDir
    Path tmp;

    @Test
    void refusesEveryTagOnValues() {
        var loaded = new Fixture(tmp).write("fleet.yaml", """
                a: !custom value
                b: !!binary aGVsbG8=
                c: !!int "12"
                d: !!set { x, y }
                e: !!str 0755
                f: !<tag:yaml.org,2002:str> x
                g: !<tag:example.com,2026:thing> x
                h: ! x
                i: [!!str x, "y"]
                j: &a !!str x
                """).load();
        assertEquals(List.of(
                "fleet/fleet.yaml:1:4: error[YAML-TAG]: tag '!custom' is not supported",
                "fleet/fleet.yaml:2:4: error[YAML-TAG]: tag '!!binary' is not supported",
                "fleet/fleet.yaml:3:4: error[YAML-TAG]: tag '!!int' is not supported",
                "fleet/fleet.yaml:4:4: error[YAML-TAG]: tag '!!set' is not supported",
                "fleet/fleet.yaml:5:4: error[YAML-TAG]: tag '!!str' is not supported",
                "fleet/fleet.yaml:6:4: error[YAML-TAG]: tag '!<tag:yaml.org,2002:str>' is not supported",
                "fleet/fleet.yaml:7:4: error[YAML-TAG]: tag '!<tag:example.com,2026:thing>' is not supported",
                "fleet/fleet.yaml:8:4: error[YAML-TAG]: tag '!' is not supported",
                "fleet/fleet.yaml:9:5: error[YAML-TAG]: tag '!!str' is not supported",
                "fleet/fleet.yaml:10:4: error[YAML-ALIAS]: anchor '&a' is not supported",
                "fleet/fleet.yaml:10:4: error[YAML-TAG]: tag '!!str' is not supported"), loaded.lines());
        assertEquals("remove the tag; quote the value if it must be a string", loaded.diagnostics().getFirst().hint());
    }

    @Test
    void refusesTagsOnKeysListsMapsAndTheRoot() {
        var loaded = new Fixture(tmp).write("fleet.yaml", """
                !!map
                !!str a: 1
                b: { !!str c: 2, d: !!map { e: 3 } }
                f: !!seq
                  - x
                ? !<tag:yaml.org,2002:str> g
                : 4
                """).load();
        assertEquals(List.of(
                "fleet/fleet.yaml:1:1: error[YAML-TAG]: tag '!!map' is not supported",
                "fleet/fleet.yaml:2:1: error[YAML-TAG]: tag '!!str' is not supported",
                "fleet/fleet.yaml:3:6: error[YAML-TAG]: tag '!!str' is not supported",
                "fleet/fleet.yaml:3:21: error[YAML-TAG]: tag '!!map' is not supported",
                "fleet/fleet.yaml:4:4: error[YAML-TAG]: tag '!!seq' is not supported",
                "fleet/fleet.yaml:6:3: error[YAML-TAG]: tag '!<tag:yaml.org,2002:str>' is not supported"), loaded.lines());
    }
}
