package dev.fleetform.compiler.emit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OutputDirectoryTest {

    @TempDir
    Path tmp;

    private static List<Artefact> output(String marker) {
        List<Artefact> files = List.of(Artefact.text("a/one.txt", marker), Artefact.text("b/two.txt", marker + "2"));
        return Stream.concat(files.stream(), Stream.of(Compiler.manifest(files))).toList();
    }

    @Test
    void writesANewDirectory() throws IOException {
        Path dir = tmp.resolve("out");
        new OutputDirectory(dir).replaceWith(output("v1"));
        assertEquals("v1", Files.readString(dir.resolve("a/one.txt")));
        assertTrue(Files.exists(dir.resolve(Compiler.MANIFEST)));
    }

    @Test
    void replacesAnEarlierOutputWholeAndLeavesNoTemporaries() throws IOException {
        Path dir = tmp.resolve("out");
        new OutputDirectory(dir).replaceWith(output("v1"));
        Files.writeString(dir.resolve("stale.txt"), "from an older compile");
        new OutputDirectory(dir).replaceWith(output("v2"));
        assertEquals("v2", Files.readString(dir.resolve("a/one.txt")));
        assertFalse(Files.exists(dir.resolve("stale.txt")), "files of the previous output are gone");
        try (Stream<Path> s = Files.list(tmp)) {
            assertEquals(List.of(dir), s.toList(), "no .new-/.old- directories left behind");
        }
    }

    @Test
    void refusesADirectoryItDidNotWrite() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("home"));
        Files.writeString(dir.resolve("precious.txt"), "keep me");
        OutputDirectory out = new OutputDirectory(dir);
        assertNotNull(out.refusal());
        assertThrows(IOException.class, () -> out.replaceWith(output("v1")));
        assertEquals("keep me", Files.readString(dir.resolve("precious.txt")));
    }

    @Test
    void acceptsAnEmptyDirectory() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("empty"));
        assertNull(new OutputDirectory(dir).refusal());
    }

    @Test
    void aFailedWriteLeavesThePreviousOutputUntouched() throws IOException {
        Path dir = tmp.resolve("out");
        new OutputDirectory(dir).replaceWith(output("v1"));
        // a file and a directory at the same path cannot both be written: the write fails midway
        List<Artefact> broken = List.of(Artefact.text("x", "file"), Artefact.text("x/y", "under a file"));
        assertThrows(IOException.class, () -> new OutputDirectory(dir).replaceWith(broken));
        assertEquals("v1", Files.readString(dir.resolve("a/one.txt")));
        try (Stream<Path> s = Files.list(tmp)) {
            assertEquals(List.of(dir), s.toList());
        }
    }

    @Test
    void manifestIsSha256sumCompatibleAndSorted() {
        Artefact m = Compiler.manifest(List.of(Artefact.text("a", "x"), Artefact.text("b", "")));
        assertEquals("""
                2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881  a
                e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855  b
                """, m.text());
    }
}
