package dev.fleetform.compiler.load;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** [YAML-TAG]: explicit tags would retype values (or hide binary data); only !!str, which quoting also does, is accepted. */
class TagTest {

    @TempDir
    Path tmp;

    @Test
    void refusesTagsOtherThanStr() {
        var loaded = new Fixture(tmp).write("fleet.yaml", """
                a: !custom value
                b: !!binary aGVsbG8=
                c: !!int "12"
                d: !!set { x, y }
                e: !!str 0755
                """).load();
        assertEquals(List.of(
                "fleet/fleet.yaml:1:4: error[YAML-TAG]: tag '!custom' is not supported",
                "fleet/fleet.yaml:2:4: error[YAML-TAG]: tag '!!binary' is not supported",
                "fleet/fleet.yaml:3:4: error[YAML-TAG]: tag '!!int' is not supported",
                "fleet/fleet.yaml:4:4: error[YAML-TAG]: tag '!!set' is not supported"), loaded.lines());
        assertEquals("0755", loaded.document().get("e").textValue());
    }
}
