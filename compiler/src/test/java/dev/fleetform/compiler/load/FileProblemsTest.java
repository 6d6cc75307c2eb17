package dev.fleetform.compiler.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.fleetform.compiler.diag.Diagnostics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** [FILE-NOT-FOUND], [FILE-NOT-REGULAR], [FILE-EMPTY], [FILE-UNREADABLE]: the file itself is the problem. */
class FileProblemsTest {

    @TempDir
    Path tmp;

    @Test
    void missingFile() {
        var loaded = new Fixture(tmp).load("fleet.yaml");
        loaded.single("FILE-NOT-FOUND", "fleet/fleet.yaml:1:1");
        assertNull(loaded.document());
    }

    @Test
    void directory() throws Exception {
        var fixture = new Fixture(tmp);
        Files.createDirectories(fixture.dir().resolve("fleet.yaml"));
        var d = fixture.load().single("FILE-NOT-REGULAR", "fleet/fleet.yaml:1:1");
        fixture.load().assertMessageContains(d, "is a directory");
    }

    @Test
    void emptyFile() {
        var loaded = new Fixture(tmp).write("fleet.yaml", "").load();
        loaded.single("FILE-EMPTY", "fleet/fleet.yaml:1:1");
        assertNull(loaded.document());
    }

    @Test
    void onlyComments() {
        var loaded = new Fixture(tmp).write("fleet.yaml", "# a fleet\n\n   # nothing yet\n").load();
        loaded.single("FILE-EMPTY", "fleet/fleet.yaml:1:1");
        assertNull(loaded.document());
    }

    @Test
    void onlyADocumentMarker() {
        var loaded = new Fixture(tmp).write("fleet.yaml", "# fleet\n---\n").load();
        loaded.single("FILE-EMPTY", "fleet/fleet.yaml:1:1");
        assertNull(loaded.document());
    }

    @Test
    void unreadableFile() {
        // a source that cannot read (permissions, I/O error, a missing git object): root in CI reads everything on disk
        FleetSource failing = new FleetSource() {
            @Override
            public byte[] read(String path, long maxBytes) throws FleetSourceException {
                throw new FleetSourceException(FleetSourceException.Problem.UNREADABLE, path, "permission denied");
            }

            @Override
            public List<String> glob(String pattern) {
                return List.of();
            }

            @Override
            public String displayName(String path) {
                return "repo/" + path;
            }
        };
        Diagnostics out = new Diagnostics();
        assertNull(FleetLoader.load(failing, "fleet.yaml", out).document());
        assertEquals(List.of("repo/fleet.yaml:1:1 FILE-UNREADABLE cannot read the file: permission denied"),
                out.sorted().stream().map(d -> d.location() + " " + d.ruleId() + " " + d.message()).toList());
    }

    @Test
    void displayNameIsThePathAsTheUserGaveIt() throws Exception {
        Path dir = tmp.resolve("fleet-repo-example");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("fleet.yaml"), "a: 1\na: 2\n");
        Path relative = Path.of("").toAbsolutePath().relativize(dir.resolve("fleet.yaml"));
        Diagnostics out = new Diagnostics();
        FleetLoader.load(relative, out);
        assertEquals(relative + ":2:1", out.sorted().get(0).location().toString());
    }
}
