package dev.fleetform.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CompileCommandTest {
    private static final String EXAMPLE = Cli.repoRoot().resolve("fleet-repo-example/fleet.yaml").toString();

    @TempDir
    Path tmp;

    @Test
    void compilesTheExampleFleetAndSaysHowManyFiles() {
        Path out = tmp.resolve("out");
        Cli r = Cli.run("compile", EXAMPLE, "-o", out.toString());
        assertEquals(0, r.exit(), r::toString);
        assertTrue(r.out().matches("(?s).*compiled \\d+ files into " + java.util.regex.Pattern.quote(out.toString()) + "\n"), r.out());
        assertTrue(Files.isRegularFile(out.resolve("MANIFEST.sha256")));
    }

    @Test
    void anInvalidFleetWritesNothingAndExitsOne() throws IOException {
        Path file = Files.writeString(tmp.resolve("fleet.yaml"), ValidateCommandTest.TYPO);
        Path out = tmp.resolve("out");
        Cli r = Cli.run("compile", file.toString(), "-o", out.toString());
        assertEquals(1, r.exit(), r::toString);
        assertTrue(r.out().contains("error[SCHEMA-UNKNOWN-KEY]") && r.out().endsWith("nothing written: fix the errors above first\n"), r.out());
        assertFalse(Files.exists(out));
    }

    @Test
    void anOutputThatCannotBeWrittenIsAPlainErrorWithExitSeventyThree() throws IOException {
        Path notADirectory = Files.writeString(tmp.resolve("a-file"), "x");
        Path out = notADirectory.resolve("out");
        Cli r = Cli.run("compile", EXAMPLE, "-o", out.toString());
        assertEquals(73, r.exit(), r::toString);
        assertTrue(r.err().startsWith("fleetform compile: cannot write " + out + ": "), r.err());
        assertTrue(r.err().contains("\n  hint: "), r.err());
        assertFalse(r.err().contains("internal error") || r.err().contains("\tat "), "not a bug, no stack trace: " + r.err());
        assertEquals("x", Files.readString(notADirectory), "the file in the way is left alone");
    }

    @Test
    void aDirectoryFleetformDidNotWriteIsRefusedBeforeAnyWork() throws IOException {
        Path out = Files.createDirectories(tmp.resolve("mine"));
        Files.writeString(out.resolve("notes.txt"), "keep");
        Cli r = Cli.run("compile", EXAMPLE, "-o", out.toString());
        assertEquals(2, r.exit(), r::toString);
        assertTrue(r.err().contains("was not written by fleetform compile"), r.err());
        assertEquals("keep", Files.readString(out.resolve("notes.txt")));
    }
}
