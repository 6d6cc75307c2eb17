package dev.fleetform.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The gallery of common mistakes in fleet-repo-example/broken: {@code validate} prints exactly
 * the reviewed {@code NN-name.expected} for each {@code NN-name.yaml} and exits 1, or 0 for the
 * files whose first comment says "WARNING only". Regenerate the expectations with
 * scripts/update-broken-gallery.sh and read the diff.
 */
class BrokenGalleryTest {

    private static final Path ROOT = Cli.repoRoot();
    private static final Path GALLERY = ROOT.resolve("fleet-repo-example/broken");

    static Stream<String> gallery() throws IOException {
        try (Stream<Path> files = Files.list(GALLERY)) {
            List<String> names = files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".yaml")).sorted().toList();
            return names.stream();
        }
    }

    /**
     * Runs validate the way a user at the repository root would: the test runs in cli/, so it
     * passes an absolute path and prints it relative to the root, as the .expected files have it.
     */
    private static Cli validate(Path file) {
        Cli r = Cli.run("validate", file.toString());
        String prefix = ROOT + file.getFileSystem().getSeparator();
        return new Cli(r.exit(), r.out().replace(prefix, ""), r.err().replace(prefix, ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("gallery")
    void validatePrintsTheExpectedOutput(String name) throws IOException {
        Path yaml = GALLERY.resolve(name);
        Path expectedFile = GALLERY.resolve(name.replaceFirst("\\.yaml$", ".expected"));
        assertTrue(Files.exists(expectedFile), "missing " + ROOT.relativize(expectedFile));
        String expected = Files.readString(expectedFile);

        Cli r = validate(yaml);

        assertEquals(expected, r.out(), "output of fleetform validate " + ROOT.relativize(yaml));
        assertEquals("", r.err());
        boolean warningOnly = Files.readAllLines(yaml).get(0).startsWith("# WARNING only");
        assertEquals(warningOnly ? ExitCodes.OK : ExitCodes.INVALID, r.exit(), "exit code");
    }

    /** Every gallery file shows a mistake that validate catches: no file may pass silently. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("gallery")
    void eachFileSaysWhatIsWrongAndIsCaught(String name) throws IOException {
        Path yaml = GALLERY.resolve(name);
        String first = Files.readAllLines(yaml).get(0);
        assertTrue(first.startsWith("# WRONG: ") || first.startsWith("# WARNING only"),
                name + " must start with a comment saying what is wrong: " + first);
        assertTrue(name.matches("\\d\\d-[a-z0-9-]+\\.yaml"), "NN-short-name.yaml: " + name);
        String severity = first.startsWith("# WRONG: ") ? ": error[" : ": warning[";
        String out = validate(yaml).out();
        assertTrue(out.lines().anyMatch(l -> l.startsWith("fleet-repo-example/broken/" + name + ":") && l.contains(severity)),
                name + " must report at least one" + severity + "...] located in the file:\n" + out);
    }

    @Test
    void exampleFleetIsValidWithoutWarnings() {
        Cli r = validate(ROOT.resolve("fleet-repo-example/fleet.yaml"));
        assertEquals(ExitCodes.OK, r.exit(), r.out());
        List<String> lines = r.out().lines().toList();
        assertEquals(1, lines.size(), "only the summary line, no diagnostics:\n" + r.out());
        assertTrue(lines.get(0).startsWith("fleet-repo-example/fleet.yaml: valid ("), r.out());
        assertFalse(lines.get(0).contains("warning"), r.out());
        assertEquals("", r.err());
    }
}
