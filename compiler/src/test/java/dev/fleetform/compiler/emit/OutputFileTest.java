package dev.fleetform.compiler.emit;

import dev.fleetform.compiler.fault.OutputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class OutputFileTest {

    @TempDir
    Path tmp;

    @Test
    void replacesTheFileAndLeavesNothingBeside() throws IOException {
        Path file = Files.writeString(tmp.resolve("plan.md"), "old");
        OutputFile.write(file, "new".getBytes(StandardCharsets.UTF_8));
        assertEquals("new", Files.readString(file));
        try (Stream<Path> s = Files.list(tmp)) {
            assertEquals(List.of(file), s.toList());
        }
    }

    @Test
    void aLinkStaysALink() throws IOException {
        Path target = Files.writeString(tmp.resolve("real.md"), "old");
        Path link = Files.createSymbolicLink(tmp.resolve("plan.md"), target);
        OutputFile.write(link, "new".getBytes(StandardCharsets.UTF_8));
        assertTrue(Files.isSymbolicLink(link));
        assertEquals("new", Files.readString(target));
    }

    @Test
    void aMissingFolderIsNamed() {
        Path file = tmp.resolve("missing/plan.md");
        OutputException e = assertThrows(OutputException.class, () -> OutputFile.write(file, new byte[1]));
        assertEquals("cannot write " + file + ": No such file or directory", e.getMessage());
    }

    /** A full disk (a 64 KiB tmpfs; mounting needs root) leaves the previous file whole. */
    @Test
    void aFullDiskLeavesThePreviousFile() throws Exception {
        Path mnt = Files.createDirectory(tmp.resolve("small"));
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", mnt.toString())
                .redirectErrorStream(true).start();
        mount.getInputStream().readAllBytes();
        assumeTrue(mount.waitFor() == 0, "mounting a tmpfs needs root");
        try {
            Path file = Files.writeString(mnt.resolve("plan.md"), "the previous plan");
            OutputException e = assertThrows(OutputException.class, () -> OutputFile.write(file, new byte[200_000]));
            assertEquals("cannot write " + file + ": No space left on device", e.getMessage());
            assertEquals("the previous plan", Files.readString(file));
            try (Stream<Path> s = Files.list(mnt)) {
                assertEquals(List.of(file), s.toList());
            }
        } finally {
            new ProcessBuilder("umount", mnt.toString()).inheritIO().start().waitFor();
        }
    }
}
