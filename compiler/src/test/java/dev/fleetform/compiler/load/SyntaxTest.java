package dev.fleetform.compiler.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** [YAML-SYNTAX] and [YAML-TABS]: SnakeYAML's problem at its (1-based) mark, tabs explained. */
class SyntaxTest {

    @TempDir
    Path tmp;

    @Test
    void syntaxErrorAtTheProblemMark() {
        var loaded = new Fixture(tmp).write("fleet.yaml", "hosts:\n  - name: a\n    address: [10.0.0.1\nkind: Fleet\n").load();
        var d = loaded.single("YAML-SYNTAX", "fleet/fleet.yaml:4:5");
        assertEquals("expected ',' or ']', but got : (while parsing a flow sequence that starts at 3:14)", d.message());
        assertNull(loaded.document());
    }

    @Test
    void badIndentation() {
        var loaded = new Fixture(tmp).write("fleet.yaml", "kind: Fleet\n  name: x\n").load();
        var d = loaded.single("YAML-SYNTAX", "fleet/fleet.yaml:2:7");
        assertEquals("mapping values are not allowed here", d.message());
    }

    @Test
    void tabUsedForIndentation() {
        var loaded = new Fixture(tmp).write("fleet.yaml", "hosts:\n  - name: a\n\t  address: x\n").load();
        var d = loaded.single("YAML-TABS", "fleet/fleet.yaml:3:1");
        assertEquals("a tab is used for indentation or spacing; YAML allows only spaces there", d.message());
        assertEquals("replace the tab with spaces (tabs are fine inside quoted strings)", d.hint());
    }

    @Test
    void tabAfterAColon() {
        new Fixture(tmp).write("fleet.yaml", "kind:\tFleet\n").load().single("YAML-TABS", "fleet/fleet.yaml:1:6");
    }

    @Test
    void tabsInCrlfFileKeepTheLine() {
        new Fixture(tmp).write("fleet.yaml", "a: 1\r\nb:\r\n\tc: 2\r\n").load().single("YAML-TABS", "fleet/fleet.yaml:3:1");
    }
}
