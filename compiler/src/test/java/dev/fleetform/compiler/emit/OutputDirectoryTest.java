package dev.fleetform.compiler.emit;

import dev.fleetform.compiler.fault.OutputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class OutputDirectoryTest {

    @TempDir
    Path tmp;

    /** A compile's files, sorted by path, without the manifest (OutputDirectory adds it). */
    private static List<Artefact> output(String marker) {
        return List.of(Artefact.text("a/one.txt", marker), Artefact.text("b/two.txt", marker + "2"));
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
        assertEquals(0, new OutputDirectory(dir).replaceWith(output("v1")).reused(), "nothing to reuse yet");
        Object before = inode(dir.resolve("b/two.txt"));
        assertEquals(2, new OutputDirectory(dir).replaceWith(output("v1")).reused(), "all but the first file (which tells the owner and mode)");
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
        List<Artefact> output = List.of(Artefact.text("a.txt", "a"), Artefact.text("big.txt", big));
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

    // --- the manifest, with reused files' digests taken from the previous one

    /** What sha256sum -c says about DIR: the manifest must hold for every file, reused or not. */
    private static void assertSha256sumAgrees(Path dir) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("sha256sum", "--check", "--strict", "--quiet", Compiler.MANIFEST)
                .directory(dir.toFile()).redirectErrorStream(true).start();
        String said = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), "sha256sum -c: " + said);
    }

    @Test
    void theManifestOfAReusedOutputIsTheOneAFreshCompileWrites() throws Exception {
        Path dir = tmp.resolve("out");
        new OutputDirectory(dir).replaceWith(output("v1"));
        new OutputDirectory(dir).replaceWith(output("v1"));
        assertEquals(Compiler.manifest(output("v1")).text(), Files.readString(dir.resolve(Compiler.MANIFEST)));
        assertSha256sumAgrees(dir);
    }

    /**
     * A file edited by hand into exactly what the next compile writes is reused (same bytes), but
     * the previous manifest's line is for the old bytes: its digest is computed again.
     */
    @Test
    void aFileEditedSinceThePreviousManifestIsHashedAgain() throws Exception {
        Path dir = tmp.resolve("out");
        new OutputDirectory(dir).replaceWith(output("v1"));
        Path two = dir.resolve("b/two.txt");
        Files.writeString(two, "v22");
        Files.setLastModifiedTime(two, FileTime.fromMillis(
                Files.getLastModifiedTime(dir.resolve(Compiler.MANIFEST)).toMillis() + 1000));
        Object edited = inode(two);
        new OutputDirectory(dir).replaceWith(output("v2"));
        assertEquals(edited, inode(dir.resolve("b/two.txt")), "the edited file has the new bytes: reused");
        assertEquals(Compiler.manifest(output("v2")).text(), Files.readString(dir.resolve(Compiler.MANIFEST)));
        assertSha256sumAgrees(dir);
    }

    // --- modes, links and what else is in DIR

    @Test
    void newDirectoriesAndFilesGetTheModeTheUmaskGives() throws IOException {
        Set<PosixFilePermission> dirMode = Files.getPosixFilePermissions(Files.createDirectory(tmp.resolve("probe")));
        Set<PosixFilePermission> fileMode = Files.getPosixFilePermissions(Files.writeString(tmp.resolve("probe.txt"), ""));
        Path dir = tmp.resolve("out");
        new OutputDirectory(dir).replaceWith(output("v1"));
        assertEquals(dirMode, Files.getPosixFilePermissions(dir), "not 0700");
        assertEquals(dirMode, Files.getPosixFilePermissions(dir.resolve("a")));
        assertEquals(fileMode, Files.getPosixFilePermissions(dir.resolve("a/one.txt")));
        assertEquals(fileMode, Files.getPosixFilePermissions(dir.resolve(Compiler.MANIFEST)));
    }

    @Test
    void anExistingDirKeepsItsMode() throws IOException {
        Path dir = tmp.resolve("out");
        new OutputDirectory(dir).replaceWith(output("v1"));
        Set<PosixFilePermission> mode = PosixFilePermissions.fromString("rwxr-x---");
        Files.setPosixFilePermissions(dir, mode);
        new OutputDirectory(dir).replaceWith(output("v2"));
        assertEquals(mode, Files.getPosixFilePermissions(dir));
    }

    @Test
    void aSymlinkedDirStaysALinkAndItsTargetGetsTheOutput() throws IOException {
        Path target = Files.createDirectories(tmp.resolve("disk/fleet"));
        Path link = Files.createSymbolicLink(tmp.resolve("out"), target);
        new OutputDirectory(link).replaceWith(output("v1"));
        new OutputDirectory(link).replaceWith(output("v2"));
        assertTrue(Files.isSymbolicLink(link), "the link is kept");
        assertEquals(target, tmp.resolve(Files.readSymbolicLink(link)));
        assertEquals("v2", Files.readString(target.resolve("a/one.txt")));
        try (Stream<Path> s = Files.list(tmp.resolve("disk"))) {
            assertEquals(List.of(target), s.toList(), "no temporaries beside the target");
        }
    }

    @Test
    void aLinkToNothingOrToAFileIsRefused() throws IOException {
        Path dangling = Files.createSymbolicLink(tmp.resolve("out"), tmp.resolve("gone"));
        assertEquals(dangling + " is a symbolic link to " + tmp.resolve("gone") + ", which does not exist",
                new OutputDirectory(dangling).refusal());
        Path file = Files.writeString(tmp.resolve("file"), "x");
        Path toFile = Files.createSymbolicLink(tmp.resolve("out2"), file);
        assertEquals(toFile + " is a symbolic link to " + file + ", which is not a directory",
                new OutputDirectory(toFile).refusal());
        assertThrows(OutputException.class, () -> new OutputDirectory(toFile).replaceWith(output("v1")));
        assertEquals("x", Files.readString(file));
    }

    @Test
    void filesSomeonePutIntoDirAreNamedWhenRemoved() throws IOException {
        Path dir = tmp.resolve("out");
        new OutputDirectory(dir).replaceWith(output("v1"));
        Files.writeString(dir.resolve("notes.txt"), "mine");
        Files.createDirectories(dir.resolve("a/mine"));
        Files.writeString(dir.resolve("a/mine/x.retry"), "mine");
        Files.writeString(dir.resolve("a/one.txt"), "edited: a file the compile wrote, not named");
        OutputDirectory.Result r = new OutputDirectory(dir).replaceWith(List.of(Artefact.text("a/one.txt", "v1")));
        assertEquals(List.of(dir.resolve("a/mine/x.retry"), dir.resolve("notes.txt")), r.removedForeign(),
                "b/two.txt was the compile's own: not named");
        assertEquals(List.of(), r.notRemoved());
        assertEquals(2, r.files());
    }

    // --- what a killed compile left

    private static long deadPid() throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        return p.pid();
    }

    @Test
    void theLeftoversOfKilledCompilesIntoDirAreRemovedAndNothingElse() throws Exception {
        Path dir = tmp.resolve("out");
        new OutputDirectory(dir).replaceWith(output("v1"));
        long dead = deadPid();
        long alive = ProcessHandle.current().pid();
        List<String> leftovers = List.of(".out.new-" + dead + "-1x2y3z", ".out.old-" + dead + "-abc");
        List<String> kept = List.of(".out.new-" + alive + "-abc", ".other.new-" + dead + "-abc",
                ".out.new-" + dead, ".out.newer-" + dead + "-abc", "out.old-" + dead + "-abc");
        for (String name : leftovers) Files.writeString(Files.createDirectories(tmp.resolve(name).resolve("ansible")).resolve("f"), "x");
        for (String name : kept) Files.createDirectory(tmp.resolve(name));
        Path fileNotDir = Files.writeString(tmp.resolve(".out.old-" + dead + "-file"), "a file with the name");
        Path target = Files.createDirectories(tmp.resolve("elsewhere"));
        Path linkNotDir = Files.createSymbolicLink(tmp.resolve(".out.old-" + dead + "-link"), target);
        new OutputDirectory(dir).replaceWith(output("v2"));
        for (String name : leftovers) assertFalse(Files.exists(tmp.resolve(name), LinkOption.NOFOLLOW_LINKS), name);
        for (String name : kept) assertTrue(Files.isDirectory(tmp.resolve(name)), name + " is not a leftover of a dead compile into out");
        assertTrue(Files.exists(fileNotDir));
        assertTrue(Files.isSymbolicLink(linkNotDir) && Files.isDirectory(target));
        assertEquals("v2", Files.readString(dir.resolve("a/one.txt")));
    }

    // --- the user's environment: the path and the system's reason, the previous output untouched

    private void assertNoTemporaries(Path parent, Path... expected) throws IOException {
        try (Stream<Path> s = Files.list(parent)) {
            assertEquals(Set.of(expected), s.collect(java.util.stream.Collectors.toSet()));
        }
    }

    @Test
    void aDirBelowARegularFile() throws IOException {
        Path file = Files.writeString(tmp.resolve("file"), "x");
        OutputException e = assertThrows(OutputException.class,
                () -> new OutputDirectory(file.resolve("out")).replaceWith(output("v1")));
        assertEquals("cannot write " + file.resolve("out") + ": " + file + " is not a directory", e.getMessage());
        assertEquals("x", Files.readString(file));
    }

    private static boolean chattr(String flag, Path p) throws Exception {
        try {
            Process proc = new ProcessBuilder("chattr", flag, p.toString()).redirectErrorStream(true).start();
            proc.getInputStream().readAllBytes();
            return proc.waitFor() == 0;
        } catch (IOException noChattr) {
            return false;
        }
    }

    @Test
    void anImmutableParent() throws Exception {
        Path parent = Files.createDirectories(tmp.resolve("ro"));
        Path dir = parent.resolve("out");
        new OutputDirectory(dir).replaceWith(output("v1"));
        assumeTrue(chattr("+i", parent), "chattr +i needs root and a file system that has it");
        try {
            OutputException e = assertThrows(OutputException.class, () -> new OutputDirectory(dir).replaceWith(output("v2")));
            assertEquals("cannot write " + dir + ": Operation not permitted", e.getMessage());
        } finally {
            chattr("-i", parent);
        }
        assertEquals("v1", Files.readString(dir.resolve("a/one.txt")));
        assertNoTemporaries(parent, dir);
    }

    @Test
    void anImmutableDir() throws Exception {
        Path dir = tmp.resolve("out");
        new OutputDirectory(dir).replaceWith(output("v1"));
        assumeTrue(chattr("+i", dir), "chattr +i needs root and a file system that has it");
        try {
            OutputException e = assertThrows(OutputException.class, () -> new OutputDirectory(dir).replaceWith(output("v2")));
            assertEquals("cannot move " + dir + ": Operation not permitted", e.getMessage());
        } finally {
            chattr("-i", dir);
        }
        assertEquals("v1", Files.readString(dir.resolve("a/one.txt")));
        assertNoTemporaries(tmp, dir);
    }

    /** The new output is in place; what is left of the old one is named, not silently kept. */
    @Test
    void aPreviousOutputThatCannotBeRemoved() throws Exception {
        Path dir = tmp.resolve("out");
        new OutputDirectory(dir).replaceWith(output("v1"));
        assumeTrue(chattr("+i", dir.resolve("b")), "chattr +i needs root and a file system that has it");
        OutputDirectory.Result r;
        try {
            r = new OutputDirectory(dir).replaceWith(output("v2"));
        } finally {
            try (Stream<Path> s = Files.list(tmp)) {
                for (Path p : s.toList()) chattr("-i", p.resolve("b"));
            }
        }
        assertEquals("v22", Files.readString(dir.resolve("b/two.txt")));
        assertEquals(1, r.notRemoved().size());
        String message = r.notRemoved().getFirst().getMessage();
        assertTrue(message.matches("cannot remove \\Q" + tmp + "/.out.old-\\E\\d+-[0-9a-z]+/b/two.txt: Operation not permitted"), message);
    }

    /** A full disk: a 64 KiB tmpfs (mounting needs root, which the tests have in CI). */
    @Test
    void aFullDisk() throws Exception {
        Path mnt = Files.createDirectory(tmp.resolve("small"));
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", mnt.toString())
                .redirectErrorStream(true).start();
        mount.getInputStream().readAllBytes();
        assumeTrue(mount.waitFor() == 0, "mounting a tmpfs needs root");
        try {
            Path dir = mnt.resolve("out");
            new OutputDirectory(dir).replaceWith(output("v1"));
            List<Artefact> big = List.of(Artefact.text("a/one.txt", "v2"), Artefact.text("b/big.txt", "x".repeat(200_000)));
            OutputException e = assertThrows(OutputException.class, () -> new OutputDirectory(dir).replaceWith(big));
            assertEquals("cannot write " + dir.resolve("b/big.txt") + ": No space left on device", e.getMessage());
            assertEquals("v1", Files.readString(dir.resolve("a/one.txt")));
            assertNoTemporaries(mnt, dir);
        } finally {
            new ProcessBuilder("umount", mnt.toString()).inheritIO().start().waitFor();
        }
    }
}
