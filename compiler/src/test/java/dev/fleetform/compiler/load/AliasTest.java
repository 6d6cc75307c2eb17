package dev.fleetform.compiler.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** [YAML-ALIAS]: anchors, aliases and merge keys are refused (Jackson would read an alias as its name). */
class AliasTest {

    @TempDir
    Path tmp;

    @Test
    void refusesAnchorsAliasesAndMergeKeys() {
        var loaded = new Fixture(tmp).write("fleet.yaml", """
                base: &b
                  cores: 8
                hosts:
                  - <<: *b
                    name: a
                  - cores: *b
                """).load();
        assertEquals(List.of(
                "fleet/fleet.yaml:1:7: error[YAML-ALIAS]: anchor '&b' is not supported",
                "fleet/fleet.yaml:4:5: error[YAML-ALIAS]: merge key '<<' is not supported",
                "fleet/fleet.yaml:6:12: error[YAML-ALIAS]: alias '*b' is not supported"), loaded.lines());
        assertEquals("write the value out, or use a profile", loaded.diagnostics().get(0).hint());
        // never the alias name as a silent string value
        assertTrue(loaded.document().at("/hosts/1/cores").isNull());
    }

    /** Jackson drops a scalar's anchor and a key's: the loader reads them from SnakeYAML's events. */
    @Test
    void refusesAnchorsOnEveryKindOfNode() {
        var loaded = new Fixture(tmp).write("fleet.yaml", """
                name: &a min
                &k key: 1
                list: &l [x, &i y]
                map: { &fk b: &fv c }
                empty: &e
                block: &s
                  - z
                """).load();
        assertEquals(List.of(
                "fleet/fleet.yaml:1:7: error[YAML-ALIAS]: anchor '&a' is not supported",
                "fleet/fleet.yaml:2:1: error[YAML-ALIAS]: anchor '&k' is not supported",
                "fleet/fleet.yaml:3:7: error[YAML-ALIAS]: anchor '&l' is not supported",
                "fleet/fleet.yaml:3:14: error[YAML-ALIAS]: anchor '&i' is not supported",
                "fleet/fleet.yaml:4:8: error[YAML-ALIAS]: anchor '&fk' is not supported",
                "fleet/fleet.yaml:4:15: error[YAML-ALIAS]: anchor '&fv' is not supported",
                "fleet/fleet.yaml:5:8: error[YAML-ALIAS]: anchor '&e' is not supported",
                "fleet/fleet.yaml:6:8: error[YAML-ALIAS]: anchor '&s' is not supported"), loaded.lines());
    }

    @Test
    void anAliasAsAKeyIsAnAliasAndAListAsAKeyIsSaidInWords() {
        var loaded = new Fixture(tmp).write("fleet.yaml", "a: x\n*k : 1\n").load();
        assertEquals(List.of("fleet/fleet.yaml:2:1: error[YAML-ALIAS]: alias '*k' is not supported"), loaded.lines());
        loaded = new Fixture(tmp).write("fleet.yaml", "a: x\n? [b, c]\n: 1\n").load();
        assertEquals(List.of("fleet/fleet.yaml:2:3: error[YAML-SYNTAX]: a key must be a name, not a list or a map"), loaded.lines());
    }

    @Test
    void billionLaughsIsRefusedWithoutExpanding() {
        StringBuilder yaml = new StringBuilder("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (int i = 1; i < 10; i++) {
            yaml.append("a").append(i).append(": &a").append(i).append(" [");
            for (int j = 0; j < 9; j++) yaml.append(j == 0 ? "" : ", ").append("*a").append(i - 1);
            yaml.append("]\n");
        }
        var loaded = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> new Fixture(tmp).write("fleet.yaml", yaml.toString()).load());
        assertEquals(10 + 81, loaded.diagnostics().size(), () -> loaded.lines().toString());
        assertTrue(loaded.diagnostics().stream().allMatch(d -> d.ruleId().equals("YAML-ALIAS")));
        // each alias is one null, not 9^9 expanded items
        assertEquals(9, loaded.document().get("a9").size());
    }
}
