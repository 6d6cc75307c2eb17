package dev.fleetform.compiler.load;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * [YAML-ESCAPE]: a double-quoted escape of half a UTF-16 surrogate pair stands for no character
 * (promtool refuses the rule file it would end up in). Refused in every text, keys included, at
 * the escape itself; a whole pair, or the code point in one escape, is a character and stays.
 */
class EscapeTest {

    @TempDir
    Path tmp;

    @Test
    void refusesALoneSurrogateEscapeWhereverItIs() {
        var loaded = new Fixture(tmp).write("fleet.yaml", """
                summary: "down \\ud83d"
                low: "\\udc00 x"
                long: "\\U0000D800"
                "\\ud83d key": 1
                list: [ok, "a\\ud83d\\u0041"]
                folded: "first line
                  and \\ude00 here"
                tagged: &a "\\ud83d"
                reversed: "\\ude00\\ud83d"
                """).load();
        assertEquals(List.of(
                "fleet/fleet.yaml:1:16: error[YAML-ESCAPE]: the escape '\\ud83d' is half of a UTF-16 surrogate pair; on its own it stands for no character",
                "fleet/fleet.yaml:2:7: error[YAML-ESCAPE]: the escape '\\udc00' is half of a UTF-16 surrogate pair; on its own it stands for no character",
                "fleet/fleet.yaml:3:8: error[YAML-ESCAPE]: the escape '\\U0000D800' is half of a UTF-16 surrogate pair; on its own it stands for no character",
                "fleet/fleet.yaml:4:2: error[YAML-ESCAPE]: the escape '\\ud83d' is half of a UTF-16 surrogate pair; on its own it stands for no character",
                "fleet/fleet.yaml:5:14: error[YAML-ESCAPE]: the escape '\\ud83d' is half of a UTF-16 surrogate pair; on its own it stands for no character",
                "fleet/fleet.yaml:7:7: error[YAML-ESCAPE]: the escape '\\ude00' is half of a UTF-16 surrogate pair; on its own it stands for no character",
                "fleet/fleet.yaml:8:9: error[YAML-ALIAS]: anchor '&a' is not supported",
                "fleet/fleet.yaml:8:13: error[YAML-ESCAPE]: the escape '\\ud83d' is half of a UTF-16 surrogate pair; on its own it stands for no character",
                "fleet/fleet.yaml:9:12: error[YAML-ESCAPE]: the escape '\\ude00' is half of a UTF-16 surrogate pair; on its own it stands for no character"),
                loaded.lines());
        assertEquals("write the character itself, or escape its code point as \\U and 8 hex digits (e.g. \\U0001F600)",
                loaded.diagnostics().getFirst().hint());
    }

    @Test
    void aWholePairOrOneEscapeOfTheCodePointIsACharacter() {
        var loaded = new Fixture(tmp).write("fleet.yaml", """
                pair: "\\ud83d\\ude00"
                one: "\\U0001F600"
                literal: "😀 \\u00e9"
                """).load();
        assertEquals(List.of(), loaded.lines());
        assertEquals("😀", loaded.document().get("pair").textValue());
        assertEquals("😀", loaded.document().get("one").textValue());
        assertEquals("😀 é", loaded.document().get("literal").textValue());
    }
}
