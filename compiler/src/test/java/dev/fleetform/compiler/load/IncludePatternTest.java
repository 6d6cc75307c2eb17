package dev.fleetform.compiler.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fleetform.compiler.diag.Diagnostic;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * [INCLUDE-PATTERN]: every glob the JDK's matcher cannot compile (it would throw
 * PatternSyntaxException from inside a source) is a located error saying what is wrong, and the
 * files the other includes match are still read.
 */
class IncludePatternTest {

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            hosts/[a.yaml       | a '[' is not closed by ']'
            [                   | a '[' is not closed by ']'
            **/[                | a '[' is not closed by ']'
            hosts/{a,b.yaml     | a '{' is not closed by '}'
            hosts/{a,{b,c}}.yaml| a {..} group is inside another
            hosts/[a/b].yaml    | a '/' is inside [..]; a class matches one character of a name
            hosts/x[!/].yaml    | a '/' is inside [..]; a class matches one character of a name
            hosts/[z-a].yaml    | a range in [..] runs backwards (write [a-z], not [z-a])
            hosts/[].yaml       | a [..] class is empty
            hosts/[!].yaml      | a [..] class is empty
            """)
    void aBadGlobIsALocatedError(String glob, String why) {
        var loaded = new Fixture(tmp)
                .write("fleet.yaml", "include: [hosts/*.yaml, \"" + glob + "\"]\n")
                .write("hosts/a.yaml", "hosts: [{ name: a }]\n")
                .load();
        assertEquals(List.of("fleet/fleet.yaml:1:25: error[INCLUDE-PATTERN]: '" + glob + "' is not a valid glob: " + why),
                loaded.lines());
        Diagnostic d = loaded.diagnostics().getFirst();
        assertTrue(d.hint().startsWith("globs have * and ? within a name, ** across folders"), d.hint());
        assertEquals("a", loaded.document().at("/hosts/0/name").asText(), "the good include is still read");
    }

    @Test
    void aNulCharacterIsShownNotPrinted() {
        var loaded = new Fixture(tmp).write("fleet.yaml", "include: [\"a\\0b/*.yaml\"]\n").load();
        assertEquals(List.of("fleet/fleet.yaml:1:11: error[INCLUDE-PATTERN]: 'a\\x00b/*.yaml' is not a valid glob:"
                + " it holds a NUL character, which no path can"), loaded.lines());
    }

    @Test
    void aNameWithManyStarsIsRefusedBeforeItIsMatched() {
        var loaded = new Fixture(tmp).write("fleet.yaml", "include: [\"hosts/*_*_*_*.yaml\", \"hosts/*-*-*.yaml\"]\n")
                .write("hosts/a_b-c-d.yaml", "hosts: [{ name: a }]\n").load();
        assertEquals(List.of("fleet/fleet.yaml:1:11: error[INCLUDE-PATTERN]: 'hosts/*_*_*_*.yaml' is not a valid glob:"
                + " '*_*_*_*.yaml' has 4 '*' wildcards; one name may have at most 3, as matching more takes very long"),
                loaded.lines());
    }
}
