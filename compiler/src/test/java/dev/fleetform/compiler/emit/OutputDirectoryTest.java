package dev.fleetform.compiler.emit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
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

    private static Object inode(Path p) throws IOException {
        return Files.getAttribute(p, "unix:ino", LinkOption.NOFOLLOW_LINKS);
    }

    private static int links(Path p) throws IOException {
        return (Integer) Files.getAttribute(p, "unix:nlink", LinkOption.NOFOLLOW_LINKS);
    }

    @Test
    void identicalFilesOfTheEarlierOutputAreReusedNotRewritten() throws IOException {
        Path dir = tmp.resolve("out");
        assertEquals(0, new OutputDirectory(dir).replaceWith(output("v1")), "nothing to reuse yet");
        Object before = inode(dir.resolve("b/two.txt"));
        assertEquals(2, new OutputDirectory(dir).replaceWith(output("v1")), "all but the first file (which tells the owner and mode)");
        assertEquals(before, inode(dir.resolve("b/two.txt")), "the same file, linked into the new output");
        assertEquals(1, links(dir.resolve("b/two.txt")), "the earlier output's link is gone with it");
        assertEquals("v12", Files.readString(dir.resolve("b/two.txt")));
    }

    @Test
    void aChangedArtefactIsWrittenAfresh() throws IOException {
        Path dir = tmp.resolve("out");
        new OutputDirectory(dir).replaceWith(output("v1"));
        Object before = inode(dir.resolve("b/two.txt"));
        new OutputDirectory(dir).replaceWith(output("v2"));
        assertEquals("v22", Files.readString(dir.resolve("b/two.txt")));
        assertNotEquals(before, inode(dir.resolve("b/two.txt")));
    }

    @Test
    void anOldFileEditedSinceIsNotReusedEvenWhenTheManifestStillMatches() throws IOException {
        Path dir = tmp.resolve("out");
        new OutputDirectory(dir).replaceWith(output("v1"));
        Files.writeString(dir.resolve("b/two.txt"), "xx2"); // same size, other bytes
        new OutputDirectory(dir).replaceWith(output("v1"));
        assertEquals("v12", Files.readString(dir.resolve("b/two.txt")));
    }

    @Test
    void aLargeFileIsComparedToItsLastByte() throws IOException {
        Path dir = tmp.resolve("out");
        String big = "x".repeat(200_000);
        List<Artefact> files = List.of(Artefact.text("a.txt", "a"), Artefact.text("big.txt", big));
        List<Artefact> output = Stream.concat(files.stream(), Stream.of(Compiler.manifest(files))).toList();
        new OutputDirectory(dir).replaceWith(output);
        Object first = inode(dir.resolve("big.txt"));
        new OutputDirectory(dir).replaceWith(output);
        assertEquals(first, inode(dir.resolve("big.txt")), "identical across several read blocks: reused");
        Files.writeString(dir.resolve("big.txt"), big.substring(0, 199_999) + "y");
        new OutputDirectory(dir).replaceWith(output);
        assertEquals(big, Files.readString(dir.resolve("big.txt")), "one byte differs at the end: written again");
    }

    @Test
    void aSymbolicLinkInTheOldOutputIsNotFollowed() throws IOException {
        Path dir = tmp.resolve("out");
        new OutputDirectory(dir).replaceWith(output("v1"));
        Path outside = Files.writeString(tmp.resolve("outside.txt"), "v12");
        Files.delete(dir.resolve("b/two.txt"));
        Files.createSymbolicLink(dir.resolve("b/two.txt"), outside);
        new OutputDirectory(dir).replaceWith(output("v1"));
        Path two = dir.resolve("b/two.txt");
        assertTrue(Files.isRegularFile(two, LinkOption.NOFOLLOW_LINKS), "written, not a copy of the link");
        assertNotEquals(inode(outside), inode(two));
        assertEquals(1, links(outside), "the file outside DIR was not linked into the output");
    }

    @Test
    void aDirectoryLinkInTheOldOutputIsNotFollowed() throws IOException {
        Path dir = tmp.resolve("out");
        new OutputDirectory(dir).replaceWith(output("v1"));
        Path outside = Files.createDirectories(tmp.resolve("elsewhere"));
        Files.writeString(outside.resolve("two.txt"), "v12");
        Files.delete(dir.resolve("b/two.txt"));
        Files.delete(dir.resolve("b"));
        Files.createSymbolicLink(dir.resolve("b"), outside);
        new OutputDirectory(dir).replaceWith(output("v1"));
        assertTrue(Files.isDirectory(dir.resolve("b"), LinkOption.NOFOLLOW_LINKS));
        assertEquals(1, links(outside.resolve("two.txt")), "the file outside DIR was not linked into the output");
        assertEquals("v12", Files.readString(outside.resolve("two.txt")), "and is untouched");
    }

    @Test
    void aFileLinkedFromElsewhereIsNotShared() throws IOException {
        Path dir = tmp.resolve("out");
        new OutputDirectory(dir).replaceWith(output("v1"));
        Path backup = Files.createLink(tmp.resolve("backup.txt"), dir.resolve("b/two.txt"));
        new OutputDirectory(dir).replaceWith(output("v1"));
        assertNotEquals(inode(backup), inode(dir.resolve("b/two.txt")),
                "editing the new output in place must not change the user's other link");
    }

    @Test
    void aFailedWriteLeavesThePreviousOutputAndItsFilesUntouched() throws IOException {
        Path dir = tmp.resolve("out");
        new OutputDirectory(dir).replaceWith(output("v1"));
        Object before = inode(dir.resolve("a/one.txt"));
        List<Artefact> broken = List.of(Artefact.text("a/one.txt", "v1"), Artefact.text("b/two.txt", "v12"),
                Artefact.text("x", "file"), Artefact.text("x/y", "under a file"));
        assertThrows(IOException.class, () -> new OutputDirectory(dir).replaceWith(broken));
        assertEquals(before, inode(dir.resolve("a/one.txt")));
        assertEquals(1, links(dir.resolve("a/one.txt")), "the links made for the failed output are gone");
        assertEquals(1, links(dir.resolve("b/two.txt")));
        assertTrue(Files.exists(dir.resolve(Compiler.MANIFEST)));
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
